# iptables-restore edge cases: bad policies and chain lines, counters syntax, -t/-w in rule lines, duplicate chains, two commits, verbose and comments, file arguments
printf '*filter\n:INPUT DROP [1:2]\n:FORWARD FOO [0:0]\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n:INPUT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n:\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n:INPUT ACCEPT\nCOMMIT\n' | iptables-restore -c
echo "rc=$?"
printf '*filter\n[1:2 -A INPUT -j ACCEPT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n-A INPUT -t nat -j ACCEPT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n-A INPUT -w -j ACCEPT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n-N x\n-N x\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '*filter\n:x - [0:0]\n:x - [0:0]\n-A x -j ACCEPT\nCOMMIT\n*nat\n:y - [0:0]\n-A y -j DROP\nCOMMIT\n' | iptables-restore
echo "rc=$?"
iptables-save | grep -v '^#'
printf '*filter\n-A INPUT -m comment --comment "a b" -j ACCEPT\n-A INPUT -m comment --comment "" -j ACCEPT\n-A INPUT -s 1.1.1.1   -d   2.2.2.2 -j ACCEPT\nCOMMIT\n*filter\n-A INPUT -j DROP\nCOMMIT\n' | iptables-restore --noflush -v
echo "rc=$?"
iptables -S INPUT
printf '*filter\n-A INPUT -j ACCEPT\nCOMMIT\n*mangle\n-A INPUT -j NOPE\nCOMMIT\n' | iptables-restore
echo "rc=$?"
iptables-save | grep '^[*-]'
printf '*nat\n-A POSTROUTING -j REJECT\nCOMMIT\n' | iptables-restore
echo "rc=$?"
printf '# x\n*filter\n#y\nCOMMIT\n' | iptables-restore -v
echo "rc=$?"
printf '*filter\nCOMMIT\n' > r.rules
iptables-restore r.rules r.rules
echo "rc=$?"
iptables-restore nosuch.rules
echo "rc=$?"
iptables-save -t filter -c
