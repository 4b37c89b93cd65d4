# ip route errors: unreachable gateway, duplicate, deleting a missing route, missing device, bad prefixes, gateway on another link.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip addr add 10.0.0.1/24 dev veth0
ip route add default via 192.168.99.1
echo "rc=$?"
ip route add 10.9.0.0/16 via 10.0.0.2
ip route add 10.9.0.0/16 via 10.0.0.3
echo "rc=$?"
ip route del 10.8.0.0/16
echo "rc=$?"
ip route add 10.7.0.0/16 dev nope
echo "rc=$?"
ip route add 10.7.0.1/16 dev veth0
echo "rc=$?"
ip route add 300.0.0.0/8 dev veth0
echo "rc=$?"
ip route add 10.5.0.0/16 via 10.0.0.9 dev ceth0
echo "rc=$?"
ip route
