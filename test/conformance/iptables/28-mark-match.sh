# -m mark --mark value[/mask], decimal vs hex input, negation; -S and -L forms
iptables -A INPUT -m mark --mark 1 -j ACCEPT
iptables -A INPUT -m mark --mark 0x1/0xff -j ACCEPT
iptables -A INPUT -m mark --mark 255/0xffffffff -j ACCEPT
iptables -A INPUT -m mark ! --mark 0x10/0x10 -j DROP
iptables -A INPUT -m mark --mark 0 -j ACCEPT
iptables -A INPUT -m mark --mark 0xffffffff -j ACCEPT
iptables -A INPUT -m connmark --mark 0x2/0x3 -j ACCEPT
iptables -A INPUT -m mark --mark 0x100000000 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m mark --mark zz -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
