# ip_forward is per namespace: a new namespace starts at 0, and writes in one do not leak to the other.
ip netns add red
ip netns add blue
cat /proc/sys/net/ipv4/ip_forward
ip netns exec red cat /proc/sys/net/ipv4/ip_forward
sysctl -w net.ipv4.ip_forward=1
ip netns exec red sysctl net.ipv4.ip_forward
ip netns exec blue sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
ip netns exec blue sysctl net.ipv4.ip_forward
ip netns exec red sysctl net.ipv4.ip_forward
sysctl net.ipv4.ip_forward
ip link add veth0 type veth peer name ceth0 netns red
ip netns exec red sysctl net.ipv4.conf.ceth0.forwarding
sysctl net.ipv4.conf.veth0.forwarding
ip netns exec red sysctl net.ipv4.conf.veth0.forwarding
echo "rc=$?"
