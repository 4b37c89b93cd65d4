# Deleting a namespace destroys the veth ends inside it, so their root-side peers vanish too; ids are released.
ip netns add red
ip netns add blue
ip link add veth0 type veth peer name ceth0 netns red
ip link add veth1 type veth peer name ceth1 netns blue
ip netns list
ip -br link
ip netns del red
sleep 0.2
ip -br link
ip netns list
ip netns add red
ip link add veth2 type veth peer name ceth2 netns red
ip netns list
