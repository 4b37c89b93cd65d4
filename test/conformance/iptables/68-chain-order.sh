# The order user chains are listed in by -L, -S and iptables-save (sorted by name, not creation order)
iptables -N zeta
iptables -N alpha
iptables -N Mid
iptables -N beta2
iptables -N beta10
iptables -A INPUT -j zeta
iptables -A zeta -j alpha
iptables -A alpha -j Mid
iptables -L -n
iptables -S
iptables-save
