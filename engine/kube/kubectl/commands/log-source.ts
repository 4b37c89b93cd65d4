// What a GET of pods/NAME/log answers, as the engine's kubectl reads it: the API server's
// LogLocation (pkg/registry/core/pod/strategy.go: no node, no log), the kubelet's
// validateContainerLogStatus refusals (pkg/kubelet/kubelet_pods.go, as BadRequest Statuses)
// and its log reading with PodLogOptions (pkg/kubelet/kuberuntime/logs ReadLogs: the tail,
// then the since cut, RFC3339NanoFixed timestamps, the byte limit).
import { type KubeObject, parseTime } from '../../api/types.ts';
import { badRequest } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import type { Kubelet } from '../../kubelet/kubelet.ts';

// biome-ignore lint/suspicious/noExplicitAny: container statuses are open JSON
type Json = any;

/** corev1.PodLogOptions as kubectl fills them. */
export interface PodLogOptions {
  container: string;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** --since-time, ms since the epoch. */
  sinceTime?: number;
}

function statusOf(pod: KubeObject, container: string): Json {
  const s = pod.status ?? {};
  return [
    ...(s.containerStatuses ?? []),
    ...(s.initContainerStatuses ?? []),
    ...(s.ephemeralContainerStatuses ?? []),
  ].find((c: Json) => c.name === container);
}

/**
 * validateContainerLogStatus: the instant (ms) the run whose log is read started, or the
 * kubelet's refusal as the BadRequest Status the API server relays.
 */
function logRunStart(pod: KubeObject, container: string, previous: boolean): number {
  const where = `container "${container}" in pod "${pod.metadata.name}"`;
  const status = statusOf(pod, container);
  if (!status) throw badRequest(`${where} is not available`);
  const { waiting, running, terminated } = status.state ?? {};
  const last = status.lastState?.terminated;
  if (previous) {
    if (!last) throw badRequest(`previous terminated ${where} not found`);
    return parseTime(last.startedAt);
  }
  if (running) return parseTime(running.startedAt);
  if (terminated) return parseTime(terminated.startedAt);
  if (last) return parseTime(last.startedAt);
  if (waiting) {
    // the kubelet words the two image pull failures (images.ErrImagePull, ErrImagePullBackOff)
    const why =
      waiting.reason === 'ErrImagePull'
        ? "image can't be pulled"
        : waiting.reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : waiting.reason;
    throw badRequest(`${where} is waiting to start: ${why}`);
  }
  throw badRequest(`${where} is waiting to start - no logs yet`);
}

/** types.RFC3339NanoFixed: nine fractional digits always. */
function nanoTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

/** UTF-8 length of a string (limitBytes counts bytes). */
function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function cutToBytes(text: string, bytes: number): string {
  const encoded = new TextEncoder().encode(text).slice(0, bytes);
  return new TextDecoder().decode(encoded);
}

/** One runtime log record: a line (or the unterminated rest) stamped with its instant. */
export interface LogRecord {
  at: number;
  text: string;
}

/**
 * The records of the run PodLogOptions pick (validateContainerLogStatus decides which run,
 * or refuses with the BadRequest the API server relays); empty for an unscheduled pod.
 */
export function podLogRecords(
  cluster: Cluster,
  pod: KubeObject,
  container: string,
  previous: boolean,
): LogRecord[] {
  // LogLocation: an unscheduled pod has no location and an empty answer
  if (!pod.spec?.nodeName) return [];
  const start = logRunStart(pod, container, previous);
  const kubelets = cluster.components.get('kubelets') as Kubelet[] | undefined;
  const kubelet = kubelets?.find((k) => k.node.name === pod.spec?.nodeName);
  const lines = kubelet?.logs(pod.metadata.uid ?? '', container, previous) ?? [];
  const records: LogRecord[] = [];
  for (const line of lines)
    for (const piece of line.text.match(/[^\n]*\n|[^\n]+$/g) ?? [])
      records.push({ at: (Number.isNaN(start) ? 0 : start) + line.at, text: piece });
  return records;
}

/**
 * kuberuntime/logs ReadLogs over records: the tail first, then the since cut (the later of
 * sinceSeconds and sinceTime, NewLogOptions), timestamps, and the byte limit, which `budget`
 * carries across calls of a followed log.
 */
export function renderLogRecords(
  records: LogRecord[],
  options: Omit<PodLogOptions, 'container' | 'previous'>,
  now: number,
  budget: { left: number } = { left: options.limitBytes ?? Number.POSITIVE_INFINITY },
): string {
  let picked = records;
  if (options.tailLines !== undefined && options.tailLines >= 0)
    picked = options.tailLines === 0 ? [] : records.slice(-options.tailLines);
  let since = Number.NEGATIVE_INFINITY;
  if (options.sinceSeconds !== undefined) since = now - options.sinceSeconds * 1000;
  if (options.sinceTime !== undefined && options.sinceTime > since) since = options.sinceTime;
  let out = '';
  for (const r of picked) {
    if (budget.left <= 0) break;
    // logWriter.write skips what is older than since
    if (r.at < since) continue;
    let text = options.timestamps ? `${nanoTimestamp(r.at)} ${r.text}` : r.text;
    const size = byteLength(text);
    if (size > budget.left) text = cutToBytes(text, budget.left);
    out += text;
    budget.left -= Math.min(size, budget.left);
  }
  return out;
}

/**
 * The body of GET pods/NAME/log for a pod that exists and a container kubectl has checked:
 * the log text, or a StatusError thrown as the server would answer.
 */
export function readPodLog(cluster: Cluster, pod: KubeObject, options: PodLogOptions): string {
  return renderLogRecords(
    podLogRecords(cluster, pod, options.container, options.previous),
    options,
    cluster.now(),
  );
}
