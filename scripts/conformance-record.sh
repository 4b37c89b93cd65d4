#!/usr/bin/env bash
# Records the real tools' output for the conformance corpus: each test/conformance/*/NAME.sh
# is copied into an empty directory and runs there as `bash NAME.sh` in a private, throw-away host (new network, mount and UTS namespaces,
# a tmpfs on /run/netns, only `lo` up, hostname "labbook"), and its merged stdout+stderr is
# written to NAME.out, followed by a cram-style "[N]" line when the exit status N is not 0.
# A script's `# host-sysctl: KEY=VALUE` lines are set on this host for the run, then restored.
# Needs root. Usage: scripts/conformance-record.sh [SCRIPT.sh | DIR]...
set -u
if [ "$(id -u)" != 0 ]; then
  echo "conformance-record: must run as root (it uses unshare --net --mount)" >&2
  exit 2
fi
cd "$(dirname "$0")/.." || exit 2
[ $# -gt 0 ] || set -- test/conformance/*/
scripts=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    for f in "$arg"/*.sh; do [ -e "$f" ] && scripts+=("$f"); done
  else
    scripts+=("$arg")
  fi
done
for script in "${scripts[@]}"; do
  script=$(realpath "$script")
  out="${script%.sh}.out"
  work=$(mktemp -d)
  name=$(basename "$script")
  cp "$script" "$work/$name"
  restore=()
  while read -r key value; do
    restore+=("$key=$(sysctl -n "$key")")
    sysctl -qw "$key=$value"
  done < <(sed -n 's/^# host-sysctl: \([a-z0-9_.]*\)=\(.*\)$/\1 \2/p' "$script")
  (cd "$work" && env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C LC_ALL=C TERM=dumb \
    timeout 60 unshare --net --mount --uts --ipc bash -c '
      mount --make-rprivate /
      mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns
      hostname labbook
      ip link set lo up
      exec bash "$1"' record "$name") >"$out" 2>&1
  rc=$?
  for setting in "${restore[@]}"; do sysctl -qw "$setting"; done
  [ "$rc" -eq 0 ] || echo "[$rc]" >>"$out"
  rm -rf "$work"
  echo "recorded ${out#"$PWD"/} (exit $rc)"
done
