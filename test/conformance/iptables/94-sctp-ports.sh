# -p sctp / -m sctp --sport/--dport: single ports, ranges, open ranges, service names, negation, -p 132; -S, -L, -L -n, -L -v, iptables-save, -C, -D
iptables -A INPUT -p sctp -m sctp --dport 80 -j ACCEPT
iptables -A INPUT -p sctp --sport 1024:65535 --dport 3868 -j ACCEPT
iptables -A INPUT -p sctp --dport 1000: -j ACCEPT
iptables -A INPUT -p sctp --dport :1023 -j ACCEPT
iptables -A INPUT -p sctp --dport : -j ACCEPT
iptables -A INPUT -p sctp --dport 8080:8080 -j ACCEPT
iptables -A INPUT -p sctp ! --dport 22 -j DROP
iptables -A INPUT -p sctp ! --sport 1:1023 --destination-port 5672 -j ACCEPT
iptables -A INPUT -p sctp --source-port amqp -j ACCEPT
iptables -A INPUT -p 132 --dport 9 -j ACCEPT
iptables -A INPUT -p SCTP -m sctp -j ACCEPT
iptables -A INPUT -s 10.0.0.0/8 -m sctp -p sctp --dport 0 -j RETURN
iptables -S INPUT
iptables -L INPUT
iptables -L INPUT -n
iptables -L INPUT -v -n --line-numbers
iptables -L INPUT -v
iptables-save | grep -v '^#'
iptables -C INPUT -p sctp --dport 80 -j ACCEPT; echo "check $?"
iptables -C INPUT -p sctp --dport 81 -j ACCEPT; echo "check $?"
iptables -C INPUT -p sctp -m sctp --dport 1000:65535 -j ACCEPT; echo "check $?"
iptables -D INPUT -p sctp --dport 0:65535 -j ACCEPT; echo "delete $?"
iptables -D INPUT -p sctp --sport amqp -j ACCEPT; echo "delete $?"
iptables -S INPUT
