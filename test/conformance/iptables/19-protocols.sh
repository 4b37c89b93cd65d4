# -p by name and number (tcp udp icmp 6 17 1 all 0 47 132), negated; -S and -L forms of each
iptables -A INPUT -p tcp -j ACCEPT
iptables -A INPUT -p udp -j ACCEPT
iptables -A INPUT -p icmp -j ACCEPT
iptables -A INPUT -p 6 -j ACCEPT
iptables -A INPUT -p 17 -j ACCEPT
iptables -A INPUT -p 1 -j ACCEPT
iptables -A INPUT -p all -j ACCEPT
iptables -A INPUT -p 0 -j ACCEPT
iptables -A INPUT -p 47 -j ACCEPT
iptables -A INPUT -p sctp -j ACCEPT
iptables -A INPUT -p TCP -j ACCEPT
iptables -A INPUT ! -p tcp -j DROP
iptables -A INPUT -p ! udp -j DROP
echo "rc=$?"
iptables -A INPUT ! -p all -j DROP
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT
iptables -L INPUT -n
iptables -L INPUT -n -v
