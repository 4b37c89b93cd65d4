# A veth pair entirely between two named namespaces: each side sees the other via link-netnsid, ids in each ns.
ip netns add left
ip netns add right
ip link add l0 netns left type veth peer name r0 netns right
echo "rc=$?"
ip link
ip netns list
ip -n left link
ip -n right link
ip -n left netns list-id
ip -n right netns list-id
ip netns exec left ip netns list
