# -R N replaces a rule in place; -R without a number or past the end fails
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -s 10.0.0.2 -j ACCEPT
iptables -R INPUT 2 -s 10.0.0.22 -p tcp --dport 22 -j DROP
echo "rc=$?"
iptables -R INPUT 1 -j REJECT
echo "rc=$?"
iptables -S INPUT
iptables -R INPUT 3 -j ACCEPT
echo "rc=$?"
iptables -R INPUT -j ACCEPT
echo "rc=$?"
iptables -R INPUT 0 -j ACCEPT
echo "rc=$?"
iptables -R FORWARD 1 -j ACCEPT
echo "rc=$?"
iptables -L INPUT -n --line-numbers
