# Bundled short options (-nvL, -nL, -vnxL) and long forms (--list, --list-rules, --numeric, --verbose, --exact)
iptables -A INPUT -c 5000 420000 -p tcp --dport 22 -j ACCEPT
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
iptables -nvL INPUT
iptables -nL INPUT
iptables -vnxL INPUT
iptables -L INPUT -x
iptables --list INPUT --numeric --verbose --exact
iptables --list-rules INPUT
iptables -t nat -nvL POSTROUTING --line-numbers
iptables -t nat -S POSTROUTING
iptables -nL --line-numbers INPUT
echo "rc=$?"
iptables -vS INPUT
iptables -Ln
echo "rc=$?"
