// The Job status bookkeeping the job controller shares: conditions (find, create, set with
// transition times), the API server's field order for status, the terminal-state test, and
// counting pods in uncountedTerminatedPods once their tracking finalizer is gone.
import type { Condition, KubeObject } from '../api/types.ts';
import { rfc3339 } from '../api/types.ts';

// biome-ignore lint/suspicious/noExplicitAny: job status is open JSON
type Json = any;

/** A Job's terminal state: a Complete or Failed condition that is True (util.IsJobFinished). */
export function isJobFinished(job: KubeObject): boolean {
  return (job.status?.conditions ?? []).some(
    (c: Condition) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

export function findCondition(status: Json, type: string): Condition | undefined {
  return (status.conditions ?? []).find((c: Condition) => c.type === type);
}

export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): Json {
  const c: Json = { type, status, lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now) };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** ensureJobConditionStatus: set or add a condition; a missing one is not added as False. */
export function ensureCondition(status: Json, c: Json, now: number): boolean {
  const list: Json[] = (status.conditions ??= []);
  const i = list.findIndex((x) => x.type === c.type);
  if (i >= 0) {
    const old = list[i];
    if (
      old.status === c.status &&
      (old.reason ?? '') === (c.reason ?? '') &&
      (old.message ?? '') === (c.message ?? '')
    )
      return false;
    list[i] = newCondition(c.type, c.status, c.reason ?? '', c.message ?? '', now);
    return true;
  }
  if (c.status === 'False') return false;
  list.push(newCondition(c.type, c.status, c.reason ?? '', c.message ?? '', now));
  return true;
}

/** JobStatus in the field order of batch/v1 types.go, empty values omitted. */
export function orderedStatus(s: Json): Json {
  const uncounted: Json = {};
  if (s.uncountedTerminatedPods?.succeeded?.length) uncounted.succeeded = s.uncountedTerminatedPods.succeeded;
  if (s.uncountedTerminatedPods?.failed?.length) uncounted.failed = s.uncountedTerminatedPods.failed;
  const out: Json = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.terminating != null) out.terminating = s.terminating;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  if (s.failedIndexes != null) out.failedIndexes = s.failedIndexes;
  out.uncountedTerminatedPods = uncounted;
  if (s.ready != null) out.ready = s.ready;
  return out;
}

/** cleanUncountedPodsWithoutFinalizers: counted once their finalizer is gone. */
export function countUncounted(status: Json, withFinalizer: Set<string>): boolean {
  const u = status.uncountedTerminatedPods;
  let changed = false;
  for (const [list, counter] of [
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
  ] as const) {
    const before: string[] = u[list] ?? [];
    const kept = before.filter((x) => withFinalizer.has(x));
    if (kept.length !== before.length) {
      changed = true;
      status[counter] = (status[counter] ?? 0) + before.length - kept.length;
      u[list] = kept;
    }
  }
  return changed;
}

export function finishedTransition(status: Json, type: string): string | undefined {
  return findCondition(status, type)?.lastTransitionTime;
}
