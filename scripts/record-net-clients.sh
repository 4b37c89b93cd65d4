#!/usr/bin/env bash
# Records curl, busybox wget and busybox nc against a fixed HTTP responder in a private pair of
# network namespaces (client 10.0.0.1, server 10.0.0.2 over a veth), one golden file per case
# under test/engine/fixtures/net-clients/: stdout+stderr merged, then "[N]" when the exit
# status N is not 0. Needs root, curl, python3 and a busybox whose nc has -z and -v: Debian's
# busybox lacks them, so BUSYBOX names one built from source with `make defconfig` (the
# configuration the busybox image uses); `wget` and `nc` run as links to it.
# Usage: BUSYBOX=/path/to/busybox scripts/record-net-clients.sh   (re-runs itself in `unshare`)
set -u
if [ "$(id -u)" != 0 ]; then echo "record-net-clients: must run as root" >&2; exit 2; fi
cd "$(dirname "$0")/.." || exit 2
out=$PWD/test/engine/fixtures/net-clients
if [ "${1:-}" != --inside ]; then
  exec unshare --net --mount bash -c 'mount --make-rprivate / && mkdir -p /run/netns &&
    mount -t tmpfs tmpfs /run/netns && exec bash "$0" --inside' "$0"
fi
ip link set lo up
ip netns add srv; ip netns add cli
ip link add veth0 netns cli type veth peer name veth1 netns srv
ip -n cli addr add 10.0.0.1/24 dev veth0; ip -n cli link set veth0 up; ip -n cli link set lo up
ip -n srv addr add 10.0.0.2/24 dev veth1; ip -n srv link set veth1 up; ip -n srv link set lo up
ip -n cli route add unreachable 10.8.0.0/24
ip netns exec srv iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec srv iptables -A INPUT -p tcp --dport 82 -j REJECT
ip netns exec srv iptables -A INPUT -p tcp --dport 83 -j REJECT --reject-with tcp-reset
work=$(mktemp -d); cd "$work" || exit 2
mkdir "$work/bin" && for tool in wget nc; do ln -s "$(command -v "${BUSYBOX:-busybox}")" "$work/bin/$tool"; done
export PATH="$work/bin:$PATH"
# The responder: reads one request up to its blank line, appends it to requests.txt, answers
# with response.http (the same bytes the engine test serves; only the head for HEAD) and closes.
cat > server.py <<'PY'
import socket, sys
resp = open(sys.argv[1], 'rb').read()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', int(sys.argv[2]))); s.listen(8)
while True:
    c, _ = s.accept()
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = c.recv(4096)
        if not chunk: break
        data += chunk
    with open(sys.argv[3], 'ab') as f: f.write(data)
    c.sendall(resp.split(b'\r\n\r\n')[0] + b'\r\n\r\n' if data.startswith(b'HEAD ') else resp)
    c.close()
PY
: >"$out/requests.txt"
ip netns exec srv python3 server.py "$out/response.http" 80 "$out/requests.txt" &
server=$!
sleep 1
record() { # NAME COMMAND: runs the shell COMMAND in the client namespace, in an empty directory
  local name=$1 rc
  { ip netns exec cli bash -c "cd \$(mktemp -d) && $2" 2>&1; rc=$?; [ $rc -eq 0 ] || echo "[$rc]"; } >"$out/$name.txt"
}
. "$OLDPWD/scripts/net-clients-cases.sh"
kill $server
rm -rf "$work"
