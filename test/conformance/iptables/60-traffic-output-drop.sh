# Locally generated traffic over lo hit by OUTPUT DROP (silent loss) and OUTPUT REJECT (plain, and echo-request only)
ping -c1 -W1 127.0.0.1
iptables -A OUTPUT -o lo -p icmp -j DROP
ping -c1 -W1 127.0.0.1
echo "rc=$?"
iptables -R OUTPUT 1 -o lo -p icmp -j REJECT
ping -c1 -W1 127.0.0.1
echo "rc=$?"
iptables -R OUTPUT 1 -o lo -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
ping -c1 -W1 127.0.0.1
echo "rc=$?"
iptables -L OUTPUT -n -v
