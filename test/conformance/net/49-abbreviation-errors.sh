# Unknown objects, commands and options: exact messages and exit codes (`ip x` is a prefix of xfrm).
ip foo
echo "rc=$?"
ip linkk
echo "rc=$?"
ip x
echo "rc=$?"
ip link foo
echo "rc=$?"
ip addr foo
echo "rc=$?"
ip route foo
echo "rc=$?"
ip netns foo
echo "rc=$?"
ip neigh foo
echo "rc=$?"
ip -x link
echo "rc=$?"
ip
echo "rc=$?"
