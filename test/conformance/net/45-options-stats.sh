# -s counters: all zero on down links; exact counts after a ping over IPv4-only links (IPv6 disabled to stop ND/MLD noise).
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip -s link show veth0
sysctl -q -w net.ipv6.conf.veth0.disable_ipv6=1
ip netns exec red sysctl -q -w net.ipv6.conf.ceth0.disable_ipv6=1
ip addr add 10.0.0.1/24 dev veth0
ip -n red addr add 10.0.0.2/24 dev ceth0
ip link set veth0 up
ip -n red link set ceth0 up; sleep 0.3
ping -c2 -i0.2 -W1 10.0.0.2 >/dev/null
echo "rc=$?"
ip -s link show veth0
ip -s -s link show veth0
ip -n red -s link show ceth0
ip -s addr show dev veth0
