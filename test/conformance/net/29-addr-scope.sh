# Address scopes: global (default), host, link, numeric; ip addr show scope filters.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth0 scope host
ip addr add 10.0.2.1/24 dev veth0 scope link
ip addr add 10.0.3.1/24 dev veth0 scope 100
ip addr show dev veth0
ip addr show scope host
ip addr show scope link
ip addr show scope global
ip addr add 10.0.4.1/24 dev veth0 scope bogus
echo "rc=$?"
