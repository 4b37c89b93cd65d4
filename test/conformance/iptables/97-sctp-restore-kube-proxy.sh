# iptables-restore with kube-proxy's SCTP Service rules (-m sctp before -p sctp), then -S, -L -n and iptables-save of the nat table
iptables-restore <<'RULES'
*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-ABC - [0:0]
:KUBE-SEP-ONE - [0:0]
-A KUBE-SERVICES -m comment --comment "ns2/svc2:dns-sctp cluster IP" -m sctp -p sctp -d 172.30.0.42 --dport 53 -j KUBE-SVC-ABC
-A KUBE-SVC-ABC -m comment --comment "ns2/svc2:dns-sctp cluster IP" -m sctp -p sctp -d 172.30.0.42 --dport 53 ! -s 10.0.0.0/8 -j KUBE-SEP-ONE
-A KUBE-SEP-ONE -m comment --comment ns2/svc2:dns-sctp -m sctp -p sctp -j DNAT --to-destination 10.180.0.1:53
COMMIT
*filter
:KUBE-EXTERNAL-SERVICES - [0:0]
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:dns-sctp has no endpoints" -m addrtype --dst-type LOCAL -m sctp -p sctp --dport 30053 -j REJECT
COMMIT
RULES
echo "restore $?"
iptables -t nat -S
iptables -t nat -L -n
iptables -S KUBE-EXTERNAL-SERVICES
iptables-save | grep -v '^#'
printf '*filter\n-A INPUT -m sctp --dport 1 -j ACCEPT\nCOMMIT\n' | iptables-restore; echo "restore $?"
