# Bad values: addresses, masks, ports, port ranges, services and protocols, with exact text and exit codes
iptables -A INPUT -s 300.1.1.1 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -s 10.0.0.0/33 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -d 10.0.0.0/255.0.255.1 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p tcp --dport 70000 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p tcp --dport 30:20 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p tcp --dport nosuchservice -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p nosuchproto -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p 256 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -i eth0 -i eth1 -j ACCEPT
echo "rc=$?"
iptables -S
