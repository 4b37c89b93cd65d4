# -P on built-in chains (ACCEPT/DROP), on a user chain, with a bad target; how the policy shows in -L/-S/save
iptables -P INPUT DROP
echo "rc=$?"
iptables -P FORWARD DROP
iptables -P OUTPUT accept
echo "rc=$?"
iptables -P OUTPUT RETURN
echo "rc=$?"
iptables -P OUTPUT REJECT
echo "rc=$?"
iptables -N mine
iptables -P mine DROP
echo "rc=$?"
iptables -P nosuch DROP
echo "rc=$?"
iptables -P INPUT
echo "rc=$?"
iptables -L -n
iptables -S
iptables -L -n -v
iptables-save
iptables -F
iptables -S INPUT
