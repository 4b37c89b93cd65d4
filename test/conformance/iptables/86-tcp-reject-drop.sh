# TCP clients against REJECT and DROP: bash's /dev/tcp connects to a closed port (reset), to
# ports rejected with tcp-reset, icmp-port-unreachable and icmp-host-prohibited, and to a
# dropped port (SYN retransmitted until tcp_syn_retries runs out); counters and conntrack after.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a sysctl -qw net.ipv4.tcp_syn_retries=1
# Kernels since 6.10 retransmit the first SYNs linearly; off, they back off as 6.1 does.
[ ! -e /proc/sys/net/ipv4/tcp_syn_linear_timeouts ] || ip netns exec a sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0
ip netns exec a sysctl net.ipv4.tcp_syn_retries
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j REJECT --reject-with tcp-reset
ip netns exec b iptables -A INPUT -p tcp --dport 82 -j REJECT
ip netns exec b iptables -A INPUT -p tcp --dport 83 -j REJECT --reject-with icmp-host-prohibited
ip netns exec b iptables -A INPUT -p tcp --dport 84 -j DROP
ip netns exec a iptables -A OUTPUT -m conntrack --ctstate NEW -p tcp
for port in 80 81 82 83 84; do
  ip netns exec a bash -c "echo hi > /dev/tcp/10.0.0.2/$port"
  echo "port $port: rc=$?"
done
ip netns exec a bash -c 'exec 3<>/dev/tcp/10.0.0.9/80'
echo "rc=$?"
ip netns exec a bash -c 'echo > /dev/tcp/10.9.9.9/80'
echo "rc=$?"
ip netns exec a bash -c 'echo > /dev/tcp/10.0.0.2/http; echo > /dev/tcp/10.0.0.2/nosuchservice; echo > /dev/udp/10.0.0.2/53'
echo "rc=$?"
ip netns exec a bash -c 'echo > /dev/tcp/nosuchhost/80'
echo "rc=$?"
echo hi > /dev/tcp/10.0.0.2/80
echo "script: rc=$?"
ip netns exec b iptables -L INPUT -v -n
ip netns exec a iptables -L OUTPUT -v -n
ip netns exec a conntrack -L 2>&1 | sort
