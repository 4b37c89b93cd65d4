# -m tcp/udp --dport/--sport: single ports, ranges, open ranges, service names, negation; implicit -m tcp
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -p tcp -m tcp --sport 1024:65535 --dport 80 -j ACCEPT
iptables -A INPUT -p tcp --dport 1000: -j ACCEPT
iptables -A INPUT -p tcp --dport :1023 -j ACCEPT
iptables -A INPUT -p tcp --dport 8080:8080 -j ACCEPT
iptables -A INPUT -p tcp ! --dport 22 -j DROP
iptables -A INPUT -p tcp --destination-port https -j ACCEPT
iptables -A INPUT -p udp --dport domain -j ACCEPT
iptables -A INPUT -p udp --sport 53 ! --dport 1:1023 -j ACCEPT
iptables -A INPUT -p udp -m udp --sport 67:68 --dport 67:68 -j ACCEPT
iptables -A INPUT -p 6 --dport 25 -j ACCEPT
iptables -S INPUT
iptables -L INPUT
iptables -L INPUT -n
