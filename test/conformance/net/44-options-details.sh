# -d (details): veth, bridge and bridge_slave attributes, promiscuity, link-netns on a moved peer; bridge_id of a bridge with a random MAC is 0.
ip netns add red
ip link add veth0 address 02:00:00:00:00:10 type veth peer name ceth0 address 02:00:00:00:00:11
ip link add veth1 address 02:00:00:00:00:20 type veth peer name ceth1 netns red
ip link add br0 address 02:00:00:00:00:30 type bridge
ip -d link show lo
ip -d link show veth0
ip -d link show veth1
ip -d link show br0
ip link set veth0 master br0
ip -d link show veth0
ip -d link show br0
ip -d addr show dev veth0
ip -d route
ip link add br1 type bridge
ip -d link show br1
