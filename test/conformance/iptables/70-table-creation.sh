# Which commands bring a table into existence (and into iptables-save): -L, -S, -C, -F, -Z, -X do not; -N and -P do
iptables -t raw -L -n >/dev/null
iptables -t raw -C OUTPUT -j ACCEPT
echo "rc=$?"
iptables -t raw -S >/dev/null
iptables-save
echo "-- after -F nat"
iptables -t nat -F
iptables-save | grep '^\*'
echo "-- after -Z mangle"
iptables -t mangle -Z
iptables-save | grep '^\*'
echo "-- after -N/-X filter"
iptables -N tmp
iptables -X tmp
iptables-save | grep '^\*'
echo "-- after -P raw"
iptables -t raw -P OUTPUT ACCEPT
iptables-save | grep '^\*'
iptables -t security -X
iptables-save | grep '^\*'
