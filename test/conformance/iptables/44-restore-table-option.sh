# iptables-restore -T TABLE restores only that table from a multi-table file; -T with a table not in the file
cat > multi.rules <<'RULES'
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o eth0 -j MASQUERADE
COMMIT
RULES
iptables-restore -T nat multi.rules
echo "rc=$?"
iptables-save
iptables-restore --table=filter < multi.rules
echo "rc=$?"
iptables-save
iptables -F; iptables -t nat -F
iptables-restore -T mangle multi.rules
echo "rc=$?"
iptables-save
