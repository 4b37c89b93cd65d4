# -m sctp --chunk-types all/any/only: chunk names, ALL, NONE, flags (upper = set, lower = clear), negation, case; -S, -L, -L -n, iptables-save
iptables -A INPUT -p sctp --chunk-types all INIT,SACK -j DROP
iptables -A INPUT -p sctp --chunk-types any DATA:IuBe,ABORT:T,SHUTDOWN_COMPLETE:t,INIT -j ACCEPT
iptables -A INPUT -p sctp --chunk-types only ALL -j ACCEPT
iptables -A INPUT -p sctp ! --chunk-types only NONE -j ACCEPT
iptables -A INPUT -p sctp --chunk-types ANY init,cookie_echo,Cookie_Ack -j ACCEPT
iptables -A INPUT -p sctp --chunk-types all ASCONF,ASCONF_ACK,FORWARD_TSN,I_FORWARD_TSN,RE_CONFIG,PAD -j ACCEPT
iptables -A INPUT -p sctp --chunk-types any I_DATA:IUBE,DATA:e -j ACCEPT
iptables -A INPUT -p sctp --chunk-types all DATA:i,DATA:U,DATA:I -j ACCEPT
iptables -A INPUT -p sctp --chunk-types any INIT:- -j ACCEPT
iptables -A INPUT -p sctp --chunk-types any ,,SACK,, -j ACCEPT
iptables -A INPUT -p sctp --chunk-types all , -j ACCEPT
iptables -A INPUT -p sctp --chunk-types only all -j ACCEPT
iptables -A INPUT -p sctp --chunk-types only HEARTBEAT,HEARTBEAT_ACK,SHUTDOWN,SHUTDOWN_ACK,ERROR,ECN_ECNE,ECN_CWR,INIT_ACK -j ACCEPT
iptables -A INPUT -p sctp --sport 5000:5010 ! --dport 5 --chunk-types any DATA:B -j ACCEPT
iptables -A INPUT -p sctp ! --chunk-types all SACK --dport 7 -j ACCEPT
iptables -S INPUT
iptables -L INPUT
iptables -L INPUT -n
iptables-save | grep -v '^#'
iptables -C INPUT -p sctp --chunk-types ALL sack,init -j DROP; echo "check $?"
iptables -D INPUT -p sctp --chunk-types any DATA:IuBe,ABORT:T,SHUTDOWN_COMPLETE:t,INIT -j ACCEPT; echo "delete $?"
iptables -L INPUT -n
