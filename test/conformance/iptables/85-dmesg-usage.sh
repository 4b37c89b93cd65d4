# dmesg: clearing the log with -c and -C, and its usage errors.
# host-sysctl: net.netfilter.nf_log_all_netns=1
dmesg -C
iptables -A OUTPUT -o lo -j LOG --log-prefix "LBT-LO: "
ping -c1 -W1 127.0.0.1 >/dev/null
dmesg -c | grep -c LBT
dmesg | grep -c LBT
ping -c1 -W1 127.0.0.1 >/dev/null
dmesg -C
echo "rc=$?"
dmesg | grep -c LBT
dmesg -l bogus
echo "rc=$?"
dmesg --facility=nope
echo "rc=$?"
dmesg -Z
echo "rc=$?"
dmesg -l
echo "rc=$?"
dmesg extra
echo "rc=$?"
dmesg --time-format=bogus
echo "rc=$?"
