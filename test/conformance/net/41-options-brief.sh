# -br (brief) output for link and addr, with -4/-6 filters, once links are up and DAD has finished.
ip link add veth0 type veth peer name ceth0
ip link add br0 type bridge
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth0
ip addr add 2001:db8::1/64 dev veth0 nodad
ip link set veth0 up
ip link set ceth0 up
sleep 2.5
ip -br link
ip -br addr
ip -br -4 addr
ip -br -6 addr
ip -br addr show dev veth0
ip -br link show type veth
ip -brief -c=never link show lo
