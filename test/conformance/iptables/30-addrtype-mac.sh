# -m addrtype --src-type/--dst-type (with ! and --limit-iface-in) and -m mac --mac-source; -S and -L forms
iptables -A INPUT -m addrtype --dst-type LOCAL -j ACCEPT
iptables -A INPUT -m addrtype --src-type UNICAST --dst-type BROADCAST -j ACCEPT
iptables -A INPUT -m addrtype ! --dst-type MULTICAST -j ACCEPT
iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-in -j ACCEPT
iptables -A INPUT -m addrtype --src-type BLACKHOLE,UNREACHABLE -j DROP
iptables -A INPUT -m mac --mac-source 00:11:22:aa:bb:cc -j ACCEPT
iptables -A INPUT -m mac ! --mac-source 00:11:22:AA:BB:CD -j DROP
iptables -A OUTPUT -m mac --mac-source 00:11:22:33:44:55 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m mac --mac-source 00:11:22 -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
