# getopt details: attached arguments, --opt=value, unique prefixes, ambiguous prefixes, options of loaded matches, -c forms, ! placement
iptables -A INPUT -s1.2.3.4 -j ACCEPT
echo "rc=$?"
iptables -A INPUT --source=1.2.3.4 -j ACCEPT
echo "rc=$?"
iptables -A INPUT -ieth0 -j ACCEPT
iptables -A INPUT --so 1.1.1.1 --dest 2.2.2.2 -j DROP
iptables -A INPUT --d 1.1.1.1
echo "rc=$?"
iptables -A INPUT -p tcp -m multiport --dport 22
iptables -A INPUT -p tcp --dport 22 -m multiport --dport 23
echo "rc=$?"
iptables -A INPUT -p tcp -m tcp --dport 1 -m tcp --sport 2
iptables -A INPUT -p tcp --syn -m comment --comment x --dport 5
iptables -A INPUT -p tcp --dport 1 --bogus
echo "rc=$?"
iptables -A INPUT --comment x
echo "rc=$?"
iptables -A INPUT -m comment
echo "rc=$?"
iptables -A INPUT -m comment --comment
echo "rc=$?"
iptables -A INPUT -c 3,4 -j ACCEPT
iptables -A INPUT -c 5 -j ACCEPT
echo "rc=$?"
iptables -A INPUT ! ! -s 1.2.3.4
echo "rc=$?"
iptables -A INPUT -s 1.2.3.4 !
echo "rc=$?"
iptables -A INPUT ! -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m mark ! --mark 1 -m mark --mark 2
iptables -L INPUT --line-numbers -A INPUT
echo "rc=$?"
iptables -A INPUT -n -j ACCEPT
echo "rc=$?"
iptables -D INPUT 1 -s 1.1.1.1
echo "rc=$?"
iptables -t nat -A POSTROUTING -j DROP
echo "rc=$?"
iptables -t nat -P OUTPUT DROP
echo "rc=$?"
iptables -A INPUT -j LOG --log-prefix ""
echo "rc=$?"
iptables -A INPUT -p tcp --tcp-flags SYN
echo "rc=$?"
iptables -A INPUT -p tcp --tcp-flags FOO SYN
echo "rc=$?"
iptables -A INPUT -p tcp --tcp-option 0
echo "rc=$?"
iptables -A INPUT -m conntrack
echo "rc=$?"
iptables -A INPUT -m state --state NEW,
echo "rc=$?"
iptables -A INPUT -m statistic --mode random
echo "rc=$?"
iptables -A INPUT -m statistic --mode nth --every 2 --packet 1 --probability 0.5
echo "rc=$?"
iptables -A INPUT -p icmp --icmp-type echo
echo "rc=$?"
iptables -A INPUT -m addrtype
echo "rc=$?"
iptables -A INPUT -m addrtype --src-type FOO
echo "rc=$?"
iptables -t mangle -A OUTPUT -j MARK --set-mark 1 --or-mark 2
echo "rc=$?"
iptables -t mangle -A OUTPUT -j CONNMARK --save-mark --ctmask 0xf --mask 0xff
echo "rc=$?"
iptables -t mangle -A OUTPUT -j CONNMARK --save-mark --ctmask 0xf --nfmask 0xff0
iptables -t mangle -A OUTPUT -j CONNMARK --restore-mark --mask 0xf0
iptables -t mangle -A OUTPUT -j CONNMARK --set-xmark 0x3/0x0
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:80:90
echo "rc=$?"
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:90-80
echo "rc=$?"
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination :8080
iptables -t nat -A PREROUTING -p udp -j REDIRECT --to-ports domain
iptables -t nat -A PREROUTING -j DNAT --to-destination 300.1.1.1
echo "rc=$?"
iptables -S
iptables -t nat -S
iptables -t mangle -S
