# proto kernel scope link routes appear with addresses on up links, show linkdown without carrier, vanish when down.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.5.5/32 dev veth0
ip route
ip link set veth0 up
ip route
ip link set ceth0 up
ip route
ip route show dev veth0
ip link set veth0 down
ip route
ip link set veth0 up
ip addr del 10.0.0.1/24 dev veth0
ip route
ip route show table local
