# Bad names: unknown target and match, chain names too long (28 is the maximum) or starting with '-'
iptables -A INPUT -j NOSUCHTARGET
echo "rc=$?"
iptables -A INPUT -j accept
echo "rc=$?"
iptables -A INPUT -m nosuchmatch -j ACCEPT
echo "rc=$?"
iptables -N abcdefghijabcdefghijabcdefghij
echo "rc=$?"
iptables -N abcdefghijabcdefghijabcdefghi
echo "rc=$?"
iptables -N abcdefghijabcdefghijabcdefgh
echo "rc=$?"
iptables -N -x
echo "rc=$?"
iptables -N 'has space'
echo "rc=$?"
iptables -N DROP
echo "rc=$?"
iptables -A INPUT -p tcp -j abcdefghijabcdefghijabcdefgh
iptables -S
iptables -L -n
