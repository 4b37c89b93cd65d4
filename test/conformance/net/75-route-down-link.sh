# Routes need an up link: with the link down a gateway is "invalid" and a dev route gives "Network is down"; nothing in the table.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip route add 10.9.0.0/16 via 10.0.0.2
echo "rc=$?"
ip route add 10.8.0.0/16 dev veth0
echo "rc=$?"
ip route add 10.6.0.0/16 via 10.0.0.1
echo "rc=$?"
ip route
ip route get 10.0.0.2
echo "rc=$?"
ip link set veth0 up
ip route add 10.8.0.0/16 dev veth0
echo "rc=$?"
ip route
