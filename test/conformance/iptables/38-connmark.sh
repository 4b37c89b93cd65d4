# CONNMARK --set-mark/--save-mark/--restore-mark/--or-mark/--and-mark with masks, and -m connmark; -S and -L
iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark
iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 0x1
iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 0x1/0xff
iptables -t mangle -A PREROUTING -j CONNMARK --save-mark
iptables -t mangle -A PREROUTING -j CONNMARK --save-mark --mask 0xff
iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf
iptables -t mangle -A PREROUTING -j CONNMARK --or-mark 0x2
iptables -t mangle -A PREROUTING -j CONNMARK --and-mark 0x3
iptables -t mangle -A PREROUTING -m connmark --mark 0x1 -j ACCEPT
iptables -t mangle -S PREROUTING
iptables -t mangle -L PREROUTING -n
