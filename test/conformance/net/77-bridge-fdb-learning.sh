# The bridge learns the MACs of both namespaces after a ping (bridge fdb show dynamic); IPv6 is off in the namespaces to keep it quiet.
ip netns add a
ip netns add b
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:10 type veth peer name ceth0 netns a address 02:00:00:00:0a:0a
ip link add veth1 address 02:00:00:00:00:11 type veth peer name ceth1 netns b address 02:00:00:00:0b:0b
ip netns exec a sysctl -q -w net.ipv6.conf.ceth0.disable_ipv6=1
ip netns exec b sysctl -q -w net.ipv6.conf.ceth1.disable_ipv6=1
ip -n a addr add 10.0.0.1/24 dev ceth0
ip -n b addr add 10.0.0.2/24 dev ceth1
ip link set br0 up; ip link set veth0 master br0 up; ip link set veth1 master br0 up
ip -n a link set ceth0 up; ip -n b link set ceth1 up; sleep 0.3
bridge fdb show br br0 dynamic
ip netns exec a ping -c1 -W1 10.0.0.2 >/dev/null
echo "rc=$?"
bridge fdb show br br0 dynamic
bridge link
