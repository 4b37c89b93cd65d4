# ip netns add/list/del: listing order, `ip netns` alone, files under /run/netns.
ip netns add red
ip netns add blue
ip netns add green
ip netns
ip netns list
ls /run/netns
ip netns del blue
ip netns list
ip netns delete green
ip netns show
