# raw NOTRACK and CT --notrack: untracked packets match ctstate UNTRACKED, skip the nat table and leave no conntrack entry
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b iptables -t raw -A PREROUTING -p icmp -j NOTRACK
ip netns exec b iptables -t raw -A OUTPUT -p icmp -j CT --notrack
ip netns exec b iptables -A INPUT -m conntrack --ctstate UNTRACKED
ip netns exec b iptables -A INPUT -m state --state UNTRACKED
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW
ip netns exec b iptables -A OUTPUT -m conntrack --ctstate UNTRACKED
ip netns exec b iptables -t nat -A PREROUTING -p icmp -j DNAT --to-destination 10.0.0.99
ping -c2 -i 0.2 -W1 10.0.0.2
echo "rc=$?"
ip netns exec b conntrack -L
ip netns exec b iptables -L -n -v
ip netns exec b iptables -t raw -L -n -v
ip netns exec b iptables -t nat -L PREROUTING -n -v
