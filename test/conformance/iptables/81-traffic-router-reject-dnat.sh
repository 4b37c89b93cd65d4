# A router: FORWARD REJECT answered by the router, DNAT of its own address to a host behind it, mangle MARK seen in FORWARD, conntrack tuples, OUTPUT DROP on the far side
ip netns add a; ip netns add r; ip netns add c
ip -n r link add ra type veth peer name aa netns a
ip -n r link add rc type veth peer name cc netns c
ip -n a addr add 10.1.0.2/24 dev aa && ip -n a link set aa up && ip -n a route add default via 10.1.0.1
ip -n c addr add 10.2.0.2/24 dev cc && ip -n c link set cc up && ip -n c route add default via 10.2.0.1
ip -n r addr add 10.1.0.1/24 dev ra && ip -n r link set ra up
ip -n r addr add 10.2.0.1/24 dev rc && ip -n r link set rc up
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c1 -W1 10.2.0.2
echo "rc=$?"
ip netns exec r iptables -F FORWARD
ip netns exec r iptables -t nat -A PREROUTING -i ra -d 10.1.0.1 -p icmp -j DNAT --to-destination 10.2.0.2
ip netns exec r iptables -t mangle -A PREROUTING -i ra -j MARK --set-mark 9
ip netns exec r iptables -A FORWARD -m mark --mark 9 -j LOG --log-prefix "fw: "
ip netns exec r iptables -A FORWARD -m mark --mark 9 -m conntrack --ctstate DNAT
ip netns exec r iptables -A FORWARD -o rc -m conntrack --ctorigdst 10.1.0.1 --ctrepldst 10.1.0.2
ip netns exec r iptables -A INPUT -m addrtype --dst-type LOCAL
ip netns exec a ping -c2 -i 0.2 -W1 -e 4664 10.1.0.1
echo "rc=$?"
ip netns exec r conntrack -L
ip netns exec r iptables -L FORWARD -n -v
ip netns exec r iptables -L INPUT -n -v
ip netns exec r iptables -t mangle -L -n -v
ip netns exec c iptables -A OUTPUT -o cc -j DROP
ip netns exec a ping -c1 -W1 10.2.0.2
echo "rc=$?"
ip netns exec c iptables -L OUTPUT -n -v
