# Errors moving links: missing namespace, missing device, same name already in the target.
ip netns add red
ip link add veth0 type veth peer name ceth0
ip link set ceth0 netns nope
echo "rc=$?"
ip link set nope netns red
echo "rc=$?"
ip -n red link add ceth0 type veth peer name other
ip link set ceth0 netns red
echo "rc=$?"
ip -n nope link
echo "rc=$?"
ip link show
