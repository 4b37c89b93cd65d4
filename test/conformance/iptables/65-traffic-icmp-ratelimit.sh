# REJECT's ICMP errors are rate-limited per destination: a burst of 8 rejected pings gets only 6 errors back
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b sysctl net.ipv4.icmp_ratelimit net.ipv4.icmp_ratemask
ip netns exec b iptables -A INPUT -p icmp -j REJECT
ping -c8 -i 0.01 -W1 10.0.0.2
echo "rc=$?"
ip netns exec b iptables -L INPUT -n -v
