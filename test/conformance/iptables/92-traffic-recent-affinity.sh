# kube-proxy's sessionAffinity: ClientIP in miniature: OUTPUT DNAT to two endpoints chosen by nth, pinned by -m recent --set/--rcheck --seconds 2 --reap until it expires
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b addr add 10.0.0.3/24 dev v1 && ip -n b link set v1 up
ip route add 10.96.0.0/12 dev v0
iptables -t nat -N KUBE-SVC-X
iptables -t nat -N KUBE-SEP-A
iptables -t nat -N KUBE-SEP-B
iptables -t nat -A OUTPUT -d 10.96.0.10/32 -p icmp -j KUBE-SVC-X
iptables -t nat -A KUBE-SVC-X -m comment --comment "ns/svc:port -> 10.0.0.2" -m recent --name KUBE-SEP-A --mask 255.255.255.255 --rsource --rcheck --seconds 2 --reap -j KUBE-SEP-A
iptables -t nat -A KUBE-SVC-X -m comment --comment "ns/svc:port -> 10.0.0.3" -m recent --name KUBE-SEP-B --mask 255.255.255.255 --rsource --rcheck --seconds 2 --reap -j KUBE-SEP-B
iptables -t nat -A KUBE-SVC-X -m statistic --mode nth --every 2 --packet 0 -j KUBE-SEP-A
iptables -t nat -A KUBE-SVC-X -j KUBE-SEP-B
iptables -t nat -A KUBE-SEP-A -p icmp -m recent --set --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.0.0.2
iptables -t nat -A KUBE-SEP-B -p icmp -m recent --set --name KUBE-SEP-B --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.0.0.3
sleep 0.3
for i in 1 2 3 4; do ping -c1 -W1 10.96.0.10 | grep -c 'bytes from'; done
iptables -t nat -L KUBE-SVC-X -n -v
iptables -t nat -L KUBE-SEP-A -n -v
iptables -t nat -L KUBE-SEP-B -n -v
sleep 3
for i in 1 2 3; do ping -c1 -W1 10.96.0.10 | grep -c 'bytes from'; done
iptables -t nat -L KUBE-SVC-X -n -v
iptables -t nat -L KUBE-SEP-A -n -v
iptables -t nat -L KUBE-SEP-B -n -v
ip netns exec b iptables -L -n
