# Listing the empty nat, mangle and raw tables (-t) in -L, -L -n -v and -S forms
iptables -t nat -L
iptables -t nat -L -n -v
iptables -t nat -S
iptables -t mangle -L
iptables -t mangle -L -n -v
iptables -t mangle -S
iptables -t raw -L
iptables -t raw -L -n -v
iptables -t raw -S
iptables -t filter -S
iptables -t security -S
iptables -t bogus -L
echo "rc=$?"
iptables-save
echo "save rc=$?"
