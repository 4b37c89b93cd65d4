# REDIRECT of ICMP: in PREROUTING to the incoming interface's address, in OUTPUT to 127.0.0.1; replies keep the original address
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip route add 192.0.2.77 via 10.0.0.2
ip netns exec b iptables -t nat -A PREROUTING -d 192.0.2.77 -p icmp -j REDIRECT
ping -c1 -W1 192.0.2.77
echo "rc=$?"
ip netns exec b iptables -t nat -L PREROUTING -n -v
ip route add 192.0.2.5 dev v0
iptables -t nat -A OUTPUT -d 192.0.2.5 -p icmp -j REDIRECT
iptables -A INPUT -i lo -d 127.0.0.1 -p icmp
ping -c1 -W1 192.0.2.5
echo "rc=$?"
iptables -L INPUT -n -v
iptables -t nat -L OUTPUT -n -v
