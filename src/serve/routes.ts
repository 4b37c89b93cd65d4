// Parsing of resource URLs: /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]] and the same
// under /apis/GROUP/VERSION, resolved against the types the simulated cluster serves.
import type { ResourceType } from '../../engine/kube/api/resources.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { findType } from './discovery.ts';

export interface ResourceRoute {
  type: ResourceType;
  /** Set when the URL names a namespace (namespaced types only). */
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The resource a URL path addresses, or undefined when it names none the cluster serves. */
export function parseResourcePath(cluster: Cluster, path: string): ResourceRoute | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = findType(cluster, group, version, rest[2]);
    if (type?.namespaced) return route(type, rest.slice(3), rest[1]);
  }
  const type = findType(cluster, group, version, rest[0]);
  if (!type) return undefined;
  return route(type, rest.slice(1), undefined);
}

function route(type: ResourceType, tail: string[], namespace: string | undefined): ResourceRoute | undefined {
  if (tail.length > 2) return undefined;
  return { type, namespace, name: tail[0], subresource: tail[1] };
}
