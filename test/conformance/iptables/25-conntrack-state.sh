# -m conntrack --ctstate and -m state --state: order of states, negation, other conntrack options; -S and -L
iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables -A INPUT -m conntrack --ctstate NEW -j ACCEPT
iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
iptables -A INPUT -m conntrack ! --ctstate NEW,UNTRACKED -j DROP
iptables -A INPUT -m conntrack --ctstate DNAT,SNAT -j ACCEPT
iptables -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
iptables -A INPUT -m state --state NEW,INVALID -j DROP
iptables -A INPUT -m state ! --state NEW -j DROP
iptables -A INPUT -m conntrack --ctproto tcp --ctorigdst 10.0.0.1 -j ACCEPT
iptables -A INPUT -m conntrack --ctstatus ASSURED --ctdir ORIGINAL -j ACCEPT
iptables -A INPUT -m conntrack --ctstate BOGUS -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
