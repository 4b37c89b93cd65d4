# -L without -n for the extensions whose text changes with names: LOG levels, tcp flags, conntrack addresses, networks, nth, icmp code ranges
iptables -A INPUT -j LOG --log-uid
iptables -A INPUT -j LOG --log-level crit --log-tcp-sequence --log-prefix "x y"
iptables -A INPUT -p tcp --syn
iptables -A INPUT -p tcp --tcp-flags ALL NONE --dport 80 --sport 1024:
iptables -A INPUT -m conntrack --ctorigdst 0.0.0.0/0 --ctrepldst 127.0.0.1 --ctstatus NONE
iptables -A INPUT -m conntrack ! --ctproto udp --ctorigsrcport 53 --ctexpire 10:20 --ctdir REPLY
iptables -A INPUT -s 127.0.0.0/8 -d 169.254.0.0/16
iptables -A INPUT -s 127.0.0.1 -d 0.0.0.0/1
iptables -A INPUT -m state --state ESTABLISHED,UNTRACKED
iptables -A INPUT -p udp --sport 0:65535 -m multiport --sports 5:6
iptables -A INPUT -m statistic --mode nth --every 3 --packet 1
iptables -A INPUT -p icmp --icmp-type 3/4:6
iptables -A INPUT -p icmp --icmp-type ping
iptables -A INPUT -p icmp ! --icmp-type echo-reply
iptables -A INPUT -f
iptables -A INPUT ! -f -p 50
iptables -L INPUT
iptables -L INPUT -v
iptables -S INPUT
