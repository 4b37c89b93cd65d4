# -F of one chain and of a table, -Z of all/one chain, -L -Z together, -F on a missing chain
iptables -N user
iptables -A INPUT -j ACCEPT
iptables -A OUTPUT -j ACCEPT
iptables -A user -j ACCEPT
iptables -F OUTPUT
echo "rc=$?"
iptables -S
iptables -F
echo "rc=$?"
iptables -S
iptables -F nosuch
echo "rc=$?"
iptables -Z
echo "rc=$?"
iptables -Z INPUT
echo "rc=$?"
iptables -Z nosuch
echo "rc=$?"
iptables -L -Z -n -v
echo "rc=$?"
iptables -t nat -F
iptables-save -t nat
