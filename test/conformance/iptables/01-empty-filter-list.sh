# A fresh host: every listing form of the empty filter table, and iptables-save printing nothing
iptables -L
echo "rc=$?"
iptables -L -n
iptables -L -n -v
iptables -L -n -v -x
iptables -L -n --line-numbers
iptables -L -n -v --line-numbers
iptables -S
echo "rc=$?"
iptables-save
echo "save rc=$?"
