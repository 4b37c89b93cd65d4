# ifindex allocation: pairs take consecutive numbers (peer first); deleted numbers are not reused right away.
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip link add br0 type bridge
ip link del a0
ip link add c0 type veth peer name c1
ip link
ip link add d0 type veth peer name d1
ip link del b1
ip link add e0 type veth
ip link
