# What ping prints for REJECT --reject-with net/host/admin-prohibited (admin-prohibited is "Packet filtered")
ip netns add b
ip link add v0 type veth peer name v1 netns b
ip addr add 10.0.0.1/24 dev v0 && ip link set v0 up
ip -n b addr add 10.0.0.2/24 dev v1 && ip -n b link set v1 up
for t in icmp-admin-prohibited icmp-net-prohibited icmp-host-prohibited; do
  ip netns exec b iptables -F INPUT
  ip netns exec b iptables -A INPUT -p icmp -j REJECT --reject-with $t
  echo "== $t"
  ping -c1 -W1 10.0.0.2
  echo "rc=$?"
done
ip netns exec b iptables -L INPUT -n -v
