# The seed walkthrough, part 3: ping container to container, to the bridge and from the root across br0; nothing beyond 172.18/16.
ip netns add container
ip netns add container_1
ip link add br0 type bridge
ip link set br0 up
ip addr add 172.18.0.1/16 dev br0
ip link add veth0 type veth peer name ceth0 netns container
ip link add veth1 type veth peer name ceth1 netns container_1
ip link set veth0 master br0 up
ip link set veth1 master br0 up
ip netns exec container ip addr add 172.18.0.10/16 dev ceth0
ip netns exec container_1 ip addr add 172.18.0.20/16 dev ceth1
ip -n container link set ceth0 up; ip -n container_1 link set ceth1 up; sleep 0.3
ip netns exec container ping -c1 -W1 172.18.0.20
ip netns exec container_1 ping -c2 -i0.2 -W1 172.18.0.10
ip netns exec container ping -c1 -W1 172.18.0.1
ping -c1 -W1 172.18.0.20
ip netns exec container ping -c1 -W1 8.8.8.8
echo "rc=$?"
