# FORWARD policy DROP on a router: forwarding stops; one-way ACCEPT is not enough; ESTABLISHED,RELATED fixes replies
ip netns add a; ip netns add r; ip netns add c
ip -n r link add ra type veth peer name aa netns a
ip -n r link add rc type veth peer name cc netns c
ip -n a addr add 10.1.0.2/24 dev aa && ip -n a link set aa up && ip -n a route add default via 10.1.0.1
ip -n c addr add 10.2.0.2/24 dev cc && ip -n c link set cc up && ip -n c route add default via 10.2.0.1
ip -n r addr add 10.1.0.1/24 dev ra && ip -n r link set ra up
ip -n r addr add 10.2.0.1/24 dev rc && ip -n r link set rc up
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec a ping -c1 -W1 10.2.0.2
ip netns exec r iptables -P FORWARD DROP
ip netns exec r iptables -A FORWARD -i ra -o rc -j ACCEPT
ip netns exec a ping -c1 -W1 10.2.0.2
ip netns exec r iptables -I FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a ping -c1 -W1 10.2.0.2
ip netns exec r iptables -L FORWARD -n -v
