# ip addr add with /24, /32, /16, brd +, label; ip addr show dev / show label; addresses on a down link.
ip link add veth0 type veth peer name ceth0
ip addr add 10.0.0.1/24 dev veth0
echo "rc=$?"
ip addr add 192.168.5.5/32 dev veth0
ip addr add 172.18.0.1/16 brd + dev veth0
ip addr add 10.1.0.1/24 broadcast 10.1.0.255 dev veth0 label veth0:1
ip addr add 10.2.0.1 dev veth0
ip addr show dev veth0
ip addr show label veth0:1
ip addr show veth0 label 'veth0*'
ip addr show ceth0
ip addr show dev nope
echo "rc=$?"
