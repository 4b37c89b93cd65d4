# MASQUERADE through a router namespace with ip_forward=1: no reply route without it, replies with it
ip netns add in; ip netns add r; ip netns add out
ip -n r link add ri type veth peer name ii netns in
ip -n r link add ro type veth peer name oo netns out
ip -n in addr add 10.1.0.2/24 dev ii && ip -n in link set ii up && ip -n in route add default via 10.1.0.1
ip -n r addr add 10.1.0.1/24 dev ri && ip -n r link set ri up
ip -n r addr add 203.0.113.1/24 dev ro && ip -n r link set ro up
ip -n out addr add 203.0.113.2/24 dev oo && ip -n out link set oo up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec in ping -c1 -W1 203.0.113.2
echo "rc=$?"
ip netns exec r iptables -t nat -A POSTROUTING -s 10.1.0.0/24 -o ro -j MASQUERADE
ip netns exec in ping -c2 -i 0.2 -W1 203.0.113.2
echo "rc=$?"
ip netns exec r iptables -t nat -L POSTROUTING -n -v
ip netns exec r iptables -L FORWARD -n -v
