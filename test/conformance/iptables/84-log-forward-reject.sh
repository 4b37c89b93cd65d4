# LOG on a router namespace: forwarded packets carry IN= and OUT=, MARK= after a MARK rule,
# and the ICMP error a REJECT sends quotes the rejected packet in brackets.
# host-sysctl: net.netfilter.nf_log_all_netns=1
dmesg -C
for ns in client router server; do ip netns add $ns; done
ip link add c0 netns client type veth peer name r0 netns router
ip link add s0 netns server type veth peer name r1 netns router
ip -n client addr add 10.1.0.2/24 dev c0
ip -n router addr add 10.1.0.1/24 dev r0
ip -n router addr add 10.2.0.1/24 dev r1
ip -n server addr add 10.2.0.2/24 dev s0
for pair in client:c0 router:r0 router:r1 server:s0; do ip -n ${pair%%:*} link set ${pair#*:} up; done
ip -n client route add default via 10.1.0.1
ip -n server route add default via 10.2.0.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip netns exec router iptables -t mangle -A FORWARD -i r0 -j MARK --set-mark 0x2a
ip netns exec router iptables -A FORWARD -j LOG --log-prefix "LBT-FWD: "
ip netns exec router iptables -A FORWARD -p icmp --icmp-type echo-request -m mark --mark 0x2a -m statistic --mode nth --every 2 --packet 1 -j REJECT
ip netns exec router iptables -A OUTPUT -j LOG --log-prefix "LBT-ROUT: "
ip netns exec client ping -c4 -i0.2 -W1 10.2.0.2 | grep -v -e rtt -e '^$' | sed 's/time=.*//'
dmesg -t | grep LBT
ip netns exec router iptables -L FORWARD -v -n
