# iptables-restore replaces a table's rules; with --noflush (-n) it appends, and :CHAIN lines for existing chains
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -N keep
iptables -A keep -j RETURN
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.2 -j DROP\nCOMMIT\n' | iptables-restore --noflush
echo "rc=$?"
iptables -S
printf '*filter\n:keep - [0:0]\n-A INPUT -s 10.0.0.3 -j keep\nCOMMIT\n' | iptables-restore -n
echo "rc=$?"
iptables -S
printf '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.4 -j ACCEPT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
iptables -S
printf '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n' | iptables-restore
echo "rc=$?"
iptables-save
