# Adding a namespace that already exists fails with "File exists" and exit status 1.
ip netns add red
echo "rc=$?"
ip netns add red
echo "rc=$?"
ip netns list
