# ping 127.0.0.1 and own addresses: -c, -i 0.2, -q, -n; ping with lo down in a new namespace.
ping -c 2 -i 0.2 127.0.0.1
echo "rc=$?"
ping -q -c 2 -i 0.2 127.0.0.1
echo "rc=$?"
ping -c1 localhost
ping -c1 -n 127.0.0.5
ip netns add red
ip netns exec red ping -c1 -W1 127.0.0.1
echo "rc=$?"
