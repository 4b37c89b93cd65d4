# A bridge takes the lowest MAC among its ports until an address is set on it explicitly.
ip link add br0 type bridge
ip link add veth0 address 02:00:00:00:00:50 type veth peer name ceth0
ip link add veth1 address 02:00:00:00:00:20 type veth peer name ceth1
ip link show br0
ip link set veth0 master br0
ip link show br0
ip link set veth1 master br0
ip link show br0
ip link set veth1 nomaster
ip link show br0
ip link set br0 address 02:00:00:00:00:99
ip link set veth1 master br0
ip link show br0
