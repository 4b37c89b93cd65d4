# A bridge with no ports: DOWN, then UP/UNKNOWN; NO-CARRIER once it has a down port; carrier when an up port is attached, lost again.
ip link add br0 type bridge
ip link show br0
ip link set br0 up
ip link show br0
ip link add veth0 type veth peer name ceth0
ip link set veth0 master br0
ip link show br0
ip link set veth0 up
ip link set ceth0 up
sleep 1
ip link show br0
ip link show veth0
ip link set ceth0 down
sleep 1
ip link show br0
bridge link
