# iptables-save | iptables-restore reproduces the same rules across filter/nat/mangle/raw and user chains
iptables -N web
iptables -A INPUT -p tcp -m multiport --dports 80,443 -j web
iptables -A web -m conntrack --ctstate NEW -m comment --comment "new web" -j ACCEPT
iptables -P FORWARD DROP
iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE
iptables -t nat -A PREROUTING -p tcp --dport 2222 -j DNAT --to-destination 10.0.0.5:22
iptables -t mangle -A PREROUTING -j MARK --set-mark 3
iptables -t raw -A PREROUTING -j CT --notrack
iptables-save > saved.rules
iptables -F; iptables -X; iptables -P FORWARD ACCEPT
iptables -t nat -F; iptables -t mangle -F; iptables -t raw -F
iptables -S
iptables-restore < saved.rules
echo "rc=$?"
grep -v '^#' saved.rules > a.txt
iptables-save | grep -v '^#' > b.txt
diff a.txt b.txt && echo same
iptables-save | iptables-restore
echo "pipe rc=$?"
iptables-save
