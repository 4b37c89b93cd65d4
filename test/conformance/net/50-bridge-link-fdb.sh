# bridge link and bridge fdb show for a bridge with two ports before any traffic (fixed MACs); nomaster removes a port.
ip netns add a
ip link add br0 address 02:00:00:00:00:01 type bridge
ip link add veth0 address 02:00:00:00:00:10 type veth peer name ceth0 netns a
ip link add veth1 address 02:00:00:00:00:11 type veth peer name ceth1 address 02:00:00:00:00:12
bridge link
ip link set veth0 master br0
ip link set veth1 master br0
bridge link show
bridge fdb show br br0
bridge fdb show dev veth1
ip link set veth1 nomaster
bridge link
bridge fdb show br br0
