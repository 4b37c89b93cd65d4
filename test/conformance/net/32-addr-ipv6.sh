# IPv6 addresses: tentative right after add on an up link, nodad, link-local after DAD completes (sleep 2.5).
ip link add veth0 type veth peer name ceth0
ip addr add 2001:db8::1/64 dev veth0
ip -6 addr show dev veth0
ip link set veth0 up
ip link set ceth0 up
ip addr add 2001:db8:1::1/64 dev veth0 nodad
sleep 0.2
ip -6 addr show dev veth0
sleep 2.5
ip -6 addr show dev veth0
ip -6 route
ip addr del 2001:db8::1/64 dev veth0
ip -6 addr show dev veth0 scope global
