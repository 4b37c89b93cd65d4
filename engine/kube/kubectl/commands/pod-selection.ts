// Which pod kubectl logs and exec talk to when given a controller or service: its pod selector
// (polymorphichelpers SelectorsForObject), the pods sorted as logs (podutils ByLogging) or
// exec (reverse podutils ActivePods) prefer them, waiting up to --pod-running-timeout for one
// (polymorphichelpers GetPodList). Facts from k8s.io/kubectl v0.32.4.
import { parseLabelSelector, type Selector, selectorFromObject } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { parseTime } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { KubectlError } from '../context.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod specs and statuses are open JSON
type Json = any;

/** Go's %T of a decoded built-in object: `*v1.ConfigMap` (the package is named by version). */
export function goTypeName(obj: KubeObject): string {
  const version = (obj.apiVersion ?? 'v1').split('/').pop();
  return `*${version}.${obj.kind}`;
}

const WITH_LABEL_SELECTOR = ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Deployment', 'Job'];

/**
 * SelectorsForObject: the pod selector of a workload or service; `verb` words the error
 * ("cannot get the logs from" for logs, "cannot attach to" for exec).
 */
export function podSelectorOf(obj: KubeObject, verb: string): Selector {
  const fail = (why: string) => new KubectlError(`error: ${verb} ${goTypeName(obj)}: ${why}`);
  if (WITH_LABEL_SELECTOR.includes(obj.kind)) {
    // LabelSelectorAsSelector: an empty selector selects everything
    return selectorFromObject(obj.spec?.selector) ?? parseLabelSelector('');
  }
  if (obj.kind === 'ReplicationController')
    return selectorFromObject({ matchLabels: obj.spec?.selector ?? {} }) ?? parseLabelSelector('');
  if (obj.kind === 'Service') {
    const set: Record<string, string> = obj.spec?.selector ?? {};
    if (Object.keys(set).length === 0)
      throw fail(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
    return selectorFromObject({ matchLabels: set }) ?? parseLabelSelector('');
  }
  throw fail(`selector for ${goTypeName(obj)} not implemented`);
}

function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
}

/** The Ready condition's last transition when the pod is ready, else the zero time (NaN). */
function readyTime(pod: KubeObject): number {
  const c = (pod.status?.conditions ?? []).find((x: Json) => x.type === 'Ready' && x.status === 'True');
  return c ? parseTime(c.lastTransitionTime) : Number.NaN;
}

/** podutils afterOrZero: t1 after t2, a zero (unknown) time counting as after any other. */
function afterOrZero(t1: number, t2: number): boolean {
  if (Number.isNaN(t1) || Number.isNaN(t2)) return Number.isNaN(t1);
  return t1 > t2;
}

function sameTime(t1: number, t2: number): boolean {
  return t1 === t2 || (Number.isNaN(t1) && Number.isNaN(t2));
}

/** podutils maxContainerRestarts: regular containers', then restartable init containers'. */
function maxRestarts(pod: KubeObject): [number, number] {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s: Json) => s.restartCount ?? 0));
  const sidecars = new Set(
    (pod.spec?.initContainers ?? [])
      .filter((c: Json) => c.restartPolicy === 'Always')
      .map((c: Json) => c.name),
  );
  const sidecar = Math.max(
    0,
    ...(pod.status?.initContainerStatuses ?? [])
      .filter((s: Json) => sidecars.has(s.name))
      .map((s: Json) => s.restartCount ?? 0),
  );
  return [regular, sidecar];
}

/** compareMaxContainerRestarts: true when a restarted more, false when b did, else undefined. */
function moreRestarts(a: KubeObject, b: KubeObject): boolean | undefined {
  const [ra, sa] = maxRestarts(a);
  const [rb, sb] = maxRestarts(b);
  if (ra !== rb) return ra > rb;
  if (sa !== sb) return sa > sb;
  return undefined;
}

const created = (pod: KubeObject) => parseTime(pod.metadata.creationTimestamp);
const node = (pod: KubeObject): string => pod.spec?.nodeName ?? '';

/** podutils ByLogging's Less: the pod whose logs are most worth reading first. */
function loggingLess(a: KubeObject, b: KubeObject): boolean {
  if (node(a) !== node(b) && (node(a) === '' || node(b) === '')) return node(a) !== '';
  // phases outside the map (Succeeded, Failed) rank as Running does
  const rank = (p: KubeObject) => ({ Running: 0, Unknown: 1, Pending: 2 })[p.status?.phase as string] ?? 0;
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b) && !sameTime(readyTime(a), readyTime(b)))
    return afterOrZero(readyTime(b), readyTime(a));
  const restarts = moreRestarts(a, b);
  if (restarts !== undefined) return restarts;
  if (!sameTime(created(a), created(b))) return afterOrZero(created(b), created(a));
  return false;
}

const deleting = (pod: KubeObject) => Boolean(pod.metadata.deletionTimestamp);

/** podutils ActivePods' Less: the pod a controller would delete first. */
function activeLess(a: KubeObject, b: KubeObject): boolean {
  if (node(a) !== node(b) && (node(a) === '' || node(b) === '')) return node(a) === '';
  const rank = (p: KubeObject) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  if (isReady(a) !== isReady(b)) return !isReady(a);
  if (deleting(a) !== deleting(b)) return deleting(a);
  if (deleting(a) && deleting(b)) {
    const da = parseTime(a.metadata.deletionTimestamp);
    const db = parseTime(b.metadata.deletionTimestamp);
    if (da !== db) return da < db;
  }
  if (isReady(a) && isReady(b) && !sameTime(readyTime(a), readyTime(b)))
    return afterOrZero(readyTime(a), readyTime(b));
  const restarts = moreRestarts(a, b);
  if (restarts !== undefined) return restarts;
  if (!sameTime(created(a), created(b))) return afterOrZero(created(a), created(b));
  return false;
}

/** sort.Sort over a Less (an insertion sort for the small lists kubectl sees: stable). */
function sortBy(pods: KubeObject[], less: (a: KubeObject, b: KubeObject) => boolean): KubeObject[] {
  const out = [...pods];
  for (let i = 1; i < out.length; i++)
    for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) [out[j], out[j - 1]] = [out[j - 1], out[j]];
  return out;
}

export type PodOrder = 'logging' | 'active-reversed';

/**
 * GetPodList: the selected pods in `order`; with none, waits (moving the cluster's clock) up to
 * `timeoutMs` for one to appear, then fails as watchtools.UntilWithoutRetry does.
 */
export function podsForSelector(
  cluster: Cluster,
  namespace: string,
  selector: Selector,
  order: PodOrder,
  timeoutMs: number,
): KubeObject[] {
  const type = cluster.type('pods');
  const list = () => cluster.store.list(type, namespace, { labelSelector: selector });
  let pods = list();
  if (pods.length === 0) {
    if (!cluster.runtime.runUntil(cluster.now() + timeoutMs, () => list().length > 0))
      throw new KubectlError('error: timed out waiting for the condition');
    // the watch hands back the one pod it saw
    return list().slice(0, 1);
  }
  if (order === 'logging') pods = sortBy(pods, loggingLess);
  else pods = sortBy(pods, (a, b) => activeLess(b, a));
  return pods;
}
