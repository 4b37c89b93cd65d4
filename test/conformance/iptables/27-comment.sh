# -m comment: plain words, spaces, quotes, backslashes, empty, 255 and 256 characters; how -S, -L and iptables-save quote them
iptables -A INPUT -m comment --comment allow -j ACCEPT
iptables -A INPUT -m comment --comment "allow ssh from office" -j ACCEPT
iptables -A INPUT -m comment --comment 'say "hi"' -j ACCEPT
iptables -A INPUT -m comment --comment "it's" -j ACCEPT
iptables -A INPUT -m comment --comment 'a\b$c' -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -m comment --comment "ssh" -j ACCEPT
iptables -A INPUT -m comment --comment "" -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m comment --comment xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx -j ACCEPT
echo "rc=$?"
iptables -A INPUT -m comment --comment yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy -j ACCEPT
echo "rc=$?"
iptables -S INPUT
iptables -L INPUT -n
iptables-save | grep -- '-A INPUT'
