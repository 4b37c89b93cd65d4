// kubectl get --raw URI for one object's URL (/api/v1/[namespaces/NS/]RESOURCE/NAME or
// /apis/GROUP/VERSION/...): the response body exactly as the API server sends it, compact JSON
// without a trailing newline (k8s.io/kubectl pkg/cmd/get get.go raw, rawhttp.RawGet).
import { groupVersion } from '../../api/resources.ts';
import { type Kubectl, KubectlError } from '../context.ts';

/** The object a URL path names, or undefined when it is not one object's URL. */
function objectRoute(k: Kubectl, path: string) {
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  let group = '';
  let version = '';
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length !== 2) return undefined;
  const [resource, name] = rest;
  const type = k
    .cluster()
    .registry.all()
    .find((t) => t.group === group && t.version === version && t.resource === resource);
  if (!type || type.namespaced !== (namespace !== '')) return undefined;
  return { type, namespace, name };
}

export function getRaw(k: Kubectl, uri: string): number {
  const route = objectRoute(k, uri.split('?')[0]);
  if (!route)
    throw new KubectlError(`error: the engine's kubectl get --raw serves single objects only: ${uri}`);
  const obj = k.cluster().store.get(route.type, route.namespace, route.name);
  k.out(JSON.stringify({ ...obj, apiVersion: groupVersion(route.type), kind: route.type.kind }));
  return 0;
}
