# ip -all netns exec runs a command in every named namespace, printing a "netns: NAME" header for each.
ip netns add red
ip netns add blue
ip -n red link set lo up
ip -all netns exec ip -br link
echo "rc=$?"
ip -all netns exec false
echo "rc=$?"
ip -all netns del
ip netns list
echo "rc=$?"
