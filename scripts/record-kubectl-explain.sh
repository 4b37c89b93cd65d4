#!/usr/bin/env bash
# Records the real kubectl's `explain` output as goldens in test/kube/fixtures/kubectl-explain/:
# NAME.out and NAME.err for each line of cases.tsv (NAME <tab> explain arguments, tab-separated).
# kubectl talks to a throw-away fake API server on 127.0.0.1 that serves legacy discovery for the
# built-in resources (engine/kube/api/resources.ts) and /openapi/v3 documents built from the same
# schema data the simulator renders (engine/kube/explain/data/), shaped as kube-openapi shapes v3:
# a reference with a description is wrapped in allOf, one path per resource carries the operation's
# x-kubernetes-group-version-kind. So the goldens check the rendering; the data's fidelity rests
# on scripts/generate-explain-schemas.ts.
# Needs kubectl v1.32 and node 22. Usage: scripts/record-kubectl-explain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=test/kube/fixtures/kubectl-explain
client=$(kubectl version --client 2>/dev/null || true)
[[ "$client" == *"Client Version: v1.32"* ]] || { echo "needs kubectl v1.32" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
server_pid=

cat >"$work/server.ts" <<'EOF'
import { createServer } from 'node:http';
import { BUILTIN_RESOURCES, EXTRA_VERSIONS } from '../../engine/kube/api/resources.ts';
import { builtinSchemas, type CompactDefinition } from '../../engine/kube/explain/schema.ts';
import part0 from '../../engine/kube/explain/data/definitions-0.json' with { type: 'json' };
import part1 from '../../engine/kube/explain/data/definitions-1.json' with { type: 'json' };

const compact = { ...part0, ...part1 } as unknown as Record<string, CompactDefinition>;
const schemas = builtinSchemas();
const components: Record<string, unknown> = {};
for (const [name, def] of Object.entries(compact)) {
  const schema: Record<string, unknown> = { ...schemas.definition(name) };
  if (def.gvk) schema['x-kubernetes-group-version-kind'] = def.gvk.map(([group, version, kind]) => ({ group, kind, version }));
  components[name] = schema;
}
const types = BUILTIN_RESOURCES.flatMap((t) => [t, ...(EXTRA_VERSIONS[t.group] ?? []).map((version) => ({ ...t, version }))]);
const gv = (t: { group: string; version: string }) => (t.group ? `${t.group}/${t.version}` : t.version);
const urlPrefix = (t: { group: string; version: string }) => (t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`);
const groups = [...new Set(types.filter((t) => t.group).map((t) => t.group))];
const routes: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] },
  '/apis': {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: groups.map((name) => {
      const versions = [...new Set(types.filter((t) => t.group === name).map((t) => t.version))];
      return { name, versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })), preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] } };
    }),
  },
};
const v3paths: Record<string, unknown> = {};
for (const key of [...new Set(types.map(gv))]) {
  const members = types.filter((t) => gv(t) === key);
  routes[`/${urlPrefix(members[0])}`] = {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: key,
    resources: members.map((t) => ({ name: t.resource, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, shortNames: t.shortNames.length ? t.shortNames : undefined })),
  };
  const paths: Record<string, unknown> = {};
  for (const t of members) {
    const path = t.namespaced ? `/${urlPrefix(t)}/namespaces/{namespace}/${t.resource}` : `/${urlPrefix(t)}/${t.resource}`;
    const op = { 'x-kubernetes-group-version-kind': { group: t.group, kind: t.kind, version: t.version } };
    paths[path] = t.verbs.includes('list') ? { get: op } : { post: op };
  }
  routes[`/openapi/v3/${urlPrefix(members[0])}`] = { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, components: { schemas: components } };
  v3paths[urlPrefix(members[0])] = { serverRelativeURL: `/openapi/v3/${urlPrefix(members[0])}?hash=0` };
}
routes['/openapi/v3'] = { paths: v3paths };
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const body = routes[path];
  res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 }));
});
server.listen(0, '127.0.0.1', () => console.log((server.address() as { port: number }).port));
EOF
mkdir -p scripts/.explain-server && cp "$work/server.ts" scripts/.explain-server/server.ts
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work" scripts/.explain-server' EXIT
node scripts/.explain-server/server.ts >"$work/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
[ -n "$port" ] || { echo "fake API server did not start" >&2; exit 1; }
cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:$port"}}]
contexts: [{name: fake, context: {cluster: fake, namespace: default, user: fake}}]
current-context: fake
users: [{name: fake, user: {}}]
EOF

rm -f "$dir"/*.out "$dir"/*.err
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  IFS=$'\t' read -r -a fields <<<"$line"
  name=${fields[0]}
  kubectl --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache" explain "${fields[@]:1}" \
    >"$dir/$name.out" 2>"$dir/$name.err" || true
done <"$dir/cases.tsv"
echo "recorded $(ls "$dir" | grep -c '\.out$') cases in $dir"
