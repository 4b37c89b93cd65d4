# Devices that cannot change namespace (lo, bridge) refuse `ip link set ... netns`; veth ends can.
ip netns add red
ip link add br0 type bridge
ip link set lo netns red
echo "rc=$?"
ip link set br0 netns red
echo "rc=$?"
ip link add veth0 type veth peer name ceth0
ip link set veth0 netns red
echo "rc=$?"
ip -n red -br link
ip -br link
