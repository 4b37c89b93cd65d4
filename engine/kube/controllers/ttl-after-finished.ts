// The TTL-after-finished controller (pkg/controller/ttlafterfinished, 1.32): a finished Job
// with spec.ttlSecondsAfterFinished is deleted, with foreground propagation, that many seconds
// after its Complete or Failed condition's lastTransitionTime.
import type { Condition, KubeObject } from '../api/types.ts';
import { parseTime } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { isJobFinished } from './job.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

/** needsCleanup: a TTL is set and the Job has finished. */
function needsCleanup(job: KubeObject): boolean {
  return job.spec?.ttlSecondsAfterFinished != null && isJobFinished(job);
}

/** jobFinishTime: the transition time of the first True Complete or Failed condition. */
function finishTime(job: KubeObject): number {
  const c = (job.status?.conditions ?? []).find(
    (x: Condition) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
  );
  return parseTime(c?.lastTransitionTime);
}

export function startTTLAfterFinishedController(cluster: Cluster): void {
  const jobType = cluster.type('jobs');
  const queue = new WorkQueue();
  const timers = new Map<string, number>();

  cluster.store.watch((event) => {
    if (event.resource !== jobType || event.type === 'DELETED') return;
    const job = event.object;
    if (!job.metadata.deletionTimestamp && needsCleanup(job))
      queue.add(keyOf(job.metadata.namespace, job.metadata.name));
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    process(key);
    return true;
  });

  function process(key: string): void {
    const [ns, name] = splitKey(key);
    const job = cluster.store.peek(jobType, ns, name);
    if (!job || job.metadata.deletionTimestamp || !needsCleanup(job)) return;
    const finished = finishTime(job);
    if (Number.isNaN(finished)) return;
    const expireAt = finished + job.spec.ttlSecondsAfterFinished * 1000;
    const left = expireAt - cluster.now();
    if (left > 0) {
      // enqueueAfter; waiting out a TTL does not keep the world from settling
      if (timers.get(key) !== expireAt) {
        timers.set(key, expireAt);
        cluster.runtime.after(left, `ttl-after-finished ${key}`, () => queue.add(key), false);
      }
      return;
    }
    timers.delete(key);
    cluster.store.delete(jobType, ns, name, { propagationPolicy: 'Foreground' });
  }
}
