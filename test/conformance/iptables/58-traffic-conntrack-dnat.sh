# conntrack -L of a DNAT'ed ping shows the translated reply tuple; ctstate DNAT and conntrack -D
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip route add 192.0.2.100 via 10.0.0.2
ip netns exec b iptables -t nat -A PREROUTING -d 192.0.2.100 -j DNAT --to-destination 10.0.0.2
ip netns exec b iptables -A INPUT -m conntrack --ctstate DNAT
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW
ping -c1 -W1 -e 4661 192.0.2.100 >/dev/null
echo "rc=$?"
ip netns exec b conntrack -L
ip netns exec b iptables -L INPUT -n -v
ip netns exec b conntrack -D -p icmp
echo "rc=$?"
ip netns exec b conntrack -C
