# MARK --set-mark, --set-xmark, --or-mark, --xor-mark, --and-mark (with and without masks): how each is stored and printed
iptables -t mangle -A PREROUTING -j MARK --set-mark 1
iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10/0xff
iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x5
iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x5/0xf
iptables -t mangle -A PREROUTING -j MARK --or-mark 0x4
iptables -t mangle -A PREROUTING -j MARK --xor-mark 0x8
iptables -t mangle -A PREROUTING -j MARK --and-mark 0xfe
iptables -t mangle -A PREROUTING -j MARK --set-mark 4294967295
iptables -t mangle -A PREROUTING -j MARK --set-mark 0
iptables -t mangle -A PREROUTING -j MARK --set-xmark 0/0
iptables -A OUTPUT -j MARK --set-mark 7
iptables -t mangle -A PREROUTING -j MARK --set-mark 4294967296
echo "rc=$?"
iptables -t mangle -A PREROUTING -j MARK
echo "rc=$?"
iptables -t mangle -S PREROUTING
iptables -t mangle -L PREROUTING -n
iptables -S OUTPUT
