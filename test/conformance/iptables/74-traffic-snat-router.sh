# SNAT --to-source on a router: conntrack -L on the router shows the translated reply tuple; ctstate SNAT and DNAT in FORWARD; conntrack filters and -o extended
ip netns add a; ip netns add r; ip netns add c
ip -n r link add ra type veth peer name aa netns a
ip -n r link add rc type veth peer name cc netns c
ip -n a addr add 10.1.0.2/24 dev aa && ip -n a link set aa up && ip -n a route add default via 10.1.0.1
ip -n c addr add 10.2.0.2/24 dev cc && ip -n c link set cc up
ip -n r addr add 10.1.0.1/24 dev ra && ip -n r link set ra up
ip -n r addr add 10.2.0.1/24 dev rc && ip -n r link set rc up
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A POSTROUTING -o rc -j SNAT --to-source 10.2.0.1
ip netns exec r iptables -A FORWARD -m conntrack --ctstate SNAT
ip netns exec r iptables -A FORWARD -m conntrack --ctstate DNAT
ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW
ip netns exec r iptables -A FORWARD -m conntrack --ctstate ESTABLISHED
ip netns exec a ping -c2 -i 0.2 -W1 -e 4662 10.2.0.2 >/dev/null
echo "rc=$?"
ip netns exec r conntrack -L
ip netns exec r conntrack -L -o extended
ip netns exec r conntrack -L -p icmp -s 10.1.0.2
ip netns exec r conntrack -L -s 10.9.9.9
ip netns exec r conntrack -L -p tcp
ip netns exec r conntrack -D -p udp
echo "rc=$?"
ip netns exec r iptables -L FORWARD -n -v
ip netns exec r iptables -t nat -L POSTROUTING -n -v
ip netns exec c conntrack -L
