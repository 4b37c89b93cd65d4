# Ping into a namespace whose INPUT drops (silence, 100% loss) vs rejects (Destination Port Unreachable), with counters
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ping -c1 -W1 10.0.0.2
echo "rc=$?"
ip netns exec b iptables -A INPUT -s 10.0.0.1 -p icmp -j DROP
ping -c1 -W1 10.0.0.2
echo "rc=$?"
ip netns exec b iptables -R INPUT 1 -s 10.0.0.1 -p icmp -j REJECT
ping -c1 -W1 10.0.0.2
echo "rc=$?"
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables -S
