# -j (JSON) and -j -p / -json -pretty output for link, addr, route and netns; -p alone changes nothing; -br -j.
ip link add veth0 address 02:00:00:00:00:01 type veth peer name ceth0 address 02:00:00:00:00:02
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
ip -j link
ip -j addr show dev veth0
ip -j route
ip -j -p addr show dev lo
ip -json -pretty link show veth0
ip -j route show table local
ip -j route get 10.0.0.1
ip -p link show lo
ip -j netns
ip netns add red
ip -j -p netns list
ip -br -j link show lo
