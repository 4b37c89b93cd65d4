# A second address in the same subnet is secondary; deleting the primary deletes its secondaries too.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.2/24 dev veth0
ip addr add 10.0.0.3/24 dev veth0
ip addr add 10.0.1.1/24 dev veth0
ip -4 addr show dev veth0
ip addr show dev veth0 secondary
ip addr show dev veth0 primary
ip addr del 10.0.0.2/24 dev veth0
ip -4 addr show dev veth0
ip addr del 10.0.0.1/24 dev veth0
ip -4 addr show dev veth0
