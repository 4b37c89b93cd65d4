# -s/-d with hosts, CIDR, dotted masks, non-canonical CIDRs (10.1.2.3/8), /0 and negation; -S and -L forms
iptables -A INPUT -s 10.1.2.3 -j ACCEPT
iptables -A INPUT -s 10.1.2.3/8 -j ACCEPT
iptables -A INPUT -d 192.168.77.5/24 -j ACCEPT
iptables -A INPUT -s 10.11.12.13/255.0.255.0 -j ACCEPT
iptables -A INPUT -s 10.11.12.13/255.255.0.0 -j ACCEPT
iptables -A INPUT -s 0.0.0.0/0 -d 0/0 -j ACCEPT
iptables -A INPUT ! -s 172.16.0.0/12 ! -d 10.0.0.1/32 -j DROP
iptables -A INPUT -s 1.2.3.4/31 -d 5.6.7.8/1 -j DROP
iptables -A INPUT ! -s 0.0.0.0/0 -j DROP
echo "rc=$?"
iptables -A INPUT -s 10.0.0.1,10.0.0.2 -j ACCEPT
iptables -S INPUT
iptables -L INPUT
iptables -L INPUT -n
iptables -L INPUT -n -v
