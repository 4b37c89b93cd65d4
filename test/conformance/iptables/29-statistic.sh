# -m statistic --mode random --probability (printed with 11 decimals) and --mode nth --every/--packet
iptables -A INPUT -m statistic --mode random --probability 0.5 -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 0.33333333349 -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 0.1 -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 0.2000000000 -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 1 -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 0 -j ACCEPT
iptables -A INPUT -m statistic --mode random ! --probability 0.25 -j ACCEPT
iptables -A INPUT -m statistic --mode nth --every 3 --packet 0 -j ACCEPT
iptables -A INPUT -m statistic --mode nth --every 2 --packet 1 -j ACCEPT
iptables -A INPUT -m statistic --mode nth --every 2 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m statistic --mode random --probability 1.5 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m statistic --mode nth --every 3 --packet 3 -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
