# -D by rule specification and by number; deleting a missing rule or a number past the end
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -s 10.0.0.2 -j DROP
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -p tcp --dport 80 -j ACCEPT
iptables -D INPUT -s 10.0.0.1 -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -D INPUT 2
echo "rc=$?"
iptables -S INPUT
iptables -D INPUT -s 10.0.0.9 -j ACCEPT
echo "rc=$?"
iptables -D INPUT -p tcp --dport 81 -j ACCEPT
echo "rc=$?"
iptables -D INPUT 5
echo "rc=$?"
iptables -D INPUT 0
echo "rc=$?"
iptables -D INPUT -s 10.0.0.2 -j ACCEPT
echo "rc=$?"
iptables -D NOPE 1
echo "rc=$?"
iptables -S INPUT
