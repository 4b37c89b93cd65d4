# ping across a veth pair between the root namespace and a named one, both directions, -I by name and by address.
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip -n red addr add 10.0.0.2/24 dev ceth0
ip -n red link set ceth0 up; sleep 0.3
ping -c2 -i0.2 -W1 10.0.0.2
echo "rc=$?"
ip netns exec red ping -c1 -W1 10.0.0.1
ping -c1 -W1 -I veth0 10.0.0.2
ping -c1 -W1 -I 10.0.0.1 10.0.0.2
ping -c1 -W1 -I nope 10.0.0.2
echo "rc=$?"
ping -c1 -w1 10.0.0.2
echo "rc=$?"
