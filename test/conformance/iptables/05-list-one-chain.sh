# -S CHAIN, -S CHAIN N, -L CHAIN and -L CHAIN N (a single rule), and numbers past the end
iptables -A INPUT -s 1.1.1.1 -j ACCEPT
iptables -A INPUT -s 2.2.2.2 -j DROP
iptables -A OUTPUT -d 3.3.3.3 -j ACCEPT
iptables -S INPUT
iptables -S OUTPUT
iptables -S INPUT 2
iptables -S INPUT 3
echo "rc=$?"
iptables -L INPUT -n
iptables -L INPUT 1 -n
iptables -L INPUT 1 -n -v
iptables -L INPUT 9 -n
echo "rc=$?"
iptables -L NOPE -n
echo "rc=$?"
iptables -S NOPE
echo "rc=$?"
