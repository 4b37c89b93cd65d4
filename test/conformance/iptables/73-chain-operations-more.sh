# More chain operations: -X of a base chain with a policy, -E onto a built-in name of another table, -N in a fresh table, -F -v and -Z -v on a fresh table, -S/-L of a rule number
iptables -N a
iptables -X INPUT
echo "rc=$?"
iptables -P INPUT DROP
iptables -X INPUT
echo "rc=$?"
iptables -X
echo "rc=$?"
iptables -S
iptables -E a PREROUTING
echo "rc=$?"
iptables -S
iptables -t nat -F -v
iptables -t raw -Z -v
echo "rc=$?"
iptables -t raw -Z OUTPUT
echo "rc=$?"
iptables -t mangle -F INPUT
iptables-save | grep '^[*:]'
iptables -A INPUT -s 1.1.1.1 -j ACCEPT
iptables -A INPUT -s 2.2.2.2 -j ACCEPT
iptables -S INPUT 1
iptables -L INPUT 2 -n --line-numbers
iptables -Z INPUT 9
echo "rc=$?"
iptables -L -v -n -Z INPUT
iptables -S -Z INPUT 1
echo "rc=$?"
iptables -v -A INPUT ! -s 10.0.0.0/8 -i eth0 -p udp --dport 53 -m comment --comment dns -j LOG --log-prefix "d: "
iptables -v -C INPUT ! -s 10.0.0.0/8 -i eth0 -p udp --dport 53 -m comment --comment dns -j LOG --log-prefix "d: "
iptables -v -I INPUT 2 -g a
iptables -v -R INPUT 1 -d 9.9.9.9 -j DROP
iptables -v -D INPUT -d 9.9.9.9 -j DROP
iptables -v -N b
iptables -v -X b
iptables -v -E a c
iptables -v -P FORWARD DROP
iptables -v -F
iptables -v -X
echo "rc=$?"
