# LOG: messages in the kernel log for pings between two namespaces, read with dmesg and its
# -x, -r, -t, -l and -k switches; the rules as -S and -L print them.
# host-sysctl: net.netfilter.nf_log_all_netns=1
dmesg -C
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip -n b link set lo up
ip netns exec b iptables -A INPUT -p icmp -j LOG --log-prefix "LBT-IN: "
ip netns exec b iptables -A OUTPUT -p icmp -j LOG --log-prefix "LBT-OUT: " --log-level info --log-uid
ip netns exec a iptables -A OUTPUT -j LOG --log-prefix "LBT-A " --log-level 7
ip netns exec a iptables -A OUTPUT -j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-macdecode --log-level 3
ip netns exec a iptables -S OUTPUT
ip netns exec a iptables -L OUTPUT -n
ip netns exec a iptables -L OUTPUT
ip netns exec b iptables -S
ip netns exec a ping -c2 -i0.2 -W1 10.0.0.2 >/dev/null
ip netns exec b ping -c1 -W1 127.0.0.1 >/dev/null
dmesg | grep -c LBT
dmesg | grep LBT
dmesg -x | grep 'LBT-IN'
dmesg -r | grep 'LBT-A'
dmesg -t -l info | grep LBT
dmesg -k -l err | grep -c 'IN= OUT=va'
dmesg -t --level=debug,warn | grep LBT | head -3
