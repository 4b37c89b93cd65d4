# netns ids are allocated in the order namespaces are first referenced, not the order they were created.
ip netns add a
ip netns add b
ip netns add c
ip link add va type veth peer name pa
ip link add vc type veth peer name pc
ip link set pc netns c
ip link set pa netns a
ip netns list
ip netns list-id
ip link
ip netns set b 7
ip netns list
ip netns set b 8
echo "rc=$?"
