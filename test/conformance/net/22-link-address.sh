# ip link set address: a valid unicast MAC, a multicast MAC, garbage, and address at creation time.
ip link add veth0 type veth peer name ceth0
ip link set veth0 address 02:11:22:33:44:55
echo "rc=$?"
ip link show veth0
ip link set veth0 address 01:00:5e:00:00:01
echo "rc=$?"
ip link set veth0 address zz:zz
echo "rc=$?"
ip link set veth0 address 00:00:00:00:00:00
echo "rc=$?"
ip link add veth1 address 02:aa:bb:cc:dd:ee type veth peer name ceth1 address 02:aa:bb:cc:dd:ef
ip link show veth1
ip link show ceth1
ip link set dev ceth1 addr 02:00:00:00:00:01
ip link show ceth1
