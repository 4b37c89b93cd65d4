# conntrack -L/-C/-F after pings in a namespace that tracks (timeouts in column 3 count down and vary by a second)
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b conntrack -L
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ping -c2 -i 0.2 -W1 -e 4660 10.0.0.2 >/dev/null
echo "rc=$?"
ip netns exec b conntrack -L
ip netns exec b conntrack -C
ip netns exec b conntrack -L -p tcp
ip netns exec b iptables -L INPUT -n -v
ip netns exec b conntrack -F
ip netns exec b conntrack -C
