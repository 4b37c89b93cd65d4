# -w / -w N / -W are accepted (and ignored) by the nf_tables backend; --version, -V, -v with -A/-D
iptables -w -A INPUT -j ACCEPT
echo "rc=$?"
iptables -w 5 -A INPUT -j DROP
echo "rc=$?"
iptables -w -W 100000 -S INPUT
echo "rc=$?"
iptables --wait=3 -L INPUT -n
echo "rc=$?"
iptables --version
iptables -V
iptables -v -A INPUT -s 10.1.1.1 -p tcp --dport 22 -j ACCEPT
echo "rc=$?"
iptables -v -D INPUT -s 10.1.1.1 -p tcp --dport 22 -j ACCEPT
echo "rc=$?"
iptables -v -F
echo "rc=$?"
iptables -v -N foo
iptables -v -X foo
iptables -v -Z
