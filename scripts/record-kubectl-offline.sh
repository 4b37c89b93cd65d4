#!/usr/bin/env bash
# Records the real kubectl's output formats (-o yaml|json|jsonpath|custom-columns|name) as goldens in
# test/kube/fixtures/kubectl-offline/, with no cluster:
#   create/NAME.{json,yaml}.out `kubectl create ... --dry-run=client -o json|yaml` (create-cases.tsv),
#                               with NAME.FORMAT.err when kubectl failed
#   jsonpath/NAME.{out,err}     `kubectl create ... --dry-run=client -o jsonpath=...` (jsonpath-cases.tsv)
#   get/NAME.{out,err}          `kubectl get ...` (get-cases.tsv)
# All commands talk to a throw-away fake API server on 127.0.0.1 serving server/*.json.in read-only
# (create needs it only for discovery, e.g. to check `create role --resource`).
# The *.tsv, columns.txt and server/*.json.in files are hand-written inputs; the rest is kubectl's
# output (.out/.err, so that the formatter leaves Go's JSON layout alone).
# Needs kubectl v1.32 and node. Usage: scripts/record-kubectl-offline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=test/kube/fixtures/kubectl-offline
kubectl version --client 2>/dev/null | grep -q 'Client Version: v1.32' || { echo "needs kubectl v1.32" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
server_pid=

# A fake API server: legacy discovery for v1, apps/v1 and example.com/v1, and list/get of the
# objects in server/{pods,deployments,widgets}.json.in in namespace default (and no configmaps).
cat >"$work/server.mjs" <<'EOF'
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const lists = {
  '/api/v1/namespaces/default/pods': JSON.parse(readFileSync(`${dir}/pods.json.in`, 'utf8')),
  '/apis/apps/v1/namespaces/default/deployments': JSON.parse(readFileSync(`${dir}/deployments.json.in`, 'utf8')),
  '/apis/example.com/v1/namespaces/default/widgets': JSON.parse(readFileSync(`${dir}/widgets.json.in`, 'utf8')),
  '/api/v1/namespaces/default/configmaps': { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items: [] },
};
const resource = (name, kind, shortNames = []) => ({ name, singularName: kind.toLowerCase(), namespaced: true, kind, verbs: ['get', 'list'], shortNames });
const discovery = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [
    { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
    { name: 'example.com', versions: [{ groupVersion: 'example.com/v1', version: 'v1' }], preferredVersion: { groupVersion: 'example.com/v1', version: 'v1' } },
  ] },
  '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [resource('pods', 'Pod', ['po']), resource('configmaps', 'ConfigMap', ['cm'])] },
  '/apis/apps/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [resource('deployments', 'Deployment', ['deploy'])] },
  '/apis/example.com/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'example.com/v1', resources: [resource('widgets', 'Widget')] },
};
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const send = (code, body) => { res.writeHead(code, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
  if (discovery[path]) return send(200, discovery[path]);
  if (lists[path]) return send(200, lists[path]);
  const slash = path.lastIndexOf('/');
  const list = lists[path.slice(0, slash)];
  const item = list?.items.find((i) => i.metadata.name === path.slice(slash + 1));
  if (item) {
    return send(200, { apiVersion: list.apiVersion, kind: list.kind.replace(/List$/, ''), ...item });
  }
  send(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${path} not found`, reason: 'NotFound', code: 404 });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
EOF
node "$work/server.mjs" "$dir/server" >"$work/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:$port"}}]
contexts: [{name: fake, context: {cluster: fake, namespace: default, user: fake}}]
current-context: fake
users: [{name: fake, user: {}}]
EOF

# Splits a tab-separated case line into the array "args" (fields after the first two), keeping
# the name in "name" and the second field in "extra".
read_case() {
  IFS=$'\t' read -r -a fields <<<"$1"
  name=${fields[0]}
  extra=${fields[1]:-}
  args=("${fields[@]:2}")
}

# Replaces backslash escapes (\n, \t, \xHH) in every element of "args".
decode_args() {
  local i
  for i in "${!args[@]}"; do printf -v "args[$i]" '%b' "${args[$i]}"; done
}

# Sets "cmd" to "args" with the given flags inserted before a "--" (kubectl create job NAME -- CMD).
with_flags() {
  cmd=()
  local arg inserted=
  for arg in "${args[@]}"; do
    if [[ "$arg" == "--" && -z "$inserted" ]]; then cmd+=("$@") && inserted=1; fi
    cmd+=("$arg")
  done
  [[ -n "$inserted" ]] || cmd+=("$@")
}

# create-cases.tsv: NAME <tab> - <tab> kubectl create arguments, one per field (backslash escapes decoded).
rm -rf "$dir/create" && mkdir -p "$dir/create"
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  read_case "$line"
  decode_args
  for format in json yaml; do
    with_flags --dry-run=client -o "$format"
    kubectl --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache" create "${cmd[@]}" \
      >"$dir/create/$name.$format.out" 2>"$dir/create/$name.$format.err" || true
    [ -s "$dir/create/$name.$format.err" ] || rm "$dir/create/$name.$format.err"
  done
done <"$dir/create-cases.tsv"

# jsonpath-cases.tsv: NAME <tab> SOURCE (a create case) <tab> extra kubectl flags, the last being -o ...
rm -rf "$dir/jsonpath" && mkdir -p "$dir/jsonpath"
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  read_case "$line"
  case_name=$name
  flags=("${args[@]}")
  read_case "$(grep -P "^$extra\t" "$dir/create-cases.tsv")"
  decode_args
  with_flags --dry-run=client "${flags[@]}"
  kubectl --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache" create "${cmd[@]}" \
    >"$dir/jsonpath/$case_name.out" 2>"$dir/jsonpath/$case_name.err" || true
done <"$dir/jsonpath-cases.tsv"

# get-cases.tsv: NAME <tab> - <tab> kubectl get arguments.
rm -rf "$dir/get" && mkdir -p "$dir/get"
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  read_case "$line"
  kubectl --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache" get "${args[@]}" \
    >"$dir/get/$name.out" 2>"$dir/get/$name.err" || true
done <"$dir/get-cases.tsv"
echo "recorded $(ls "$dir"/create "$dir"/jsonpath "$dir"/get | grep -c '\.') files in $dir"
