# Moving a link to another namespace keeps its ifindex when free there, otherwise it gets a new one; @ifN follows.
ip netns add red
ip link add x0 netns red type veth peer name x1 netns red
ip -n red -br link
ip link add veth0 type veth peer name ceth0
ip -br link
ip link set ceth0 netns red
ip -n red link
ip link show veth0
ip link set veth0 netns red
ip -n red link
ip link
