# Family filters: -4, -6, -0, -f inet, -family inet6 on addr, route and link listings.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 2001:db8::1/64 dev veth0 nodad
ip -4 addr
ip -6 addr
ip -0 addr
ip -f inet addr show dev veth0
ip -family inet6 addr show dev veth0
ip -4 route
ip -6 route
ip -4 link show veth0
ip -f link addr show dev lo
ip -f nope addr
echo "rc=$?"
