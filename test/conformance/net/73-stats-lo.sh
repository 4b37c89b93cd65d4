# Interface counters on lo are exact: ping -c2 127.0.0.1 adds 4 packets (request + reply, twice) each way.
ip -s link show lo
ping -c2 -i0.2 -q 127.0.0.1 >/dev/null
echo "rc=$?"
ip -s link show lo
ip -s -br link show lo
ip -j -s link show lo
