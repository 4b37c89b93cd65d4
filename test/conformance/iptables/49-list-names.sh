# -L without -n: "anywhere", service names for ports, protocol names, icmp names; -n shows numbers instead
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -p tcp --sport 80:443 -j ACCEPT
iptables -A INPUT -p udp --dport 53 -j ACCEPT
iptables -A INPUT -p udp --dport 40000 -j ACCEPT
iptables -A INPUT -p tcp -m multiport --dports 22,80,8080 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
iptables -A INPUT -p 47 -j ACCEPT
iptables -A INPUT -s 0.0.0.0/0 -d 10.0.0.0/8 -j ACCEPT
iptables -L INPUT
iptables -L INPUT -v
iptables -L INPUT -n
