# The canonical order -S prints a rule in, whatever order its options were typed in
iptables -N chk
iptables -A INPUT -j ACCEPT -p tcp --dport 22 -s 10.0.0.0/8 -i lo -d 10.0.0.1
iptables -A FORWARD -m comment --comment c -p tcp -m tcp --dport 80 -o eth1 -i eth0 -d 10.0.0.1 -s 10.0.0.2 -j chk
iptables -A FORWARD -j ACCEPT -m conntrack --ctstate NEW -p udp --sport 53 -m mark --mark 5 ! -s 1.2.3.4
iptables -A FORWARD -m mark --mark 5 -m conntrack --ctstate NEW -j ACCEPT
iptables -A FORWARD -m conntrack --ctstate NEW -m mark --mark 5 -j ACCEPT
iptables -A FORWARD -p tcp -m multiport --dports 1,2 -m tcp --sport 3 -j ACCEPT
iptables -A OUTPUT --protocol=tcp --source=1.2.3.4 --destination=5.6.7.8/32 --out-interface=eth1 --jump=ACCEPT
echo "rc=$?"
iptables -A OUTPUT -ptcp -s1.2.3.4 -d5.6.7.8/32 -oeth1 -jACCEPT
echo "rc=$?"
iptables -S
iptables -L -n -v
