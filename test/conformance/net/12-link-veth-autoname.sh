# veth without a peer name gets vethN names; `ip link add type veth` with no name names both ends.
ip link add type veth
echo "rc=$?"
ip link add foo type veth
echo "rc=$?"
ip link add veth9 type veth peer veth8
echo "rc=$?"
ip -br link
ip link add type veth
ip -br link
