# The seed walkthrough, part 2: bridge up first, ports attached and every end up, sleep 2.5 for DAD; then ip addr, ip route, bridge link.
ip netns add container
ip netns add container_1
ip link add br0 type bridge
ip link set br0 up
ip addr add 172.18.0.1/16 dev br0
ip link add veth0 address 02:00:00:00:00:10 type veth peer name ceth0 netns container
ip link add veth1 address 02:00:00:00:00:11 type veth peer name ceth1 netns container_1
ip link set veth0 master br0 up
ip link set veth1 master br0 up
ip netns exec container ip addr add 172.18.0.10/16 dev ceth0
ip netns exec container_1 ip addr add 172.18.0.20/16 dev ceth1
ip -n container link set ceth0 up; ip -n container_1 link set ceth1 up; sleep 2.5
ip addr
ip route
bridge link
ip netns exec container ip addr
ip netns exec container ip route
ip netns exec container_1 ip -br addr
