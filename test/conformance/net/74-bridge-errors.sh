# bridge tool on missing devices, non-bridge masters, empty listings, and unknown objects/commands.
ip link add veth0 type veth peer name ceth0
bridge link show
echo "rc=$?"
bridge fdb show br nope
echo "rc=$?"
bridge fdb show dev nope
echo "rc=$?"
bridge link set dev nope cost 5
echo "rc=$?"
bridge link set dev veth0 cost 5
echo "rc=$?"
bridge foo
echo "rc=$?"
bridge link foo
echo "rc=$?"
