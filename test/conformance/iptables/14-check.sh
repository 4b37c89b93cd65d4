# -C exit status: 0 when the rule exists, 1 with a message when not, 1 for a missing chain
iptables -A INPUT -s 10.0.0.1 -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -m comment --comment "hello" -j DROP
iptables -C INPUT -s 10.0.0.1 -p tcp --dport 22 -j ACCEPT
echo "rc=$?"
iptables -C INPUT -s 10.0.0.1/32 -p 6 -m tcp --dport 22 -j ACCEPT
echo "rc=$?"
iptables -C INPUT -s 10.0.0.1 -p tcp --dport 23 -j ACCEPT
echo "rc=$?"
iptables -C INPUT -s 10.0.0.1 -p tcp --dport 22 -j DROP
echo "rc=$?"
iptables -C INPUT -m comment --comment "hello" -j DROP
echo "rc=$?"
iptables -C INPUT -m comment --comment "bye" -j DROP
echo "rc=$?"
iptables -C OUTPUT -j ACCEPT
echo "rc=$?"
iptables -C nosuch -j ACCEPT
echo "rc=$?"
iptables -C INPUT
echo "rc=$?"
