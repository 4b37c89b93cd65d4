# Route tables: local and main contents, table all, a numbered table, and an IPv6 local table.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link set ceth0 up
ip addr add 10.0.0.1/24 dev veth0
ip route show table local
ip route show table main
ip route add 10.50.0.0/16 via 10.0.0.2 table 100
ip route show table 100
ip route show table all
ip route show table nosuch
echo "rc=$?"
ip route flush table 100
ip route show table 100
