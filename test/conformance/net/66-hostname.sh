# hostname prints the UTS name; ip netns exec and nsenter --net share it; setting it is visible everywhere in this host.
hostname
ip netns add red
ip netns exec red hostname
hostname web01
hostname
ip netns exec red hostname
nsenter --net=/run/netns/red hostname
cat /proc/sys/kernel/hostname
