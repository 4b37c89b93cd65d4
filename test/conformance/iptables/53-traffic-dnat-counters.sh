# ping -c3 to a DNAT'ed address: the nat rule counts only the connection's first packet, filter counts all three
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip route add 192.0.2.100 via 10.0.0.2
ip netns exec b iptables -t nat -A PREROUTING -d 192.0.2.100 -j DNAT --to-destination 10.0.0.2
ip netns exec b iptables -A INPUT -s 10.0.0.1 -d 10.0.0.2 -p icmp
ping -c3 -i 0.2 -W1 192.0.2.100
echo "rc=$?"
ip netns exec b iptables -t nat -L -n -v
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables-save -c -t nat
