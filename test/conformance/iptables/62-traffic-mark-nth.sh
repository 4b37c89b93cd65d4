# MARK set in mangle OUTPUT is seen by -m mark in filter; statistic nth drops every second echo request
iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 0x5
iptables -A OUTPUT -m mark --mark 0x5
iptables -A OUTPUT -m mark --mark 0x6
iptables -A INPUT -p icmp --icmp-type echo-request -m statistic --mode nth --every 2 --packet 0 -j DROP
ping -c4 -i 0.2 -W1 127.0.0.1
iptables -t mangle -L OUTPUT -n -v
iptables -L -n -v
