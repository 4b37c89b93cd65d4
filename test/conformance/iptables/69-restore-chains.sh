# iptables-restore: user chains and policies from the file, chains missing from the file disappear, -X/-N in the file
iptables -N old
iptables -A old -j ACCEPT
iptables -A INPUT -j old
cat > chains.rules <<'RULES'
*filter
:INPUT DROP [3:120]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:new - [0:0]
-A INPUT -j new
-A new -p tcp --dport 22 -j ACCEPT
COMMIT
RULES
iptables-restore < chains.rules
echo "rc=$?"
iptables -L -n -v
iptables-save -c
printf '*filter\n-N extra\n-A extra -j RETURN\n-A INPUT -j extra\nCOMMIT\n' | iptables-restore --noflush
echo "rc=$?"
iptables -S
printf '*filter\n-D INPUT -j extra\n-X extra\nCOMMIT\n' | iptables-restore --noflush
echo "rc=$?"
iptables -S
