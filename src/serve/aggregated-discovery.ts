// Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) at /api and /apis: every
// group, version and resource in one document, answered when the Accept header asks for it as
// kubectl's discovery client does, with the ETag / If-None-Match revalidation its cache uses.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { apiGroups, apiResourceEntries, servedTypes } from './discovery.ts';

/** The apidiscovery.k8s.io versions the server encodes (1.32 serves both). */
export type AggregatedVersion = 'v2' | 'v2beta1';

const DISCOVERY_GROUP = 'apidiscovery.k8s.io';
const LIST_KIND = 'APIGroupDiscoveryList';

/**
 * The aggregated version an Accept header asks for, or undefined for the legacy documents.
 * k8s.io/apiserver endpoints/discovery/aggregated wrapper.go negotiates with
 * DiscoveryEndpointRestrictions, which only allows clauses whose g/v/as parameters name
 * apidiscovery.k8s.io v2 or v2beta1 APIGroupDiscoveryList (IsAggregatedDiscoveryGVK): any
 * other clause is passed over, so the first aggregated clause (by q) wins wherever it stands
 * (wrapper_test.go TestAggregationEnabled). Only JSON is encoded here: clauses naming YAML or
 * protobuf are passed over too.
 */
export function aggregatedDiscoveryVersion(accept: string | undefined): AggregatedVersion | undefined {
  if (!accept) return undefined;
  const clauses = accept
    .split(',')
    .map((text, index) => {
      const [mediaType, ...rest] = text.split(';').map((part) => part.trim());
      const params = new Map<string, string>();
      for (const part of rest) {
        const eq = part.indexOf('=');
        if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
      }
      const q = params.has('q') ? Number(params.get('q')) : 1;
      return { mediaType: mediaType.toLowerCase(), params, q: Number.isNaN(q) ? 0 : q, index };
    })
    .filter((c) => c.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { mediaType, params } of clauses) {
    if (!['application/json', 'application/*', '*/*'].includes(mediaType)) continue;
    const version = params.get('v');
    if (
      params.get('g') === DISCOVERY_GROUP &&
      params.get('as') === LIST_KIND &&
      (version === 'v2' || version === 'v2beta1')
    )
      return version;
  }
  return undefined;
}

/** apidiscovery/v2 APIResourceDiscovery (its GroupVersionKind fields are not omitempty). */
interface ResourceDiscovery {
  resource: string;
  responseKind: { group: string; version: string; kind: string };
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: { subresource: string; responseKind: ResourceDiscovery['responseKind']; verbs: string[] }[];
}

/**
 * One group version's resources, converted from its legacy metav1.APIResource entries as the
 * API server derives them (k8s.io/apiserver endpoints/installer.go
 * ConvertGroupVersionIntoToDiscovery, installer_test.go TestConvertAPIResourceToDiscovery):
 * responseKind carries the entry's own group/version (empty unless the storage names one, as
 * pods/eviction's policy/v1 and deployments/scale's autoscaling/v1 do), "RESOURCE/SUB" entries
 * become subresources of RESOURCE.
 */
function resourceDiscovery(entries: Record<string, unknown>[]): ResourceDiscovery[] {
  const responseKind = (e: Record<string, unknown>) => ({
    group: (e.group as string | undefined) ?? '',
    version: (e.version as string | undefined) ?? '',
    kind: (e.kind as string | undefined) ?? '',
  });
  const byName = new Map<string, ResourceDiscovery>();
  for (const e of entries) {
    const name = e.name as string;
    if (name.includes('/')) continue;
    const out: ResourceDiscovery = {
      resource: name,
      responseKind: responseKind(e),
      scope: e.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: e.singularName as string,
      verbs: e.verbs as string[],
    };
    if (e.shortNames) out.shortNames = e.shortNames as string[];
    if (e.categories) out.categories = e.categories as string[];
    byName.set(name, out);
  }
  for (const e of entries) {
    const [parent, subresource] = (e.name as string).split('/', 2);
    const owner = subresource === undefined ? undefined : byName.get(parent);
    if (!owner) continue;
    owner.subresources ??= [];
    owner.subresources.push({ subresource, responseKind: responseKind(e), verbs: e.verbs as string[] });
  }
  return [...byName.values()];
}

/**
 * The APIGroupDiscoveryList of /api (the core group, named "") or /apis (every other group,
 * in the legacy /apis order, versions preferred first), without its TypeMeta: the object the
 * API server hashes for the ETag. Every version is "Current" (genericapiserver.go installs
 * each group version with DiscoveryFreshnessCurrent); metadata.creationTimestamp is the zero
 * metav1.Time, which encodes as null.
 */
export function aggregatedDiscoveryList(cluster: Cluster, path: '/api' | '/apis'): Record<string, unknown> {
  const types = servedTypes(cluster);
  const groups =
    path === '/api'
      ? [{ name: '', versions: [...new Set(types.filter((t) => !t.group).map((t) => t.version))] }]
      : apiGroups(types).map((g) => ({ name: g.name, versions: g.versions.map((v) => v.version) }));
  const items = groups.map(({ name, versions }) => ({
    metadata: { ...(name ? { name } : {}), creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourceDiscovery(
        apiResourceEntries(types.filter((t) => t.group === name && t.version === version)),
      ),
      freshness: 'Current',
    })),
  }));
  return { metadata: {}, items };
}

/**
 * Answers GET /api or /apis with the aggregated document when the Accept header asks for it;
 * false leaves the request to the legacy documents. As ServeHTTPWithETag
 * (endpoints/discovery/aggregated/etag.go): ETag is the quoted upper-case hex SHA-512 of the
 * list's JSON, Vary: Accept, Cache-Control: public, and a matching If-None-Match gets 304
 * (handler_test.go TestEtagMatching); the Content-Type names the GVK served
 * (responsewriters generateMediaTypeWithGVK), which client-go's ContentTypeIsGVK checks.
 */
export function serveAggregatedDiscovery(
  cluster: Cluster,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (path !== '/api' && path !== '/apis') return false;
  const version = aggregatedDiscoveryVersion(req.headers.accept);
  if (!version) return false;
  const list = aggregatedDiscoveryList(cluster, path);
  const etag = `"${createHash('sha512').update(JSON.stringify(list)).digest('hex').toUpperCase()}"`;
  const headers = { ETag: etag, Vary: 'Accept', 'Cache-Control': 'public' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': `application/json;g=${DISCOVERY_GROUP};v=${version};as=${LIST_KIND}`,
  });
  // the JSON serializer writes TypeMeta first and ends the document with a newline
  res.end(`${JSON.stringify({ kind: LIST_KIND, apiVersion: `${DISCOVERY_GROUP}/${version}`, ...list })}\n`);
  return true;
}
