# ip neigh after traffic: empty before; REACHABLE on the pinging side, DELAY on the answering side; INCOMPLETE for a silent address.
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip addr add 10.0.0.1/24 dev veth0
ip -n red addr add 10.0.0.2/24 dev ceth0
ip link set veth0 up; ip -n red link set ceth0 up; sleep 0.3
ip neigh show
ping -c1 -W1 10.0.0.2 >/dev/null
echo "rc=$?"
ip neigh show
ip -n red neigh
ip neigh show dev veth0
ip -4 neigh show 10.0.0.2
ip neigh del 10.0.0.2 dev veth0
ping -c1 -W1 10.0.0.9 >/dev/null
echo "rc=$?"
ip neigh show
ip n
