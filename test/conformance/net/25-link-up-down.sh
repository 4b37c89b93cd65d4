# up/down on a veth pair: M-DOWN, NO-CARRIER and LOWERLAYERDOWN until both ends are up; qdisc noop vs noqueue.
ip link add veth0 type veth peer name ceth0
ip link set veth0 up
ip link show veth0
ip link show ceth0
ip link set ceth0 up
ip link show veth0
ip link show ceth0
ip link set dev ceth0 down
ip link show veth0
ip link set lo down
ip link show lo
ip addr show lo
ip link set lo up
ip -br link
