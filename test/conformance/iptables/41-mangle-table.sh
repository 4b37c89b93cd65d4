# The mangle table: its five built-in chains with rules, listed with -L -n -v and -S, plus -t mangle -F/-X
iptables -t mangle -A PREROUTING -i lo -j ACCEPT
iptables -t mangle -A INPUT -p tcp -j MARK --set-mark 2
iptables -t mangle -A FORWARD -j ACCEPT
iptables -t mangle -A OUTPUT -o lo -j RETURN
iptables -t mangle -A POSTROUTING -j ACCEPT
iptables -t mangle -N mychain
iptables -t mangle -A PREROUTING -j mychain
iptables -t mangle -L -n -v
iptables -t mangle -S
iptables -S
iptables -t mangle -F
iptables -t mangle -X
iptables-save
