# ip route replace creates or overwrites; change and append; metrics keep separate routes.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 up
ip addr add 10.0.0.1/24 dev veth0
ip route replace 10.9.0.0/16 via 10.0.0.2
ip route
ip route replace 10.9.0.0/16 via 10.0.0.3
ip route
ip route add 10.9.0.0/16 via 10.0.0.4 metric 50
ip route change 10.9.0.0/16 via 10.0.0.5
ip route
ip route change 10.8.0.0/16 via 10.0.0.5
echo "rc=$?"
ip route append 10.9.0.0/16 via 10.0.0.6
echo "rc=$?"
ip route show 10.9.0.0/16
ip route del 10.9.0.0/16
ip route
