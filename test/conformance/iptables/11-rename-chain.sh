# -E renames a user chain and the jumps to it; renaming onto an existing name fails; renaming a built-in chain (last)
iptables -N old
iptables -A INPUT -j old
iptables -A old -j RETURN
iptables -E old new
echo "rc=$?"
iptables -S
iptables -L -n
iptables -N other
iptables -E new other
echo "rc=$?"
iptables -E nosuch x
echo "rc=$?"
iptables -E new INPUT
echo "rc=$?"
iptables -E new
echo "rc=$?"
iptables -S
iptables -E INPUT x
echo "rc=$?"
iptables -S
iptables-save
