# ip link error messages and exit codes: missing devices, duplicates, unknown types and keywords.
ip link show nope
echo "rc=$?"
ip link set nope up
echo "rc=$?"
ip link del nope
echo "rc=$?"
ip link add veth0 type veth peer name ceth0
ip link add veth0 type veth peer name ceth9
echo "rc=$?"
ip link add veth5 type veth peer name ceth0
echo "rc=$?"
ip link add x0 type nosuchtype
echo "rc=$?"
ip link add x0
echo "rc=$?"
ip link set veth0 bogus
echo "rc=$?"
ip link set veth0
echo "rc=$?"
