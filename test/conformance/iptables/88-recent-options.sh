# -m recent: every option, the kube-proxy sessionAffinity forms, defaults (name DEFAULT, mask, --rsource), inversion; -S, -L -n, -L -v, iptables-save order
iptables -N KUBE-SVC-X
iptables -N KUBE-SEP-Y
iptables -A KUBE-SVC-X -m comment --comment "ns/svc:port" -m recent --name KUBE-SEP-Y --mask 255.255.255.255 --rsource --rcheck --seconds 10800 --reap -j KUBE-SEP-Y
iptables -A KUBE-SEP-Y -p tcp -m comment --comment "ns/svc:port" -m recent --set --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -m tcp -j ACCEPT
echo "rc=$?"
iptables -t nat -N KUBE-SVC-X
iptables -t nat -N KUBE-SEP-Y
iptables -t nat -A KUBE-SVC-X -m comment --comment "ns/svc:port" -m recent --name KUBE-SEP-Y --mask 255.255.255.255 --rsource --rcheck --seconds 10800 --reap -j KUBE-SEP-Y
iptables -t nat -A KUBE-SEP-Y -p tcp -m comment --comment "ns/svc:port" -m recent --set --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:80
iptables -A INPUT -m recent --set
iptables -A INPUT -m recent --rcheck
iptables -A INPUT -m recent --update --seconds 60 --hitcount 4 --rttl --name ssh
iptables -A INPUT -m recent --remove --name ssh --rdest
iptables -A INPUT -m recent ! --rcheck --name x -j DROP
iptables -A INPUT -m recent ! --set --name x
iptables -A INPUT -m recent --rcheck --seconds 5 --reap --hitcount 2 --mask 255.255.0.0 --rdest --name LIST
iptables -A INPUT -m recent --rsource --rdest --rcheck
iptables -A INPUT -m recent --rdest --rsource --rcheck
iptables -A INPUT -m recent --name a --name b --set
iptables -A INPUT -m recent --mask 255.255.255.0 --mask 10.0.0.0 --set
iptables -A INPUT -m recent --rcheck --hitcount 255
iptables -A INPUT -m recent --rcheck --seconds 4294967295
iptables -A INPUT -p icmp -m recent --update --seconds 30 -m recent --set --name two -j ACCEPT
echo "rc=$?"
iptables -S
iptables -L -n
iptables -L INPUT -v -n
iptables -L KUBE-SVC-X
iptables-save -t filter | grep -v '^#'
iptables-save -t nat | grep -v '^#'
iptables -F INPUT
iptables-restore --noflush <<'RULES'
*filter
-A INPUT -p tcp -m recent --name web --rcheck --seconds 3600 --reap --hitcount 3 --rttl --mask 255.255.255.0 -j DROP
-A INPUT -m recent ! --update --name web --rdest
COMMIT
RULES
echo "rc=$?"
iptables-restore --noflush <<'RULES'
*filter
-A INPUT -m recent --rcheck --reap
COMMIT
RULES
echo "rc=$?"
iptables-restore --noflush <<'RULES'
*filter
-A INPUT -m recent --set --seconds 5
COMMIT
RULES
echo "rc=$?"
iptables -S INPUT
iptables -C INPUT -m recent --update --name web --rdest --mask 255.255.255.255
echo "rc=$?"
iptables -C INPUT -m recent ! --update --name web --rdest
echo "rc=$?"
iptables -D INPUT -m recent ! --update --name web --rdest
echo "rc=$?"
iptables -S INPUT
