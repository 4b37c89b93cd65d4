# nsenter --net=/var/run/netns/NAME and --net=/run/netns/NAME run ip inside the namespace; a missing file fails.
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip -n red addr add 10.0.0.2/24 dev ceth0
nsenter --net=/var/run/netns/red ip addr
nsenter --net=/run/netns/red ip -br link
nsenter --net=/run/netns/red hostname
nsenter --net=/run/netns/red ip netns identify
nsenter --net=/run/netns/nope ip addr
echo "rc=$?"
nsenter --net=/run/netns/red no-such-command
echo "rc=$?"
nsenter --net=/run/netns/red sh -c 'exit 3'
echo "rc=$?"
