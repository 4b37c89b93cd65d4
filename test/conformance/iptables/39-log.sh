# LOG with --log-prefix (quoting, 30 chars), --log-level names and numbers, tcp/ip options and uid flags; -S and -L
iptables -A INPUT -j LOG
iptables -A INPUT -j LOG --log-prefix "IN: "
iptables -A INPUT -j LOG --log-prefix dropped --log-level 4
iptables -A INPUT -j LOG --log-level debug
iptables -A INPUT -j LOG --log-level warning
iptables -A INPUT -j LOG --log-level 7
iptables -A INPUT -j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid
iptables -A INPUT -j LOG --log-prefix 'a "q"'
iptables -A INPUT -j LOG --log-level bogus
echo "rc=$?"
iptables -A INPUT -j LOG --log-prefix pppppppppppppppppppppppppppppp
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
