# The walkthrough typo: ip netns exec into container_3, which was never created.
ip netns add container
ip netns add container_1
ip netns add container_2
ip netns exec container_3 ip addr add 172.18.0.30/16 dev ceth1
echo "rc=$?"
ip -n container_3 addr
echo "rc=$?"
ip netns exec
echo "rc=$?"
ip netns exec container
echo "rc=$?"
