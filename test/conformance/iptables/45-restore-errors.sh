# A restore file with an error: the message names the line, nothing is applied (atomic), exit status
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
cat > bad.rules <<'RULES'
*filter
:INPUT ACCEPT [0:0]
-A INPUT -s 10.0.0.2 -j ACCEPT
-A INPUT -s 10.0.0.3 -j NOSUCH
COMMIT
RULES
iptables-restore < bad.rules
echo "rc=$?"
iptables -S
printf '*filter\n-A INPUT -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n-A INPUT -j ACCEPT\n' | iptables-restore
echo "rc=$?"
printf '*bogus\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n:INPUT ACCEPT [0:0]\n-A NOCHAIN -j ACCEPT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf -- '-A INPUT -j ACCEPT\n' | iptables-restore
echo "rc=$?"
printf '*filter\nbogus line\nCOMMIT\n' | iptables-restore
echo "rc=$?"
iptables -S
