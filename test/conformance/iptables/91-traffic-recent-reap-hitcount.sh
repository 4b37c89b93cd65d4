# -m recent in the packet path: --reap purges an aged entry, --hitcount counts set packets, --update refreshes, --remove deletes, ! inverts, --rdest and --mask
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b iptables -N reap
ip netns exec b iptables -A INPUT -p icmp -j reap
ip netns exec b iptables -A reap -m recent --name R --rcheck --seconds 1 --reap
ip netns exec b iptables -A reap -m recent --name R --rcheck
ip netns exec b iptables -A reap -m recent --name R --rcheck --hitcount 3
ip netns exec b iptables -A reap -m recent --name R ! --rcheck --hitcount 2
ip netns exec b iptables -A reap -m recent --name K --rcheck
ip netns exec b iptables -A reap -m recent --name K --set --rdest --mask 255.255.255.0
ip netns exec b iptables -A reap -m recent --name K --rcheck --rdest
ip netns exec b iptables -A reap -m recent --name K --rcheck --rsource
ip netns exec b iptables -A reap -m recent --name R --set
sleep 0.3
ping -c3 -i0.2 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L reap -n -v
sleep 2
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L reap -n -v
ip netns exec b iptables -Z reap
ip netns exec b iptables -F reap
ip netns exec b iptables -A reap -m recent --name U --update --seconds 2
ip netns exec b iptables -A reap -m recent --name U --remove
ip netns exec b iptables -A reap -m recent --name U --rcheck
ip netns exec b iptables -A reap -m recent --name U ! --remove
ip netns exec b iptables -A reap -m recent --name U --set
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L reap -n -v
