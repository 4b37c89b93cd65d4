# ACCEPT, DROP, RETURN, jumps to user chains with -j and -g, rules with no target; -S and -L forms
iptables -N sub
iptables -N gsub
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -s 10.0.0.2 -j DROP
iptables -A INPUT -s 10.0.0.3 -j sub
iptables -A INPUT -s 10.0.0.4 -g gsub
iptables -A INPUT -s 10.0.0.5
iptables -A INPUT -s 10.0.0.6 --goto sub
iptables -A sub -j RETURN
iptables -A gsub -j DROP
iptables -A INPUT -g ACCEPT
echo "rc=$?"
iptables -A INPUT -j RETURN
echo "rc=$?"
iptables -S
iptables -L -n
iptables -L -n -v
