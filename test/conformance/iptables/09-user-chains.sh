# -N user chains, the (N references) header, jumps counted per rule, -X of empty/referenced/missing chains
iptables -N web
echo "rc=$?"
iptables -N ssh-in
iptables -A INPUT -p tcp --dport 80 -j web
iptables -A INPUT -p tcp --dport 443 -j web
iptables -A FORWARD -j ssh-in
iptables -A web -j ACCEPT
iptables -L -n
iptables -L web -n -v
iptables -S
iptables -X web
echo "rc=$?"
iptables -X nosuch
echo "rc=$?"
iptables -N web
echo "rc=$?"
iptables -N INPUT
echo "rc=$?"
iptables -F FORWARD
iptables -X ssh-in
echo "rc=$?"
iptables -S
