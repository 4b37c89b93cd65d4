#!/usr/bin/env bash
# Records busybox nslookup and glibc getent against a tiny DNS responder that answers as CoreDNS's
# kubernetes plugin does for a few names (scripts/dns-responder.py), in a private network and
# mount namespace: the responder listens on 10.96.0.10:53 (on lo), /etc/resolv.conf, /etc/hosts
# and /etc/nsswitch.conf are bind-mounted with a pod's files. One golden file per case under
# test/kube/fixtures/dns/ (stdout+stderr merged, then "[N]" when the exit status N is not 0),
# and queries.txt: the questions the responder received for each case, in order.
# Usage: BUSYBOX=/path/to/busybox-1.36.1 scripts/record-dns-clients.sh   (re-runs itself in unshare)
set -u
if [ "$(id -u)" != 0 ]; then echo "record-dns-clients: must run as root" >&2; exit 2; fi
cd "$(dirname "$0")/.." || exit 2
out=$PWD/test/kube/fixtures/dns
if [ "${1:-}" != --inside ]; then
  exec unshare --net --mount bash -c 'mount --make-rprivate / && exec bash "$0" --inside' "$0"
fi
ip link set lo up
ip addr add 10.96.0.10/32 dev lo
work=$(mktemp -d)
printf 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' >"$work/resolv.conf"
printf '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.3\tclient\n' >"$work/hosts"
printf 'hosts: files dns\n' >"$work/nsswitch.conf"
for f in resolv.conf hosts nsswitch.conf; do mount --bind "$work/$f" "/etc/$f"; done
: >"$out/queries.txt"
python3 scripts/dns-responder.py 10.96.0.10 "$out/queries.txt" &
server=$!
sleep 1
bb=${BUSYBOX:-busybox}
record() { # NAME COMMAND
  local name=$1 rc
  echo "## $name" >>"$out/queries.txt"
  { bash -c "$2" 2>&1; rc=$?; [ $rc -eq 0 ] || echo "[$rc]"; } >"$out/$name.txt"
}
record nslookup-service "$bb nslookup web"
record nslookup-fqdn "$bb nslookup web.default.svc.cluster.local"
record nslookup-ns-qualified "$bb nslookup web.default"
record nslookup-missing "$bb nslookup nope"
record nslookup-headless "$bb nslookup db"
record nslookup-external "$bb nslookup example.com"
record nslookup-server-arg "$bb nslookup web.default.svc.cluster.local 10.96.0.10"
record getent-hosts-service "getent hosts web"
record getent-ahosts-service "getent ahosts web"
record getent-hosts-headless "getent hosts db"
record getent-hosts-missing "getent hosts nope"
record getent-hosts-own "getent hosts client"
kill $server
rm -rf "$work"
