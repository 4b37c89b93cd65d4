# -L, -L -n, -L -n -v, -L -n -v -x and --line-numbers of a filter table with several rules
iptables -A INPUT -i lo -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -s 10.0.0.0/8 -d 192.168.1.1 -p udp -j DROP
iptables -A INPUT ! -s 172.16.0.0/12 -j REJECT
iptables -A FORWARD -i eth0 -o eth1 -j ACCEPT
iptables -A OUTPUT -o lo -p icmp -j ACCEPT
iptables -L
iptables -L -n
iptables -L -n -v
iptables -L -n -v -x
iptables -L -n --line-numbers
iptables -L -v --line-numbers -n -x
