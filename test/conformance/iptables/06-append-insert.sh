# -A appends, -I without a number inserts at 1, -I N inserts before rule N; -I past the end fails
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -s 10.0.0.2 -j ACCEPT
iptables -I INPUT -s 10.0.0.3 -j ACCEPT
iptables -I INPUT 2 -s 10.0.0.4 -j ACCEPT
iptables -I INPUT 5 -s 10.0.0.5 -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -I INPUT 7 -s 10.0.0.6 -j ACCEPT
echo "rc=$?"
iptables -I INPUT 0 -s 10.0.0.6 -j ACCEPT
echo "rc=$?"
iptables -I INPUT -1 -s 10.0.0.6 -j ACCEPT
echo "rc=$?"
iptables -I OUTPUT 1 -d 10.9.9.9 -j DROP
echo "rc=$?"
iptables -I OUTPUT 2 -d 10.9.9.8 -j DROP
echo "rc=$?"
iptables -L -n --line-numbers
