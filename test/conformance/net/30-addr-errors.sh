# ip addr errors: no dev, unknown dev, duplicate add, deleting a missing address, bad prefixes, bad keywords.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24
echo "rc=$?"
ip addr add 10.0.0.1/24 dev nope
echo "rc=$?"
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.1/24 dev veth0
echo "rc=$?"
ip addr del 10.0.0.9/24 dev veth0
echo "rc=$?"
ip addr del 10.0.0.1/16 dev veth0
echo "rc=$?"
ip addr add 10.0.0.300/24 dev veth0
echo "rc=$?"
ip addr add 10.0.0.5/33 dev veth0
echo "rc=$?"
ip addr add 10.0.0.5/24 dev veth0 bogus
echo "rc=$?"
ip addr del dev veth0
echo "rc=$?"
