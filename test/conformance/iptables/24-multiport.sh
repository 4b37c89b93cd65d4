# -m multiport --dports/--sports/--ports with lists, ranges, names and !; the 15-port limit
iptables -A INPUT -p tcp -m multiport --dports 22,80,443 -j ACCEPT
iptables -A INPUT -p tcp -m multiport --sports 1024:2048,3000 -j ACCEPT
iptables -A INPUT -p udp -m multiport --ports 53,123 -j ACCEPT
iptables -A INPUT -p tcp -m multiport ! --dports 1:1023 -j DROP
iptables -A INPUT -p tcp -m multiport --destination-ports http,https -j ACCEPT
iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m multiport --dports 22 -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT
iptables -L INPUT -n
