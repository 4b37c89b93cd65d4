# SNAT --to-source forms and MASQUERADE with --to-ports, --random, --random-fully; errors in the wrong chain
iptables -t nat -A POSTROUTING -o eth0 -j SNAT --to-source 203.0.113.1
iptables -t nat -A POSTROUTING -p tcp -j SNAT --to-source 203.0.113.1:1024-2048
iptables -t nat -A POSTROUTING -j SNAT --to-source 203.0.113.1-203.0.113.9
iptables -t nat -A POSTROUTING -j SNAT --to-source 203.0.113.1 --random-fully
iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -o eth0 -j MASQUERADE
iptables -t nat -A POSTROUTING -j MASQUERADE --random-fully
iptables -t nat -A POSTROUTING -j MASQUERADE --random
iptables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1024-65535
iptables -t nat -A POSTROUTING -p udp -j MASQUERADE --to-ports 5000
iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 5000
echo "rc=$?"
iptables -t nat -A PREROUTING -j MASQUERADE
echo "rc=$?"
iptables -t nat -A PREROUTING -j SNAT --to-source 1.1.1.1
echo "rc=$?"
iptables -t nat -S POSTROUTING
iptables -t nat -L POSTROUTING -n
iptables -t nat -L POSTROUTING -n -v
