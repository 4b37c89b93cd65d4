# Default routes: add via a gateway on a connected subnet, show, show default, delete, dev-only default.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 up
ip addr add 10.0.0.1/24 dev veth0
ip route add default via 10.0.0.254
echo "rc=$?"
ip route
ip route show default
ip route add 192.168.10.0/24 via 10.0.0.2 dev veth0
ip route add 192.168.20.0/24 dev veth0
ip route add 192.168.30.0/24 via 10.0.0.3 metric 100
ip route
ip route del default
ip route add default dev veth0
ip route
ip route del default via 10.0.0.254
echo "rc=$?"
