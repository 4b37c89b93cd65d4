# The seed walkthrough, part 1: three namespaces with veth peers moved in, ports on br0 172.18.0.0/16; ids, links, addresses.
ip netns add container
ip netns add container_1
ip netns add container_2
ip link add br0 type bridge
ip link add veth0 address 02:00:00:00:00:10 type veth peer name ceth0
ip link add veth1 address 02:00:00:00:00:11 type veth peer name ceth1
ip link add veth2 address 02:00:00:00:00:12 type veth peer name ceth2
ip link set ceth0 netns container
ip link set ceth1 netns container_1
ip link set ceth2 netns container_2
ip link set veth0 master br0
ip link set veth1 master br0
ip link set veth2 master br0
ip addr add 172.18.0.1/16 dev br0
ip netns exec container ip addr add 172.18.0.10/16 dev ceth0
ip netns exec container_1 ip addr add 172.18.0.20/16 dev ceth1
ip netns exec container_2 ip addr add 172.18.0.30/16 dev ceth2
ip netns list
ip link
ip -n container_2 addr
