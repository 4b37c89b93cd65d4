# -m recent in the packet path: --set records the pinging host, --rcheck --seconds 2 drops it while recent, the entry ages out after 3 seconds
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b iptables -A INPUT -p icmp -m recent --name seen --rcheck --seconds 2 -j DROP
ip netns exec b iptables -A INPUT -p icmp -m recent --name seen --set -j ACCEPT
sleep 0.3
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
sleep 3
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
ping -c1 -W1 10.0.0.2 >/dev/null
ip netns exec b iptables -S INPUT -v
