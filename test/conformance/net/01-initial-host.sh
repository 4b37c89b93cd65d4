# A fresh host: hostname, only lo (up), its addresses, routes and the empty netns list.
hostname
ip link
ip addr
ip route
ip -6 route
ip netns
echo "rc=$?"
