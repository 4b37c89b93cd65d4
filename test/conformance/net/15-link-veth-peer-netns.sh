# Creating the peer directly inside a namespace (peer name X netns NS), then moving and renaming across namespaces.
ip netns add red
ip netns add blue
ip link add veth0 type veth peer name ceth0 netns red
ip link
ip -n red link
ip -n red link set ceth0 netns blue
ip link show veth0
ip -n blue link
ip -n blue link set ceth0 name eth0
ip -n blue link show eth0
ip link show veth0
ip netns list
