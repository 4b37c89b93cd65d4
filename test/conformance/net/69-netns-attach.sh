# ip netns attach names the namespace of a running process (this shell): the root namespace gets a name and an id.
ip netns add red
ip netns attach root $$
echo "rc=$?"
ip netns list
ip link add veth0 type veth peer name ceth0 netns red
ip netns list
ip -n red link
ip netns identify $$
ip netns exec red ip netns list
ip netns attach root $$
echo "rc=$?"
