# ping over IPv6: ::1, a global address across veth, a link-local one with -I and with %dev (addrgenmode none + nodad; -W2 because the first NS right after link-up is sometimes lost), no route.
ip netns add red
ip link add veth0 type veth peer name ceth0 netns red
ip link set veth0 addrgenmode none
ip -n red link set ceth0 addrgenmode none
ip addr add 2001:db8::1/64 dev veth0 nodad
ip addr add fe80::1/64 dev veth0 nodad
ip -n red addr add 2001:db8::2/64 dev ceth0 nodad
ip -n red addr add fe80::2/64 dev ceth0 nodad
ip link set veth0 up; ip -n red link set ceth0 up; sleep 0.3
ping -c1 ::1
ping -6 -c1 -W2 2001:db8::2
echo "rc=$?"
ping -c1 -W2 -I veth0 fe80::2
echo "rc=$?"
ping -c1 -W2 fe80::2%veth0
ping -c1 -W1 2001:db8:9::1
echo "rc=$?"
ip -6 addr show dev veth0
