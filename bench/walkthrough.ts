// The seed's container-networking walkthrough (namespaces, veth pairs, a bridge) as one
// script, shared by the benchmark and its test.
export const WALKTHROUGH = `ip netns add container
ip link add veth0 type veth peer name ceth0
ip link set ceth0 netns container
ip link set veth0 up
ip netns exec container ip link set lo up
ip netns exec container ip link set ceth0 up
ip netns exec container ip addr add 172.18.0.10/16 dev ceth0
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
ip link set veth0 master br0
ip link set veth1 master br0
ip netns exec container ip addr show ceth0
ip route
`;
