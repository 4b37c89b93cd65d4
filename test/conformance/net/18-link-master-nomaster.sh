# master/nomaster: `master br0` in link output, ip link show master, bridge link, and errors.
ip link add br0 type bridge
ip link add veth0 type veth peer name ceth0
ip link add veth1 type veth peer name ceth1
ip link set veth0 master br0
ip link set dev veth1 master br0
ip link show master br0
bridge link
ip link set veth0 nomaster
ip link show master br0
ip link set veth0 master nope
echo "rc=$?"
ip link set veth0 master ceth1
echo "rc=$?"
ip link set br0 master br0
echo "rc=$?"
ip link show master nope
echo "rc=$?"
