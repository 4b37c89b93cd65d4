# -n NS runs ip inside a named namespace, same as ip netns exec; -netns spelling; a missing namespace.
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip -n red link set lo up
ip -n red addr add 10.0.0.2/24 dev ceth0
ip -n red link set ceth0 up
ip -n red addr
ip -netns red route
ip -n red -br link
ip -n red -4 -o addr
ip -n nope link
echo "rc=$?"
ip -n
echo "rc=$?"
