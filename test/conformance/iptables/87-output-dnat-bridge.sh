# A service address behind a bridge, as in the container-networking note: the host routes
# 10.96.0.0/12 to br0 and DNATs one address in nat OUTPUT to a namespace on the bridge; ping
# sees the service address answer; counters and the conntrack entry after.
ip netns add container_1
ip link add veth1 type veth peer name ceth1
ip link set veth1 up
ip link set ceth1 netns container_1
ip netns exec container_1 ip link set lo up
ip netns exec container_1 ip link set ceth1 up
ip netns exec container_1 ip addr add 172.18.0.20/16 dev ceth1
ip link add br0 type bridge
ip addr add 172.18.0.1/16 dev br0
ip link set br0 up
ip link set veth1 master br0
ip route add 10.96.0.0/12 dev br0
iptables -t nat -A OUTPUT -d 10.96.0.10/32 -p icmp -j DNAT --to-destination 172.18.0.20
ping -c1 10.96.0.10
echo "rc=$?"
ping -c1 -W1 10.96.0.11
echo "rc=$?"
iptables -t nat -L OUTPUT -v -n
conntrack -L -p icmp 2>&1 | sort
