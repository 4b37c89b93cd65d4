# ip addr flush: by device, by family, by label; without arguments it refuses.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth0
ip addr add 10.9.0.1/24 dev veth0 label veth0:x
ip addr add 2001:db8::1/64 dev veth0 nodad
ip addr add 10.5.0.1/24 dev ceth0
ip addr flush
echo "rc=$?"
ip addr flush label veth0:x
ip -4 addr flush dev veth0
ip addr show dev veth0
ip addr flush dev veth0
ip addr show dev veth0
ip addr flush dev nope
echo "rc=$?"
ip addr show dev ceth0
