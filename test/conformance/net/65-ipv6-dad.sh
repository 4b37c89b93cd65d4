# IPv6 DAD: link-locals are tentative right after up and settled 2.5 s later; adding an address already in use on the link ends dadfailed.
ip link add veth0 address 02:00:00:00:00:01 type veth peer name ceth0 address 02:00:00:00:00:02
ip link set veth0 up
ip link set ceth0 up
ip addr add 2001:db8::5/64 dev veth0 nodad
sleep 0.2
ip -6 addr show dev veth0
ip -6 addr show tentative
ip addr add 2001:db8::5/64 dev ceth0
sleep 2.5
ip -6 addr show dev veth0
ip -6 addr show dev ceth0
ip -6 addr show dadfailed
ip -br -6 addr
