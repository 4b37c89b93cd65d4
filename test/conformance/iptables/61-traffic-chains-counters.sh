# Counters through user chains over lo: -j returns to the caller, -g does not, RETURN and policy counts
iptables -N sub
iptables -N gsub
iptables -A INPUT -p icmp --icmp-type echo-request -j sub
iptables -A INPUT -p icmp --icmp-type echo-request -g gsub
iptables -A INPUT -p icmp --icmp-type echo-request
iptables -A sub -j RETURN
iptables -A sub -j DROP
iptables -A gsub -p icmp
iptables -P INPUT ACCEPT
ping -c2 -i 0.2 -W1 127.0.0.1
iptables -L -n -v
iptables -L -n -v -x --line-numbers
