# -m recent errors: no action, two actions, --reap without --seconds, --rttl with --set, values out of range, names the kernel refuses
iptables -A INPUT -m recent
echo "rc=$?"
iptables -A INPUT -m recent --name x
echo "rc=$?"
iptables -A INPUT -m recent --set --rcheck
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --update
echo "rc=$?"
iptables -A INPUT -m recent --update --remove
echo "rc=$?"
iptables -A INPUT -m recent --set --set
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --reap
echo "rc=$?"
iptables -A INPUT -m recent --set --rttl
echo "rc=$?"
iptables -A INPUT -m recent --remove --rttl
echo "rc=$?"
iptables -A INPUT -m recent --rttl --rcheck
echo "rc=$?"
iptables -A INPUT -m recent --set --seconds 10
echo "rc=$?"
iptables -A INPUT -m recent --set --hitcount 2
echo "rc=$?"
iptables -A INPUT -m recent --remove --seconds 10 --reap
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --seconds 0
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --seconds -1
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --seconds abc
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --seconds 4294967296
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --hitcount 256
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --hitcount 0
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --hitcount x
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --seconds
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name ''
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name a/b
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name .
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name ..
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name a.b
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 300.0.0.0
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 24
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask foo
echo "rc=$?"
iptables -A INPUT -m recent --rcheck ! --seconds 5
echo "rc=$?"
iptables -A INPUT -m recent --rcheck ! --reap --seconds 5
echo "rc=$?"
iptables -A INPUT -m recent ! --rcheck ! --name x
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --hitcount 65535
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --hitcount 65536
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 1.2.3.4.5
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 10.1
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 0x10
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 010.0.0.0
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask 255.255.255.0/24
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --mask localhost
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name "$(printf 'n%.0s' $(seq 250))"
echo "rc=$?"
iptables -A INPUT -m recent --rcheck --name "a b"
echo "rc=$?"
iptables -A INPUT -m recent --bogus
echo "rc=$?"
iptables -S
