// What the Job controller reads off its pods (pkg/controller/job in 1.32: indexed_job_utils.go,
// backoff_utils.go and job_controller.go helpers): completion indexes and their interval
// notation, when a pod finished, whether it counts as failed, and the pod-failure backoff.
import { type KubeObject, parseTime } from '../api/types.ts';
import { condition } from '../workloads/pods.ts';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (job_controller.go). */
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export function hasTrackingFinalizer(pod: KubeObject): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

export function isIndexedJob(job: KubeObject): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/** getCompletionIndex: the annotation as a non-negative integer, or -1. */
export function completionIndex(pod: KubeObject): number {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX_KEY];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return -1;
  const i = Number(v);
  return i < 0 ? -1 : i;
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed, or a pod failure policy. */
export function onlyReplaceFailedPods(job: KubeObject): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy != null;
}

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before succeeding. */
export function isPodFailed(pod: KubeObject, job: KubeObject): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && phase !== 'Succeeded';
}

/** controller.CountTerminatingPods: being deleted and not yet in a terminal phase. */
export function isTerminating(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return !!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * getFinishedTime: the last container's finishedAt when all terminated, else when Ready went
 * False, else deletionTimestamp minus the grace period, else the creation time.
 */
export function finishedTime(pod: KubeObject): number {
  const statuses: Array<{ state?: { terminated?: { finishedAt?: string } } }> =
    pod.status?.containerStatuses ?? [];
  let latest: number | null = null;
  for (const s of statuses) {
    const at = parseTime(s.state?.terminated?.finishedAt);
    if (Number.isNaN(at)) {
      latest = null;
      break;
    }
    latest = latest === null ? at : Math.max(latest, at);
  }
  if (latest !== null) return latest;
  const ready = condition(pod, 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return parseTime(ready.lastTransitionTime);
  if (pod.metadata.deletionTimestamp)
    return parseTime(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTime(pod.metadata.creationTimestamp);
}

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number | null;
}

/** backoffStore.newBackoffRecord: consecutive failures since the last success. */
export function nextBackoffRecord(
  old: BackoffRecord | undefined,
  newSucceeded: KubeObject[],
  newFailed: KubeObject[],
): BackoffRecord {
  const record: BackoffRecord = old ? { ...old } : { failuresAfterLastSuccess: 0, lastFailureTime: null };
  const failedTimes = newFailed.map(finishedTime).sort((a, b) => a - b);
  if (newSucceeded.length === 0) {
    if (failedTimes.length === 0) return record;
    record.failuresAfterLastSuccess += failedTimes.length;
    record.lastFailureTime = failedTimes[failedTimes.length - 1];
    return record;
  }
  record.failuresAfterLastSuccess = 0;
  record.lastFailureTime = null;
  const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
  for (let i = failedTimes.length - 1; i >= 0 && failedTimes[i] > lastSuccess; i--) {
    record.lastFailureTime ??= failedTimes[i];
    record.failuresAfterLastSuccess++;
  }
  return record;
}

/** getRemainingTimeForFailuresCount: 10s doubling per failure, capped at 10 minutes. */
export function backoffRemaining(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === null) return 0;
  let backoff = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** orderedIntervals: sorted, merged [first, last] ranges of completion indexes. */
export type Intervals = Array<[number, number]>;

/** parseIndexesFromString, ignoring indexes at or past `completions`. */
export function parseIndexes(text: string | undefined, completions: number): Intervals {
  const out: Intervals = [];
  if (!text) return out;
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const first = Number(a);
    if (!/^\d+$/.test(a)) continue;
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(Number(b), completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev[1] === first - 1) prev[1] = last;
    else out.push([first, last]);
  }
  return out;
}

/** withOrderedIndexes / merge: the union of intervals and sorted indexes. */
export function withIndexes(intervals: Intervals, indexes: number[]): Intervals {
  const all: Intervals = [...intervals, ...indexes.map((i): [number, number] => [i, i])].sort(
    (x, y) => x[0] - y[0],
  );
  const out: Intervals = [];
  for (const [first, last] of all) {
    const prev = out[out.length - 1];
    if (!prev || first > prev[1] + 1) out.push([first, last]);
    else if (prev[1] < last) prev[1] = last;
  }
  return out;
}

export function intervalsTotal(intervals: Intervals): number {
  return intervals.reduce((n, [a, b]) => n + b - a + 1, 0);
}

export function intervalsHas(intervals: Intervals, ix: number): boolean {
  return intervals.some(([a, b]) => a <= ix && ix <= b);
}

/** orderedIntervals.String: "1,3-5,7,8" (two adjacent indexes are listed, not ranged). */
export function formatIndexes(intervals: Intervals): string {
  return intervals.map(([a, b]) => (b === a ? `${a}` : b === a + 1 ? `${a},${b}` : `${a}-${b}`)).join(',');
}

/** firstPendingIndexes: the lowest `count` indexes below completions not yet taken. */
export function firstPendingIndexes(taken: Intervals, count: number, completions: number): number[] {
  const out: number[] = [];
  for (let ix = 0; ix < completions && out.length < count; ix++) if (!intervalsHas(taken, ix)) out.push(ix);
  return out;
}

/** podGenerateNameWithIndex: "<job>-<index>-", the job name cut so the prefix fits 58 characters. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > 58 ? prefix.slice(0, 58 - suffix.length) + suffix : prefix;
}
