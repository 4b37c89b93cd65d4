# ip netns exec runs a command inside a new namespace: lo is down, hostname is shared, exit codes pass through.
ip netns add red
ip netns exec red ip link
ip netns exec red ip addr
ip netns exec red ip link set lo up
ip netns exec red ip addr
ip netns exec red hostname
ip netns exec red false
echo "rc=$?"
ip netns exec red no-such-command
echo "rc=$?"
ip netns exec red bash -c 'exit 7'
echo "rc=$?"
