# -o (oneline) output: backslash-joined lines for link, addr (one line per address) and route.
ip link add veth0 address 02:00:00:00:00:01 type veth peer name ceth0 address 02:00:00:00:00:02
ip addr add 10.0.0.1/24 dev veth0
ip addr add 2001:db8::1/64 dev veth0 nodad
ip -o link
ip -o addr
ip -o -4 addr show dev veth0
ip -oneline route show table local
