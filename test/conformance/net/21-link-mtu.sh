# ip link set mtu: valid values on veth and bridge, too large, too small, not a number.
ip link add veth0 type veth peer name ceth0
ip link set veth0 mtu 9000
echo "rc=$?"
ip link show veth0
ip link show ceth0
ip link set veth0 mtu 65536
echo "rc=$?"
ip link set veth0 mtu 67
echo "rc=$?"
ip link set veth0 mtu abc
echo "rc=$?"
ip link set lo mtu 1280
ip link show lo
ip link add br0 type bridge
ip link set veth0 master br0
ip link show br0
ip link add veth1 mtu 1400 type veth peer name ceth1
ip link show veth1
