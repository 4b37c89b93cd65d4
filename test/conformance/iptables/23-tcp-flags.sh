# --syn, ! --syn, --tcp-flags with lists, ALL and NONE, --tcp-option; -S and -L forms
iptables -A INPUT -p tcp --syn -j ACCEPT
iptables -A INPUT -p tcp ! --syn -j ACCEPT
iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN -j ACCEPT
iptables -A INPUT -p tcp --tcp-flags ALL NONE -j DROP
iptables -A INPUT -p tcp --tcp-flags ALL ALL -j DROP
iptables -A INPUT -p tcp --tcp-flags ALL FIN,PSH,URG -j DROP
iptables -A INPUT -p tcp ! --tcp-flags RST RST -j ACCEPT
iptables -A INPUT -p tcp --tcp-option 2 -j ACCEPT
iptables -A INPUT -p tcp --dport 22 --syn -j ACCEPT
iptables -S INPUT
iptables -L INPUT -n
