# ping without a route: "connect: Network is unreachable" and exit status 2; bad arguments.
ping -c1 10.9.9.9
echo "rc=$?"
ping -c1 -W1 -q 192.0.2.1
echo "rc=$?"
ping -c 0 127.0.0.1
echo "rc=$?"
ping -c1 -i abc 127.0.0.1
echo "rc=$?"
ping
echo "rc=$?"
