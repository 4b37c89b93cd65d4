# REJECT with every --reject-with type, its aliases, tcp-reset without -p tcp, REJECT in the nat table
for t in icmp-net-unreachable icmp-host-unreachable icmp-port-unreachable icmp-proto-unreachable icmp-net-prohibited icmp-host-prohibited icmp-admin-prohibited; do
  iptables -A INPUT -j REJECT --reject-with $t
done
iptables -A INPUT -j REJECT --reject-with net-unreach
iptables -A INPUT -j REJECT --reject-with host-prohib
iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset
iptables -A INPUT -j REJECT --reject-with tcp-reset
echo "rc=$?"
iptables -A INPUT -j REJECT --reject-with bogus
echo "rc=$?"
iptables -A INPUT -j REJECT
iptables -t nat -A PREROUTING -j REJECT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
