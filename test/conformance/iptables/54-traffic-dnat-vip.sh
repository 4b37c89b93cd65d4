# A "virtual IP" that exists only as a DNAT rule in OUTPUT: unreachable without a route, answered by b once routed
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
iptables -t nat -A OUTPUT -d 198.51.100.10 -j DNAT --to-destination 10.0.0.2
ping -c1 -W1 198.51.100.10
echo "rc=$?"
ip route add 198.51.100.0/24 dev v0
ping -c2 -i 0.2 -W1 198.51.100.10
echo "rc=$?"
iptables -t nat -L OUTPUT -n -v
ip netns exec b iptables -A INPUT -p icmp -j REJECT
ping -c1 -W1 198.51.100.10
echo "rc=$?"
