# CONNMARK --set-mark on a connection's first packet, -m connmark on later ones, MARK restored from the connection, conntrack -L showing mark=
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b iptables -t mangle -A PREROUTING -m conntrack --ctstate NEW -j CONNMARK --set-mark 0x7
ip netns exec b iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark
ip netns exec b iptables -A INPUT -m connmark --mark 0x7
ip netns exec b iptables -A INPUT -m mark --mark 0x7
ip netns exec b iptables -A OUTPUT -m connmark --mark 0x7
ip netns exec b iptables -A OUTPUT -m mark --mark 0x7
ping -c3 -i 0.2 -W1 -e 4663 10.0.0.2 >/dev/null
echo "rc=$?"
ip netns exec b conntrack -L
ip netns exec b conntrack -L -m 7
ip netns exec b iptables -t mangle -L PREROUTING -n -v
ip netns exec b iptables -L -n -v
