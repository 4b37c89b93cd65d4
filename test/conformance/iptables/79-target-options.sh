# NAT and mangle/raw target options: service ports, shifted port ranges, bad ranges, repeated options, MARK/CONNMARK conflicts, CT zones and helpers
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:http
echo "rc=$?"
iptables -t nat -A PREROUTING -p tcp -j DNAT --to 1.2.3.4:80-90/100
echo "rc=$?"
iptables -t nat -A PREROUTING -p tcp -j DNAT --to 1.2.3.4:80x
echo "rc=$?"
iptables -t nat -A PREROUTING -p icmp -j DNAT --to 1.2.3.4:80
iptables -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4 --to-destination 1.2.3.5
echo "rc=$?"
iptables -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4 --persistent --random
iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 1000
echo "rc=$?"
iptables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports 80-70
echo "rc=$?"
iptables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports 70:80
echo "rc=$?"
iptables -t nat -A OUTPUT -j LOG --log-level 8
echo "rc=$?"
iptables -t nat -A OUTPUT -j LOG --log-level info --log-macdecode
iptables -t mangle -A PREROUTING -j MARK --and-mark 0x100000000
echo "rc=$?"
iptables -t mangle -A PREROUTING -j MARK --set-mark 1/2/3
echo "rc=$?"
iptables -t mangle -A PREROUTING -j CONNMARK
echo "rc=$?"
iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 1 --save-mark
echo "rc=$?"
iptables -t raw -A PREROUTING -j CT --zone 70000
echo "rc=$?"
iptables -t raw -A PREROUTING -j CT --helper ftp
echo "rc=$?"
iptables -t raw -A PREROUTING -j NOTRACK --notrack
echo "rc=$?"
iptables -t nat -S
iptables -t nat -L -v
iptables -t mangle -S
iptables -t raw -S
iptables -t raw -L -n
iptables-save | grep -v '^#'
