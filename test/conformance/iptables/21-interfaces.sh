# -i/-o with exact names, + wildcards, "+" alone, negation and 15-char names; -S and -L -v columns
iptables -A FORWARD -i eth0 -o eth1 -j ACCEPT
iptables -A FORWARD -i eth+ -j ACCEPT
iptables -A FORWARD -o + -j ACCEPT
iptables -A FORWARD ! -i veth+ ! -o lo -j DROP
iptables -A FORWARD -i abcdefghijklmno -j DROP
iptables -A FORWARD -i abcdefghijklmnop -j DROP
echo "rc=$?"
iptables -A INPUT -i lo -j ACCEPT
iptables -A OUTPUT -o lo -j ACCEPT
iptables -S
iptables -L FORWARD -n
iptables -L -n -v
