# Moving a link into a namespace brings it down, drops its addresses and bridge membership; the old name is gone from root.
ip netns add red
ip link add br0 type bridge
ip link add veth0 type veth peer name ceth0
ip link set veth0 master br0
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip link set ceth0 up
ip link set veth0 netns red
ip -n red addr
ip link show master br0
ip link show ceth0
ip link set veth0 up
echo "rc=$?"
ip -n red link set veth0 up
ip link show ceth0
