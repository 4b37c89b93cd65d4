// The pods/log subresource: a container's log as text/plain with the PodLogOptions query
// parameters (container, previous, tailLines, timestamps, sinceSeconds, sinceTime, limitBytes,
// follow), read as the engine's kubectl reads it (log-source.ts: the kubelet's
// validateContainerLogStatus and ReadLogs). The container is checked as the API server's
// LogLocation does (pkg/registry/core/pod/strategy.go validateContainer); refusals reach
// kubectl as BadRequest Statuses (rest.GenericHttpResponseChecker).
import type { ServerResponse } from 'node:http';
import { type KubeObject, parseTime } from '../../engine/kube/api/types.ts';
import { badRequest } from '../../engine/kube/apiserver/errors.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { podLogRecords, renderLogRecords } from '../../engine/kube/kubectl/commands/log-source.ts';
import type { ApiRequest } from './handlers.ts';
import type { ResourceRoute } from './routes.ts';

/** How often a followed log looks for new lines (wall time; simulated time moves on writes). */
const FOLLOW_POLL_MS = 200;

// biome-ignore lint/suspicious/noExplicitAny: container specs and statuses are open JSON
type Json = any;

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`${name}: Invalid value: "${v}": must be an integer`);
  return n;
}

function boolParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true' || query.get(name) === '1';
}

/** Names of every container of the pod in podutil.VisitContainers order (init, main, ephemeral). */
function containerNames(pod: KubeObject): string[] {
  const spec: Json = pod.spec ?? {};
  return [
    ...(spec.initContainers ?? []),
    ...(spec.containers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ].map((c: { name: string }) => c.name);
}

/** validateContainer: the named container must exist; unnamed picks the only one. */
export function resolveContainer(pod: KubeObject, container: string): string {
  const name = pod.metadata.name;
  if (container) {
    if (!containerNames(pod).includes(container))
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    return container;
  }
  const main: Json[] = pod.spec?.containers ?? [];
  if (main.length === 1) return main[0].name;
  if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  // fmt's %s of a []string: [a b c]
  throw badRequest(
    `a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]`,
  );
}

function statusOf(pod: KubeObject, container: string): Json {
  return [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].find((s: { name: string }) => s.name === container);
}

function isRunning(pod: KubeObject | undefined, container: string, uid: string): boolean {
  return Boolean(pod && pod.metadata.uid === uid && statusOf(pod, container)?.state?.running);
}

/**
 * GET pods/NAME/log: writes the answer on `res` (the log, or a Status error thrown as a
 * StatusError before anything is written). A followed log of a running container stays open,
 * sending lines as simulated time brings them, until the container stops or the client leaves.
 */
export function servePodLog(
  cluster: Cluster,
  route: ResourceRoute,
  req: ApiRequest,
  res: ServerResponse,
): void {
  const podType = cluster.type('pods');
  const namespace = route.namespace ?? '';
  const pod = cluster.store.get(podType, namespace, route.name ?? '');
  const q = req.query;
  const sinceTime = q.get('sinceTime');
  const options = {
    timestamps: boolParam(q, 'timestamps'),
    tailLines: intParam(q, 'tailLines'),
    limitBytes: intParam(q, 'limitBytes'),
    sinceSeconds: intParam(q, 'sinceSeconds'),
    sinceTime: sinceTime ? parseTime(sinceTime) : undefined,
  };
  const previous = boolParam(q, 'previous');
  const container = resolveContainer(pod, q.get('container') ?? '');
  const uid = pod.metadata.uid ?? '';
  const budget = { left: options.limitBytes ?? Number.POSITIVE_INFINITY };
  const first = podLogRecords(cluster, pod, container, previous);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.write(renderLogRecords(first, options, cluster.now(), budget));
  const follow = boolParam(q, 'follow');
  if (!follow || previous || budget.left <= 0 || !isRunning(pod, container, uid)) {
    res.end();
    return;
  }
  // following: the records past those already sent, with no tail cut
  let sent = first.length;
  const more = { ...options, tailLines: undefined };
  const timer = setInterval(() => {
    cluster.runtime.catchUp();
    const live = cluster.store.peek(podType, namespace, route.name ?? '');
    const all = live && live.metadata.uid === uid ? podLogRecords(cluster, live, container, false) : [];
    if (all.length > sent) {
      res.write(renderLogRecords(all.slice(sent), more, cluster.now(), budget));
      sent = all.length;
    }
    if (budget.left <= 0 || !isRunning(live, container, uid)) {
      clearInterval(timer);
      res.end();
    }
  }, FOLLOW_POLL_MS);
  res.on('close', () => clearInterval(timer));
}
