# ping an address on a connected subnet that nobody owns: no reply within -W1, exit 1; -w deadline; -q summary.
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip -n red link set ceth0 up; sleep 0.3
ping -c1 -W1 10.0.0.99
echo "rc=$?"
ping -q -c1 -W1 10.0.0.99
echo "rc=$?"
