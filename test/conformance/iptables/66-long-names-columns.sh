# -L column layout with long chain names as targets, long interface names and a long target (MASQUERADE)
iptables -N abcdefghijabcdefghijabcdefgh
iptables -N short
iptables -A FORWARD -i abcdefghijklmno -o abcdefghijklmno -j abcdefghijabcdefghijabcdefgh
iptables -A FORWARD -i eth0 -s 192.168.100.100 -d 192.168.200.200 -j short
iptables -A FORWARD -s 10.0.0.0/255.255.0.255 -d 172.16.0.0/255.255.0.255 -j short
iptables -A FORWARD ! -s 192.168.100.100 ! -d 192.168.200.200 -p udp -j short
iptables -L FORWARD -n
iptables -L FORWARD -n -v
iptables -L FORWARD -n -v -x --line-numbers
iptables -L -n
