# DNAT --to-destination ip, ip:port, address ranges, port ranges; errors without -p and outside PREROUTING/OUTPUT
iptables -t nat -A PREROUTING -d 10.0.0.1 -j DNAT --to-destination 192.168.1.1
iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080
iptables -t nat -A PREROUTING -j DNAT --to-destination 1.1.1.1-1.1.1.10
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:1025-65535
iptables -t nat -A PREROUTING -p udp -j DNAT --to-destination 1.1.1.1-1.1.1.10:1025-2000
iptables -t nat -A OUTPUT -p tcp -d 10.9.9.9 --dport 53 -j DNAT --to 127.0.0.1:5353
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:80 --random --persistent
iptables -t nat -A PREROUTING -j DNAT --to-destination 1.1.1.1:80
echo "rc=$?"
iptables -t nat -A PREROUTING -j DNAT
echo "rc=$?"
iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.1.1.1
echo "rc=$?"
iptables -A INPUT -j DNAT --to-destination 1.1.1.1
echo "rc=$?"
iptables -t nat -S
iptables -t nat -L -n
iptables -t nat -L PREROUTING
