# iptables-save -c prints [packets:bytes]; iptables-restore -c loads them; -A -c sets them; -Z resets
iptables -A INPUT -c 10 840 -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -s 10.0.0.2 -j ACCEPT
printf '*nat\n:PREROUTING ACCEPT [5:300]\n[7:420] -A PREROUTING -j ACCEPT\nCOMMIT\n' | iptables-restore -c
echo "rc=$?"
iptables-save -c
iptables-save
iptables -L -n -v
iptables -t nat -L -n -v
iptables -S -v
iptables -Z INPUT 1
iptables -L INPUT -n -v
iptables -t nat -Z
iptables-save -c -t nat
