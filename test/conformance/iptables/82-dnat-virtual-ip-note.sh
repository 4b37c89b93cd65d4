# The content note's DNAT virtual IP: OUTPUT DNAT in a client namespace, ping, nat vs filter counters, conntrack.
ip netns add client
ip netns add server
ip link add veth-c type veth peer name veth-s
ip link set veth-c netns client
ip link set veth-s netns server
ip -n client addr add 10.0.0.1/24 dev veth-c
ip -n server addr add 10.0.0.2/24 dev veth-s
ip -n client link set veth-c up
ip -n server link set veth-s up
ip -n client link set lo up
ip -n server link set lo up
ip netns exec client ip route add 10.96.0.0/12 dev veth-c
ip netns exec client iptables -t nat -A OUTPUT -d 10.96.0.10/32 -p icmp -j DNAT --to-destination 10.0.0.2
ip netns exec client iptables -t nat -S OUTPUT
ip netns exec client iptables -P OUTPUT ACCEPT
sleep 0.3
ip netns exec client ping -c3 -i0.2 10.96.0.10
ip netns exec client iptables -t nat -L OUTPUT -n -v
ip netns exec client iptables -L OUTPUT -n -v
ip netns exec client conntrack -L 2>&1 | sed -E 's/ id=[0-9]+/ id=ID/g; s/^icmp     1 [0-9]+ /icmp     1 T /'
