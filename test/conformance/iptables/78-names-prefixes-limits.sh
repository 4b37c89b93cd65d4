# -V and ! -V, -h, iptables-save/-restore option errors, host and network names as addresses, prefixes of reject types and states, multiport and mark limits, empty interface
iptables -V
! iptables -V
iptables ! -V
iptables -h | head -3
iptables-save -h
echo "rc=$?"
iptables-save --bogus
iptables-restore -q < /dev/null
echo "rc=$?"
iptables-restore --tab=nat < /dev/null
echo "rc=$?"
iptables -A INPUT -s localhost -d loopback/8 -j ACCEPT
iptables -A INPUT -s localhost,10.0.0.1 -j DROP
iptables -A INPUT -j REJECT --reject-with icmp-port
iptables -A INPUT -j REJECT --reject-with ICMP-HOST-PROHIBITED
iptables -A INPUT -j REJECT --reject-with icmp
iptables -A INPUT -m conntrack --ctstate new,Est -m conntrack --ctorigsrc localhost
iptables -A INPUT -p icmp --icmp-type echo
echo "rc=$?"
iptables -A INPUT -p icmp --icmp-type 8/0:5
iptables -A INPUT -p icmp --icmp-type 256
echo "rc=$?"
iptables -A INPUT -p udp -m multiport --dports 10:5
echo "rc=$?"
iptables -A INPUT -p udp -m multiport --ports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15
echo "rc=$?"
iptables -A INPUT -p udp -m multiport --ports 1:2,3:4,5:6,7:8,9:10,11:12,13:14
iptables -A INPUT -m mark --mark 0x1/0x1/0x1
echo "rc=$?"
iptables -A INPUT -m mark --mark 1/
echo "rc=$?"
iptables -A FORWARD -i eth+ -o !eth1 -j ACCEPT
iptables -A FORWARD -i "" -j ACCEPT
echo "rc=$?"
iptables -N web
iptables -A web -c 3 4
iptables -S -v
iptables -L -x
iptables -L -n -v --line-numbers
iptables -L FORWARD -v
iptables-save -c
