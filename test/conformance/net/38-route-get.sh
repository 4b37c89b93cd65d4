# ip route get: loopback, own address, connected host, via a gateway, and an unreachable network.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 up
ip addr add 10.0.0.1/24 dev veth0
ip route get 127.0.0.1
ip route get 10.0.0.1
ip route get 10.0.0.2
ip route get 8.8.8.8
echo "rc=$?"
ip route add default via 10.0.0.254
ip route get 8.8.8.8
ip route get 8.8.8.8 from 10.0.0.1
ip route get 10.0.0.255
ip route get to 1.2.3.4 oif veth0
ip route get 300.1.1.1
echo "rc=$?"
