// Pod facts controllers share (pkg/api/v1/pod and controller_utils.go): readiness,
// availability, activeness, and the ranking the ReplicaSet controller deletes pods by.
import type { Condition, KubeObject } from '../api/types.ts';
import { parseTime } from '../api/types.ts';

export function condition(obj: KubeObject, type: string): Condition | undefined {
  return (obj.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);
}

export function isPodReady(pod: KubeObject): boolean {
  return condition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds at `now` (podutil.IsPodAvailable). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const ready = condition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const since = parseTime(ready.lastTransitionTime);
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= now;
}

/** When a ready pod becomes available, in ms; undefined if it is not ready. */
export function availableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  const ready = condition(pod, 'Ready');
  if (ready?.status !== 'True') return undefined;
  return parseTime(ready.lastTransitionTime) + minReadySeconds * 1000;
}

/** Not finished and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function restarts(pod: KubeObject): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n = Math.max(n, s.restartCount ?? 0);
  return n;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Orders pods so that the ones to delete first come first (controller.ActivePods Less):
 * unscheduled, then pending, not ready, ready for less time, more restarts, newer.
 */
export function compareForDeletion(a: KubeObject, b: KubeObject): number {
  const assignedA = a.spec?.nodeName ? 1 : 0;
  const assignedB = b.spec?.nodeName ? 1 : 0;
  if (assignedA !== assignedB) return assignedA - assignedB;
  const pa = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
  const pb = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  if (ra && rb) {
    const ta = parseTime(condition(a, 'Ready')?.lastTransitionTime);
    const tb = parseTime(condition(b, 'Ready')?.lastTransitionTime);
    if (ta !== tb) return tb - ta;
  }
  const ca = restarts(a);
  const cb = restarts(b);
  if (ca !== cb) return cb - ca;
  const ka = parseTime(a.metadata.creationTimestamp);
  const kb = parseTime(b.metadata.creationTimestamp);
  if (ka !== kb) return kb - ka;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? 1 : -1;
}

/** A pod object built from a template, as controllers create them. */
export function podFromTemplate(
  template: KubeObject['spec'],
  generateName: string,
  namespace: string,
  owner: KubeObject['metadata']['ownerReferences'],
): KubeObject {
  const meta = template?.metadata ?? {};
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace,
      ...(meta.labels ? { labels: structuredClone(meta.labels) } : {}),
      ...(meta.annotations ? { annotations: structuredClone(meta.annotations) } : {}),
      ownerReferences: owner,
    },
    spec: structuredClone(template?.spec ?? {}),
  };
  return pod;
}
