# REDIRECT with and without --to-ports (single port, range), --random; needs -p for ports
iptables -t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080
iptables -t nat -A PREROUTING -p tcp --dport 81 -j REDIRECT --to-ports 8000-8010
iptables -t nat -A PREROUTING -p udp -j REDIRECT --to-ports 53 --random
iptables -t nat -A OUTPUT -d 10.0.0.1 -j REDIRECT
iptables -t nat -A PREROUTING -j REDIRECT --to-ports 8080
echo "rc=$?"
iptables -t nat -A POSTROUTING -p tcp -j REDIRECT --to-ports 1
echo "rc=$?"
iptables -t nat -S
iptables -t nat -L -n
