// The pods/log subresource: a container's log as text/plain, read from the kubelet that runs
// the pod, with the PodLogOptions query parameters (container, previous, tailLines,
// timestamps, sinceSeconds, limitBytes, follow). Errors are worded as the API server's
// LogLocation (pkg/registry/core/pod/strategy.go validateContainer) and the kubelet's
// validateContainerLogStatus (pkg/kubelet/kubelet_pods.go) word them; the kubelet's text
// reaches kubectl as a BadRequest Status (rest.GenericHttpResponseChecker).
import type { ServerResponse } from 'node:http';
import { type KubeObject, parseTime } from '../../engine/kube/api/types.ts';
import { badRequest } from '../../engine/kube/apiserver/errors.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import type { Kubelet } from '../../engine/kube/kubelet/kubelet.ts';
import type { LogLine } from '../../engine/kube/kubelet/process.ts';
import type { ApiRequest } from './handlers.ts';
import type { ResourceRoute } from './routes.ts';

/** How often a followed log looks for new lines (wall time; simulated time moves on writes). */
const FOLLOW_POLL_MS = 200;

// biome-ignore lint/suspicious/noExplicitAny: container specs and statuses are open JSON
type Json = any;

interface LogOptions {
  container: string;
  previous: boolean;
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
}

/** One CRI log record: a line (or the unterminated rest) stamped with its instant. */
interface LogRecord {
  at: number;
  text: string;
}

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

/**
 * validateContainerLogStatus: which run's log can be read, or the kubelet's refusal. Returns
 * the instant the chosen run started (ms), from the container status.
 */
function logRunStart(pod: KubeObject, container: string, previous: boolean): number {
  const podName = pod.metadata.name;
  const status = statusOf(pod, container);
  if (!status) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const { waiting, running, terminated } = status.state ?? {};
  const last = status.lastState?.terminated;
  if (previous) {
    if (!last) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return parseTime(last.startedAt);
  }
  if (running) return parseTime(running.startedAt);
  if (terminated) return parseTime(terminated.startedAt);
  if (last) return parseTime(last.startedAt);
  if (waiting) {
    if (waiting.reason === 'ErrImagePull')
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`,
      );
    if (waiting.reason === 'ImagePullBackOff')
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`,
      );
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason}`);
  }
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

function kubeletFor(cluster: Cluster, pod: KubeObject): Kubelet | undefined {
  const kubelets = cluster.components.get('kubelets') as Kubelet[] | undefined;
  return kubelets?.find((k) => k.node.name === pod.spec?.nodeName);
}

/** The log's records: each LogLine split at its newlines, as the runtime writes CRI lines. */
function records(lines: LogLine[], start: number): LogRecord[] {
  const out: LogRecord[] = [];
  for (const line of lines) {
    for (const piece of line.text.match(/[^\n]*\n|[^\n]+$/g) ?? [])
      out.push({ at: (Number.isNaN(start) ? 0 : start) + line.at, text: piece });
  }
  return out;
}

/** types.RFC3339NanoFixed: nine fractional digits always. */
function nanoTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

/** kuberuntime/logs ReadLogs: tail first, then the since cut, timestamps and the byte limit. */
function render(all: LogRecord[], options: LogOptions, now: number, budget: { left: number }): Buffer {
  let picked = all;
  if (options.tailLines !== undefined && options.tailLines >= 0)
    picked = options.tailLines === 0 ? [] : all.slice(-options.tailLines);
  const since = options.sinceSeconds !== undefined ? now - options.sinceSeconds * 1000 : -Infinity;
  const out: Buffer[] = [];
  for (const r of picked) {
    if (r.at < since) continue;
    let line = Buffer.from(options.timestamps ? `${nanoTimestamp(r.at)} ${r.text}` : r.text);
    // limitBytes counts bytes and may cut a line short
    if (line.length > budget.left) line = line.subarray(0, budget.left);
    out.push(line);
    budget.left -= line.length;
    if (budget.left <= 0) break;
  }
  return Buffer.concat(out);
}

function optionsOf(query: URLSearchParams): LogOptions {
  return {
    container: query.get('container') ?? '',
    previous: boolParam(query, 'previous'),
    follow: boolParam(query, 'follow'),
    timestamps: boolParam(query, 'timestamps'),
    tailLines: intParam(query, 'tailLines'),
    limitBytes: intParam(query, 'limitBytes'),
    sinceSeconds: intParam(query, 'sinceSeconds'),
  };
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
  const options = optionsOf(req.query);
  const container = resolveContainer(pod, options.container);
  const headers = { 'Content-Type': 'text/plain' };
  // LogLocation: an unscheduled pod has no location, and the answer is empty
  if (!pod.spec?.nodeName) {
    res.writeHead(200, headers);
    res.end();
    return;
  }
  const start = logRunStart(pod, container, options.previous);
  const kubelet = kubeletFor(cluster, pod);
  const uid = pod.metadata.uid ?? '';
  const read = () => records(kubelet?.logs(uid, container, options.previous) ?? [], start);
  const budget = {
    left: options.limitBytes !== undefined && options.limitBytes >= 0 ? options.limitBytes : Infinity,
  };
  const first = read();
  res.writeHead(200, headers);
  res.write(render(first, options, cluster.now(), budget));
  if (!options.follow || options.previous || budget.left <= 0 || !isRunning(pod, container, uid)) {
    res.end();
    return;
  }
  // following: new records past those already sent, with no tail cut
  let sent = first.length;
  const more = { ...options, tailLines: undefined };
  const timer = setInterval(() => {
    cluster.runtime.catchUp();
    const all = read();
    if (all.length > sent) {
      res.write(render(all.slice(sent), more, cluster.now(), budget));
      sent = all.length;
    }
    const live = cluster.store.peek(podType, namespace, route.name ?? '');
    if (budget.left <= 0 || !isRunning(live, container, uid)) {
      clearInterval(timer);
      res.end();
    }
  }, FOLLOW_POLL_MS);
  res.on('close', () => clearInterval(timer));
}
