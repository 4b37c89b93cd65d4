# Routes follow addresses: removing the address that makes a gateway reachable removes routes via it; src selection.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth0
ip route add 10.9.0.0/16 via 10.0.0.2
ip route add default via 10.0.1.254 src 10.0.1.1
ip route add 10.8.0.0/16 dev veth0 proto static scope link metric 5
ip route
ip route get 10.9.3.3
ip route get 1.1.1.1
ip addr del 10.0.0.1/24 dev veth0
ip route
ip route add 10.7.0.0/16 via 10.0.1.2 src 10.0.0.1
echo "rc=$?"
