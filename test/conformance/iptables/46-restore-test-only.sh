# iptables-restore -t parses and checks without applying; good and bad input; comments and blank lines
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
printf '# a comment\n\n*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.9 -j DROP\nCOMMIT\n' | iptables-restore -t
echo "rc=$?"
iptables -S
printf '*filter\n-A INPUT -s 10.0.0.9 -j NOPE\nCOMMIT\n' | iptables-restore --test
echo "rc=$?"
iptables -S
printf '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.9 -j DROP\nCOMMIT\n' | iptables-restore -t -v
echo "rc=$?"
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.8 -j DROP\nCOMMIT\n' | iptables-restore -v
echo "rc=$?"
iptables -S
