# NAT targets in a user chain: DNAT reached from PREROUTING works; a jump to it from POSTROUTING is refused; addrtype LOCAL in the nat chain
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip route add 192.0.2.0/24 via 10.0.0.2
ip netns exec b iptables -t nat -N vip
ip netns exec b iptables -t nat -A vip -d 192.0.2.10 -j DNAT --to-destination 10.0.0.2
ip netns exec b iptables -t nat -A PREROUTING -m addrtype ! --dst-type LOCAL -j vip
ip netns exec b iptables -t nat -A POSTROUTING -j vip
echo "rc=$?"
ip netns exec b iptables -t nat -A vip -j MASQUERADE
echo "rc=$?"
ping -c2 -i 0.2 -W1 192.0.2.10
echo "rc=$?"
ping -c1 -W1 192.0.2.11
echo "rc=$?"
ip netns exec b iptables -t nat -L -n -v
ip netns exec b iptables -t nat -S
