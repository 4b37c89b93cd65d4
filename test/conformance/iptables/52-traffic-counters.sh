# Packet and byte counters in -L -v/-x after pings (84-byte echo packets), per rule and for the policy
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
ip netns exec b iptables -A INPUT -p tcp -j ACCEPT
ip netns exec b iptables -A OUTPUT -p icmp
ping -c3 -i 0.2 -W1 10.0.0.2
ping -c2 -i 0.2 -s 1000 -W1 10.0.0.2
ip netns exec b iptables -L -n -v
ip netns exec b iptables -L -n -v -x
ip netns exec b iptables-save -c
ip netns exec b iptables -Z INPUT
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables -L OUTPUT -n -v
