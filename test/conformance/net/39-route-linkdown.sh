# Routes via a link whose peer is down are flagged linkdown; a route via a gateway on that link too.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip route add 10.9.0.0/16 via 10.0.0.2
echo "rc=$?"
ip route
ip route get 10.9.1.1
ip -d route
ip link set ceth0 up
ip route
