# ip link add TYPE veth with a peer name: the peer gets the lower ifindex; NAME@PEER in the header; show by name.
ip link add veth0 type veth peer name ceth0
echo "rc=$?"
ip link
ip link show veth0
ip link show dev ceth0
ip link show type veth
ip link show type bridge
ip link show up
