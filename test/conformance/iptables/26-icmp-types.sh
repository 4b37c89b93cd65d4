# --icmp-type by name, number and type/code, any, negation; how -S (numbers) and -L (names) print them
iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
iptables -A INPUT -p icmp --icmp-type 8 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type echo-reply -j ACCEPT
iptables -A INPUT -p icmp --icmp-type destination-unreachable -j ACCEPT
iptables -A INPUT -p icmp --icmp-type port-unreachable -j ACCEPT
iptables -A INPUT -p icmp --icmp-type 3/1 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type any -j ACCEPT
iptables -A INPUT -p icmp ! --icmp-type time-exceeded -j ACCEPT
iptables -A INPUT -p icmp -m icmp --icmp-type 11/1 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type 200 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type bogus -j ACCEPT
echo "rc=$?"
iptables -A INPUT --icmp-type 8 -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
iptables -L INPUT
