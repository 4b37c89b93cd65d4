# -m recent lists live as long as a rule names them: deleting the last one forgets the addresses, a longer --hitcount ring flushes the list, --rttl compares the TTL
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
ip netns exec b iptables -A INPUT -p icmp -m recent --name L --rcheck
ip netns exec b iptables -A INPUT -p icmp -m recent --name L --set
sleep 0.3
ping -c2 -i0.2 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables -D INPUT 1
ip netns exec b iptables -I INPUT -p icmp -m recent --name L --rcheck
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp -m recent --name L --rcheck
ip netns exec b iptables -A INPUT -p icmp -m recent --name L --set
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables -A INPUT -p icmp -m recent --name L --rcheck --hitcount 40
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
ip netns exec b iptables -Z INPUT
ip netns exec b iptables -I INPUT -p icmp -m recent --name L --rcheck --rttl
ping -c1 -W1 10.0.0.2 | grep -c 'bytes from'
ping -c1 -t 10 -W1 10.0.0.2 | grep -c 'bytes from'
ping -c1 -t 10 -W1 10.0.0.2 | grep -c 'bytes from'
ip netns exec b iptables -L INPUT -n -v
