# tracepath -n from one namespace to another through a forwarding middle namespace, and to a directly connected peer.
ip netns add left
ip netns add mid
ip netns add right
ip link add l0 netns left type veth peer name m0 netns mid
ip link add r0 netns right type veth peer name m1 netns mid
ip -n left addr add 10.0.1.2/24 dev l0
ip -n mid addr add 10.0.1.1/24 dev m0
ip -n mid addr add 10.0.2.1/24 dev m1
ip -n right addr add 10.0.2.2/24 dev r0
ip -n left link set l0 up; ip -n mid link set m0 up; ip -n mid link set m1 up; ip -n right link set r0 up; sleep 0.3
ip -n left route add default via 10.0.1.1
ip -n right route add default via 10.0.2.1
ip netns exec mid sysctl -q -w net.ipv4.ip_forward=1
ip netns exec left tracepath -n 10.0.2.2
echo "rc=$?"
ip netns exec left tracepath -n 10.0.1.1
echo "rc=$?"
