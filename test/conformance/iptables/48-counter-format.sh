# -L -v shows rule and policy counters with K/M/G/T suffixes and fixed widths; -x shows exact numbers; -P ignores -c
iptables -A INPUT -c 999 99999 -j ACCEPT
iptables -A INPUT -c 1000 100000 -j ACCEPT
iptables -A INPUT -c 99999 999999 -j ACCEPT
iptables -A INPUT -c 100000 1000000 -j ACCEPT
iptables -A INPUT -c 1234567 123456789 -j ACCEPT
iptables -A INPUT -c 12345678901 1234567890123 -j ACCEPT
iptables -A INPUT -c 18446744073709551615 18446744073709551615 -j ACCEPT
iptables -A INPUT -c 1 2 -j ACCEPT
iptables -L INPUT -n -v
iptables -L INPUT -n -v -x
iptables -L INPUT -n -v --line-numbers
iptables -L INPUT -n -v -x --line-numbers
iptables-save -c -t filter | grep -- '-A'
printf '*filter\n:FORWARD DROP [123456:98765432]\n:OUTPUT ACCEPT [7:99999]\nCOMMIT\n' | iptables-restore -c --noflush
iptables -L FORWARD -n -v
iptables -L FORWARD -n -v -x
iptables -L OUTPUT -n -v
iptables -P OUTPUT DROP -c 5 6
echo "rc=$?"
iptables -S OUTPUT -v
