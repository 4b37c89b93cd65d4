# The raw table: NOTRACK and CT --notrack (both show target CT in -L), CT --zone; NOTRACK outside raw is rejected
iptables -t raw -A PREROUTING -p udp --dport 53 -j NOTRACK
iptables -t raw -A PREROUTING -j CT --notrack
iptables -t raw -A OUTPUT -p udp --sport 53 -j CT --notrack
iptables -t raw -A OUTPUT -j CT --zone 5
iptables -A INPUT -j NOTRACK
echo "rc=$?"
iptables -t raw -S
iptables -t raw -L -n
iptables -t raw -L -n -v
iptables-save -t raw
