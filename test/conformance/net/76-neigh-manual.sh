# ip neigh add/replace/del/flush by hand, one entry per listing (dump order is hash order); flush keeps PERMANENT; errors.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev veth0
ip neigh show
ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:17 dev veth0
echo "rc=$?"
ip neigh replace 10.0.0.8 lladdr 02:00:00:00:00:08 dev veth0 nud reachable
ip neigh show 10.0.0.8
ip neigh show dev veth0 nud reachable
ip neigh flush dev veth0
ip neigh show
ip neigh add 10.0.0.9 lladdr zz dev veth0
echo "rc=$?"
ip neigh del 10.0.0.99 dev veth0
echo "rc=$?"
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev nope
echo "rc=$?"
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09
echo "rc=$?"
