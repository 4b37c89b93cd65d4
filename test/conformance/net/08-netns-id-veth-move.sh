# Moving a veth end into a namespace assigns netns ids: `red (id: 0)`, link-netns NAME vs link-netnsid N.
ip netns add red
ip link add veth0 type veth peer name ceth0
ip netns list
ip link set ceth0 netns red
ip netns list
ip netns list-id
ip link show veth0
ip -n red link show ceth0
ip netns exec red ip netns list-id
ip netns exec red ip netns list
