# -X with no argument deletes every empty unreferenced user chain; a chain with rules; a built-in chain
iptables -N a
iptables -N b
iptables -N c
iptables -A a -j b
iptables -A c -j ACCEPT
iptables -X c
echo "rc=$?"
iptables -X
echo "rc=$?"
iptables -S
iptables -F a
iptables -X
echo "rc=$?"
iptables -S
iptables -X INPUT
echo "rc=$?"
iptables -F
iptables -X
echo "rc=$?"
iptables -S
