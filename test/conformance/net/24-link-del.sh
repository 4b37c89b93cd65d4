# Deleting either end of a veth pair removes both; deleting a bridge releases its ports; deleting lo fails.
ip link add veth0 type veth peer name ceth0
ip link add veth1 type veth peer name ceth1
ip link add br0 type bridge
ip link set veth1 master br0
ip link del ceth0
echo "rc=$?"
ip link delete dev br0
ip link
ip link del veth1 type veth
ip link
ip link del lo
echo "rc=$?"
ip link del
echo "rc=$?"
