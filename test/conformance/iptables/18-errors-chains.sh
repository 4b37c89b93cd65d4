# Errors naming chains: missing chain for -A/-I and as -j target, -o in INPUT, -i in OUTPUT, built-in of another table, self-jump
iptables -A NOPE -j ACCEPT
echo "rc=$?"
iptables -I NOPE -j ACCEPT
echo "rc=$?"
iptables -A INPUT -j NOPE
echo "rc=$?"
iptables -A INPUT -o eth0 -j ACCEPT
echo "rc=$?"
iptables -A OUTPUT -i eth0 -j ACCEPT
echo "rc=$?"
iptables -A PREROUTING -j ACCEPT
echo "rc=$?"
iptables -t nat -A FORWARD -j ACCEPT
echo "rc=$?"
iptables -t raw -A INPUT -j ACCEPT
echo "rc=$?"
iptables -N x
iptables -A x -j x
echo "rc=$?"
iptables -S
