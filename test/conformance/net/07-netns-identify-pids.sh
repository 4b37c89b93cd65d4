# ip netns identify and ip netns pids for the root namespace, a named one and a missing one.
ip netns add red
ip netns identify
echo "rc=$?"
ip netns identify $$
echo "rc=$?"
ip netns exec red ip netns identify
ip netns exec red bash -c 'ip netns identify $$'
ip netns pids red
echo "rc=$?"
ip netns pids nope
echo "rc=$?"
ip netns identify 999999999
echo "rc=$?"
