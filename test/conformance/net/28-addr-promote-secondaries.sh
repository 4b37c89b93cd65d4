# With net.ipv4.conf.veth0.promote_secondaries=1, deleting the primary promotes the next secondary.
ip link add veth0 type veth peer name ceth0
sysctl -w net.ipv4.conf.veth0.promote_secondaries=1
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth0
ip addr add 10.0.0.3/24 dev veth0
ip addr del 10.0.0.1/24 dev veth0
ip -4 addr show dev veth0
ip route show table local
