# Deleting a namespace that does not exist, and bad names for ip netns add.
ip netns del nope
echo "rc=$?"
ip netns delete nope
echo "rc=$?"
ip netns add ""
echo "rc=$?"
ip netns add a/b
echo "rc=$?"
ip netns add
echo "rc=$?"
ip netns list
