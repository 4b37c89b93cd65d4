// ?watch=true on a collection: a chunked stream of JSON watch events ({"type","object"} per
// line) fed by the store's synchronous watch, filtered by namespace and selectors, encoded as
// Tables when kubectl asks for them (kubectl get -w). Without a resourceVersion (or with "0")
// the stream starts with an ADDED event per existing object, as the API server does.
import type { ServerResponse } from 'node:http';
import { matches, matchesFields } from '../../engine/kube/api/selectors.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import type { WatchEvent } from '../../engine/kube/apiserver/store.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { type ApiRequest, type Selection, selection, typed } from './handlers.ts';
import type { ResourceRoute } from './routes.ts';
import { tableOf, wantsTable } from './tables.ts';

/** Whether a query asks for a watch (watch=true or watch=1). */
export function isWatch(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === 'true' || w === '1';
}

/** Streams watch events on `res` until the client goes away or timeoutSeconds passes. */
export function serveWatch(
  cluster: Cluster,
  route: ResourceRoute,
  req: ApiRequest,
  res: ServerResponse,
): void {
  const filter: Selection = selection(req.query);
  const { type } = route;
  const asTable = wantsTable(req.accept);
  const includeObject = req.query.get('includeObject');
  const selected = (obj: KubeObject) =>
    (route.namespace === undefined || obj.metadata.namespace === route.namespace) &&
    (!filter.labelSelector || matches(filter.labelSelector, obj.metadata.labels)) &&
    (!filter.fieldSelector || matchesFields(filter.fieldSelector, obj)) &&
    (!route.name || obj.metadata.name === route.name);
  const encode = (obj: KubeObject) =>
    asTable ? tableOf(cluster, type, [obj], includeObject, obj.metadata.resourceVersion ?? '') : obj;
  const send = (eventType: string, obj: KubeObject) =>
    res.write(`${JSON.stringify({ type: eventType, object: encode(typed(type, obj)) })}\n`);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  // client-go waits for the response headers before it reads events (or can cancel the watch)
  res.flushHeaders();
  const rv = req.query.get('resourceVersion');
  if (!rv || rv === '0')
    for (const obj of cluster.store.list(type, route.namespace)) if (selected(obj)) send('ADDED', obj);
  const onEvent = (event: WatchEvent) => {
    if (event.resource.group !== type.group || event.resource.resource !== type.resource) return;
    if (selected(event.object)) send(event.type, event.object);
    // an object that stops matching leaves the watch as DELETED (apiserver cacher filtering)
    else if (event.type === 'MODIFIED' && event.old && selected(event.old)) send('DELETED', event.object);
  };
  const unsubscribe = cluster.store.watch(onEvent);
  const timeout = Number(req.query.get('timeoutSeconds') ?? 0);
  const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
  res.on('close', () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  });
}
