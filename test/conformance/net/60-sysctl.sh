# sysctl read/write of net.ipv4.ip_forward, -n, -w, slash notation, /proc/sys writes, unknown keys and bad values.
sysctl net.ipv4.ip_forward
cat /proc/sys/net/ipv4/ip_forward
sysctl -w net.ipv4.ip_forward=1
sysctl -n net.ipv4.ip_forward
echo 0 > /proc/sys/net/ipv4/ip_forward
sysctl net/ipv4/ip_forward
sysctl net.ipv4.nope
echo "rc=$?"
sysctl -w net.ipv4.nope=1
echo "rc=$?"
sysctl -w net.ipv4.ip_forward=abc
echo "rc=$?"
sysctl -w net.ipv4.ip_forward
echo "rc=$?"
cat /proc/sys/net/ipv4/nope
echo "rc=$?"
sysctl -q -w net.ipv4.ip_forward=1
echo "rc=$?"
sysctl net.ipv4.conf.all.forwarding net.ipv6.conf.all.forwarding
