# Unique-prefix abbreviations: ip a, ip ad sh, ip r, ip ro li, ip li sh, ip n, ip netn, ip a l; `ip l s` means link set.
ip netns add red
ip link add veth0 address 02:00:00:00:00:01 type veth peer name ceth0 address 02:00:00:00:00:02
ip addr add 10.0.0.1/24 dev veth0
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev veth0
ip a
ip ad sh dev veth0
ip addr s veth0
ip r
ip ro li
ip li sh dev lo
ip l s
echo "rc=$?"
ip n
ip neigh ls
ip netn
ip a l lo
