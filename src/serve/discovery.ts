// Legacy API discovery (/api, /api/v1, /apis, /apis/GROUP/VERSION) and /version built from the
// simulated cluster's resource registry, shaped as the API server's metav1 types serialise.
import { EXTRA_VERSIONS, groupVersion, type ResourceType } from '../../engine/kube/api/resources.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { KUBERNETES_VERSION } from '../../engine/kube/kind/bootstrap.ts';
import { subresourceEntries } from './subresources.ts';

/** Every served type, with the older versions of a group (EXTRA_VERSIONS) as copies. */
export function servedTypes(cluster: Cluster): ResourceType[] {
  return cluster.registry
    .all()
    .flatMap((t) => [t, ...(EXTRA_VERSIONS[t.group] ?? []).map((version) => ({ ...t, version }))]);
}

/** The type serving GROUP/VERSION/RESOURCE, or undefined (the server answers 404). */
export function findType(
  cluster: Cluster,
  group: string,
  version: string,
  resource: string,
): ResourceType | undefined {
  return servedTypes(cluster).find(
    (t) => t.group === group && t.version === version && t.resource === resource,
  );
}

/** The answer to a discovery path, or undefined when the path is not a discovery document. */
export function discoveryDocument(cluster: Cluster, path: string, advertiseAddress: string): unknown {
  if (path === '/version') return versionInfo();
  const types = servedTypes(cluster);
  // metav1.APIVersions: kube-apiserver answers with its advertise address (the control-plane node's IP)
  if (path === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${advertiseAddress}:6443` }],
    };
  }
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups(types) };
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (match) {
    const group = match[2] ?? '';
    const version = match[1] ?? match[3];
    const members = types.filter((t) => t.group === group && t.version === version);
    if (members.length === 0) return undefined;
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: groupVersion(members[0]),
      resources: apiResourceEntries(members),
    };
  }
  const groupOnly = /^\/apis\/([^/]+)$/.exec(path);
  if (groupOnly) return apiGroups(types).find((g) => g.name === groupOnly[1]);
  return undefined;
}

/**
 * The metav1.APIResource entries of one group version's types: each resource followed by its
 * served subresources ("pods/eviction"), as /api/v1 and /apis/GROUP/VERSION list them.
 */
export function apiResourceEntries(members: ResourceType[]): Record<string, unknown>[] {
  return members.flatMap((t) => [apiResource(t), ...subresourceEntries(t)]);
}

export interface ApiGroup {
  name: string;
  versions: { groupVersion: string; version: string }[];
  preferredVersion: { groupVersion: string; version: string };
}

/** metav1.APIGroup of every named group, versions in preference order (the preferred first). */
export function apiGroups(types: ResourceType[]): ApiGroup[] {
  const names = [...new Set(types.filter((t) => t.group).map((t) => t.group))];
  return names.map((name) => {
    const versions = [...new Set(types.filter((t) => t.group === name).map((t) => t.version))];
    const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
    return { name, versions: entries, preferredVersion: entries[0] };
  });
}

/** metav1.APIResource: shortNames and categories are omitempty. */
function apiResource(t: ResourceType): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: t.verbs,
  };
  if (t.shortNames.length > 0) out.shortNames = t.shortNames;
  if (t.categories.length > 0) out.categories = t.categories;
  return out;
}

/** version.Info as /version answers; only the fields kubectl prints are simulated. */
function versionInfo(): Record<string, string> {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return { major, minor, gitVersion: KUBERNETES_VERSION, platform: 'linux/amd64' };
}
