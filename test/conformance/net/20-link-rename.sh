# ip link set NAME name NEW: while down, while up, to an existing name, to invalid names; the peer's @name follows.
ip link add veth0 type veth peer name ceth0
ip link set veth0 name eth0
echo "rc=$?"
ip link
ip link set eth0 up
ip link set eth0 name eth1
echo "rc=$?"
ip link set eth1 name ceth0
echo "rc=$?"
ip link set eth1 name this-name-is-way-too-long
echo "rc=$?"
ip link set eth1 name "a b"
echo "rc=$?"
ip link set eth0 name eth2
echo "rc=$?"
ip -br link
