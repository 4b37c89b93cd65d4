// The Job controller (pkg/controller/job/job_controller.go, Kubernetes 1.32): it runs pods
// for a Job up to parallelism until `completions` succeed (NonIndexed or Indexed), counts
// finished pods through the batch.kubernetes.io/job-tracking finalizer and
// status.uncountedTerminatedPods, backs off after failures, enforces backoffLimit and
// activeDeadlineSeconds, suspends and resumes, and finishes with the interim
// SuccessCriteriaMet / FailureTarget condition before Complete / Failed (JobManagedBy and
// JobPodReplacementPolicy are on by default in 1.32, so the terminal condition is delayed).
// Not modelled: podFailurePolicy, successPolicy, backoffLimitPerIndex, managedBy, adoption of
// orphan pods.
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../api/types.ts';
import { type Cluster, controllerOf, controllerRef } from '../cluster.ts';
import { compareForDeletion, isPodActive, isPodReady, podFromTemplate } from '../workloads/pods.ts';
import {
  type BackoffRecord,
  backoffRemaining,
  COMPLETION_INDEX_KEY,
  completionIndex,
  firstPendingIndexes,
  formatIndexes,
  generateNameWithIndex,
  hasTrackingFinalizer,
  type Intervals,
  intervalsHas,
  intervalsTotal,
  isIndexedJob,
  isPodFailed,
  isTerminating,
  JOB_TRACKING_FINALIZER,
  nextBackoffRecord,
  onlyReplaceFailedPods,
  parseIndexes,
  withIndexes,
} from './job-pods.ts';
import {
  countUncounted,
  ensureCondition,
  findCondition,
  finishedTransition,
  isJobFinished,
  newCondition,
  orderedStatus,
} from './job-status.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

export { isJobFinished };

// biome-ignore lint/suspicious/noExplicitAny: job status is open JSON
type Json = any;

const SOURCE = { component: 'job-controller' };
/** syncJobBatchPeriod: pod events and status updates are synced a second later. */
const BATCH_MS = 1000;

export function startJobController(cluster: Cluster): void {
  const store = cluster.store;
  const jobType = cluster.type('jobs');
  const podType = cluster.type('pods');
  const queue = new WorkQueue();
  const orphans = new WorkQueue();
  const delayed = new Map<string, { due: number; timer: ReturnType<typeof cluster.runtime.after> }>();
  const backoffs = new Map<string, BackoffRecord>();
  /** Pods the kubelet removed while they still carried the tracking finalizer, by job uid. */
  const ghosts = new Map<string, Map<string, KubeObject>>();

  /** queue.AddAfter: the earliest pending time wins. */
  function enqueueAfter(key: string, ms: number, settles = true): void {
    if (ms <= 0) {
      queue.add(key);
      return;
    }
    const due = cluster.now() + ms;
    const pending = delayed.get(key);
    if (pending && pending.due <= due && !pending.timer.cancelled) return;
    cluster.runtime.cancel(pending?.timer);
    const timer = cluster.runtime.after(
      ms,
      `job-sync ${key}`,
      () => {
        delayed.delete(key);
        queue.add(key);
      },
      settles,
    );
    delayed.set(key, { due, timer });
  }

  function resolve(namespace: string | undefined, ref: { kind: string; name: string; uid: string }) {
    if (ref.kind !== 'Job') return undefined;
    const job = store.peek(jobType, namespace ?? '', ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  function jobKey(job: KubeObject): string {
    return keyOf(job.metadata.namespace, job.metadata.name);
  }

  function enqueueOrphan(pod: KubeObject): void {
    orphans.add(keyOf(pod.metadata.namespace, pod.metadata.name));
  }

  /** cleanupPodFinalizers: pods of a finished or deleted Job lose the finalizer. */
  function cleanupPodFinalizers(job: KubeObject): void {
    for (const pod of store.scan(podType, job.metadata.namespace)) {
      if (controllerOf(pod)?.uid === job.metadata.uid && hasTrackingFinalizer(pod)) enqueueOrphan(pod);
    }
  }

  function podGone(pod: KubeObject, final: boolean): void {
    const ref = controllerOf(pod);
    if (!ref) {
      if (!final && hasTrackingFinalizer(pod)) enqueueOrphan(pod);
      return;
    }
    const job = resolve(pod.metadata.namespace, ref);
    if (!job || isJobFinished(job)) {
      if (!final && hasTrackingFinalizer(pod)) enqueueOrphan(pod);
      return;
    }
    if (final && hasTrackingFinalizer(pod)) {
      const uid = job.metadata.uid ?? '';
      if (!ghosts.has(uid)) ghosts.set(uid, new Map());
      const ghost = structuredClone(pod);
      ghost.metadata.deletionTimestamp ??= rfc3339(cluster.now());
      ghosts.get(uid)?.set(pod.metadata.uid ?? '', ghost);
    }
    enqueueAfter(jobKey(job), BATCH_MS);
  }

  store.watch((event) => {
    const obj = event.object;
    if (event.resource === jobType) {
      const key = jobKey(obj);
      if (event.type === 'DELETED') {
        queue.add(key);
        cleanupPodFinalizers(obj);
        ghosts.delete(obj.metadata.uid ?? '');
        return;
      }
      if (event.type === 'ADDED' || obj.metadata.generation !== event.old?.metadata.generation)
        queue.add(key);
      else enqueueAfter(key, BATCH_MS);
      if (event.type === 'MODIFIED' && isJobFinished(obj)) cleanupPodFinalizers(obj);
      return;
    }
    if (event.resource !== podType) return;
    if (event.type === 'DELETED') return podGone(obj, true);
    if (obj.metadata.deletionTimestamp) return podGone(obj, false);
    const ref = controllerOf(obj);
    const oldRef = event.old ? controllerOf(event.old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) {
      const old = resolve(obj.metadata.namespace, oldRef);
      if (old) enqueueAfter(jobKey(old), BATCH_MS);
    }
    if (ref) {
      const job = resolve(obj.metadata.namespace, ref);
      if (job) enqueueAfter(jobKey(job), BATCH_MS);
      return;
    }
    if (hasTrackingFinalizer(obj)) enqueueOrphan(obj);
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    sync(key);
    return true;
  });

  cluster.runtime.addQueue(() => {
    const key = orphans.take();
    if (key === undefined) return false;
    syncOrphanPod(key);
    return true;
  });

  function removeFinalizer(pod: KubeObject): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    if (!store.peek(podType, ns, name)) return;
    store.mutate(
      podType,
      ns,
      name,
      (p) => {
        p.metadata.finalizers = p.metadata.finalizers?.filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (p.metadata.finalizers?.length === 0) delete p.metadata.finalizers;
      },
      { manager: 'kube-controller-manager' },
    );
  }

  /** syncOrphanPod: the finalizer goes unless a live, unfinished Job still controls the pod. */
  function syncOrphanPod(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = store.peek(podType, ns, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = resolve(ns, ref);
      if (job && !isJobFinished(job)) return;
    }
    removeFinalizer(pod);
  }

  function event(job: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    cluster.events.record({ object: job, type, reason, message, source: SOURCE });
  }

  function writeStatus(job: KubeObject, status: Json): KubeObject {
    return store.mutate(
      jobType,
      job.metadata.namespace ?? '',
      job.metadata.name ?? '',
      (o) => {
        o.status = orderedStatus(status);
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }

  /** podControl.DeletePod, with the SuccessfulDelete event; `dropFinalizer` as deleteJobPods does. */
  function deletePods(job: KubeObject, pods: KubeObject[], dropFinalizer: boolean): [number, number] {
    let deleted = 0;
    let deletedReady = 0;
    for (const pod of pods) {
      const ns = pod.metadata.namespace ?? '';
      const name = pod.metadata.name ?? '';
      if (dropFinalizer && hasTrackingFinalizer(pod)) removeFinalizer(pod);
      if (store.peek(podType, ns, name)) {
        store.delete(podType, ns, name);
        event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
      }
      deleted++;
      if (isPodReady(pod)) deletedReady++;
    }
    return [deleted, deletedReady];
  }

  /** activePodsForRemoval: repeated or out-of-range indexes first, then controller.ActivePods order. */
  function podsForRemoval(job: KubeObject, pods: KubeObject[], atLeast: number): KubeObject[] {
    const rm: KubeObject[] = [];
    let left = pods;
    if (isIndexedJob(job)) {
      left = [];
      const completions = job.spec.completions ?? 0;
      const byIndex = new Map<number, KubeObject[]>();
      for (const p of pods) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= completions) rm.push(p);
        else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
      }
      for (const group of byIndex.values()) {
        const sorted = [...group].sort(compareForDeletion);
        rm.push(...sorted.slice(0, -1));
        left.push(sorted[sorted.length - 1]);
      }
    }
    if (rm.length < atLeast) rm.push(...[...left].sort(compareForDeletion).slice(0, atLeast - rm.length));
    return rm;
  }

  interface Ctx {
    job: KubeObject;
    key: string;
    status: Json;
    pods: KubeObject[];
    active: KubeObject[];
    succeeded: number;
    terminating: number;
    ready: number;
    backoff: BackoffRecord;
    prevSucceededIndexes: Intervals;
    succeededIndexes: Intervals;
    finished: Json | null;
  }

  function createPods(ctx: Ctx, count: number): number {
    const { job } = ctx;
    const indexed = isIndexedJob(job);
    const indexes = indexed
      ? firstPendingIndexes(
          withIndexes(
            ctx.succeededIndexes,
            ctx.active.map(completionIndex).filter((i) => i >= 0),
          ),
          count,
          job.spec.completions ?? 0,
        )
      : [];
    const total = indexed ? indexes.length : count;
    let created = 0;
    for (let i = 0; i < total; i++) {
      const template = structuredClone(job.spec.template ?? {});
      template.metadata ??= {};
      let generateName = `${job.metadata.name}-`;
      if (indexed) {
        const ix = indexes[i];
        // addCompletionIndexEnvVariables (PodIndexLabel is on: the label is the field read)
        for (const c of [...(template.spec?.initContainers ?? []), ...(template.spec?.containers ?? [])]) {
          c.env ??= [];
          if (!c.env.some((e: Json) => e.name === 'JOB_COMPLETION_INDEX'))
            c.env.push({
              name: 'JOB_COMPLETION_INDEX',
              valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_KEY}']` } },
            });
        }
        template.metadata.annotations = {
          ...template.metadata.annotations,
          [COMPLETION_INDEX_KEY]: String(ix),
        };
        template.metadata.labels = { ...template.metadata.labels, [COMPLETION_INDEX_KEY]: String(ix) };
        template.spec.hostname = `${job.metadata.name}-${ix}`;
        generateName = generateNameWithIndex(job.metadata.name ?? '', ix);
      }
      const pod = podFromTemplate(template, generateName, job.metadata.namespace ?? 'default', [
        controllerRef(job),
      ]);
      const finalizers: string[] = template.metadata.finalizers ?? [];
      pod.metadata.finalizers = finalizers.includes(JOB_TRACKING_FINALIZER)
        ? finalizers
        : [...finalizers, JOB_TRACKING_FINALIZER];
      try {
        const made = store.create(pod, { manager: 'kube-controller-manager' });
        event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata.name}`);
        created++;
      } catch (err) {
        event(
          job,
          'Warning',
          'FailedCreate',
          `Error creating: ${err instanceof Error ? err.message : String(err)}`,
        );
        break; // slow start: the rest waits for the next sync
      }
    }
    return created;
  }

  /** manageJob: pods up or down to what parallelism and remaining completions want. */
  function manageJob(ctx: Ctx): number {
    const { job } = ctx;
    let active = ctx.active.length;
    if (job.spec.suspend === true) {
      const [removed, removedReady] = deletePods(job, podsForRemoval(job, ctx.active, active), true);
      ctx.terminating += removed;
      ctx.ready -= removedReady;
      return active - removed;
    }
    const parallelism: number = job.spec.parallelism ?? 1;
    let want: number;
    if (job.spec.completions == null) want = ctx.succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(job.spec.completions - ctx.succeeded, parallelism));
    const victims = podsForRemoval(job, ctx.active, Math.max(0, active - want));
    if (victims.length > 0) {
      const [removed, removedReady] = deletePods(job, victims, true);
      ctx.terminating += removed;
      ctx.ready -= removedReady;
      return active - removed;
    }
    const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
    const diff = want - terminating - active;
    if (diff > 0) {
      const remaining = backoffRemaining(ctx.backoff, cluster.now());
      if (remaining > 0) {
        // enqueueSyncJobWithDelay; like CrashLoopBackOff restarts, the wait does not hold settling
        enqueueAfter(ctx.key, Math.max(remaining, BATCH_MS), false);
        return 0;
      }
      active += createPods(ctx, diff);
    }
    return active;
  }

  /** pastBackoffLimitOnFailure: container restarts of running pods (restartPolicy OnFailure). */
  function pastBackoffLimitOnFailure(job: KubeObject, pods: KubeObject[]): boolean {
    if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const p of pods) {
      if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
      for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])])
        restarts += s.restartCount ?? 0;
    }
    const limit = job.spec.backoffLimit ?? 6;
    return limit === 0 ? restarts > 0 : restarts >= limit;
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const job = store.peek(jobType, ns, name);
    if (!job || isJobFinished(job)) {
      backoffs.delete(key);
      return;
    }
    const now = cluster.now();
    const status: Json = structuredClone(job.status ?? {});
    status.uncountedTerminatedPods ??= {};
    const uncountedSucceeded = new Set<string>(status.uncountedTerminatedPods.succeeded ?? []);
    const uncountedFailed = new Set<string>(status.uncountedTerminatedPods.failed ?? []);
    const uid = job.metadata.uid ?? '';
    const pods = [
      ...store.scan(podType, ns).filter((p) => controllerOf(p)?.uid === uid),
      ...(ghosts.get(uid)?.values() ?? []),
    ];
    const active = pods.filter(isPodActive);
    const completions: number = job.spec.completions ?? 0;
    const indexed = isIndexedJob(job);
    // getNewFinishedPods: tracked pods not yet in the uncounted lists
    const fresh = (p: KubeObject, uncounted: Set<string>) =>
      hasTrackingFinalizer(p) &&
      !uncounted.has(p.metadata.uid ?? '') &&
      (!indexed || (completionIndex(p) >= 0 && completionIndex(p) < completions));
    const newSucceeded = pods.filter((p) => fresh(p, uncountedSucceeded) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => fresh(p, uncountedFailed) && isPodFailed(p, job));
    const suspended = job.spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = rfc3339(now);
    const ctx: Ctx = {
      job,
      key,
      status,
      pods,
      active,
      succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size,
      terminating: pods.filter(isTerminating).length,
      ready: active.filter(isPodReady).length,
      backoff: nextBackoffRecord(backoffs.get(key), newSucceeded, newFailed),
      prevSucceededIndexes: [],
      succeededIndexes: [],
      finished: null,
    };
    const failed = (status.failed ?? 0) + newFailed.length + uncountedFailed.size;
    if (findCondition(status, 'SuccessCriteriaMet')?.status === 'True')
      ctx.finished = findCondition(status, 'SuccessCriteriaMet');
    if (!ctx.finished) {
      const target = findCondition(status, 'FailureTarget');
      if (target?.status === 'True')
        ctx.finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    }
    if (!ctx.finished) {
      const deadline = job.spec.activeDeadlineSeconds;
      const started = status.startTime ? Date.parse(status.startTime) : now;
      if (failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
        ctx.finished = newCondition(
          'FailureTarget',
          'True',
          'BackoffLimitExceeded',
          'Job has reached the specified backoff limit',
          now,
        );
      } else if (deadline != null && status.startTime && !suspended && now - started >= deadline * 1000) {
        ctx.finished = newCondition(
          'FailureTarget',
          'True',
          'DeadlineExceeded',
          'Job was active longer than specified deadline',
          now,
        );
      } else if (deadline != null && !suspended) {
        enqueueAfter(key, deadline * 1000 - (now - started), false);
      }
    }
    if (indexed) {
      ctx.prevSucceededIndexes = parseIndexes(status.completedIndexes, completions);
      const newIndexes = pods
        .filter((p) => p.status?.phase === 'Succeeded' && hasTrackingFinalizer(p))
        .map(completionIndex)
        .filter((ix) => ix >= 0 && ix < completions);
      ctx.succeededIndexes = withIndexes(ctx.prevSucceededIndexes, [...new Set(newIndexes)]);
      ctx.succeeded = intervalsTotal(ctx.succeededIndexes);
    }
    let activeCount = active.length;
    let suspendChanged = false;
    if (ctx.finished) {
      const [deleted, deletedReady] = deletePods(job, active, false);
      activeCount -= deleted;
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
    } else {
      let managed = false;
      if (!job.metadata.deletionTimestamp) {
        activeCount = manageJob(ctx);
        managed = true;
      }
      const complete =
        job.spec.completions == null
          ? ctx.succeeded > 0 && activeCount === 0
          : ctx.succeeded >= completions && activeCount === 0;
      if (complete) {
        ctx.finished = newCondition(
          'SuccessCriteriaMet',
          'True',
          'CompletionsReached',
          'Reached expected number of succeeded pods',
          now,
        );
      } else if (managed) {
        const cond = suspended
          ? { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }
          : { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' };
        if (ensureCondition(status, cond, now)) {
          suspendChanged = true;
          event(
            job,
            'Normal',
            suspended ? 'Suspended' : 'Resumed',
            suspended ? 'Job suspended' : 'Job resumed',
          );
          // a resumed Job's activeDeadlineSeconds counts from now
          if (!suspended) status.startTime = rfc3339(now);
        }
      }
    }
    const needsUpdate =
      suspendChanged ||
      activeCount !== (job.status?.active ?? 0) ||
      ctx.ready !== job.status?.ready ||
      ctx.terminating !== job.status?.terminating;
    status.active = activeCount;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    trackStatusAndRemoveFinalizers(ctx, needsUpdate);
  }

  function trackStatusAndRemoveFinalizers(ctx: Ctx, needsFlushIn: boolean): void {
    let needsFlush = needsFlushIn;
    const { status, job } = ctx;
    let current = job;
    const indexed = isIndexedJob(job);
    const completions: number = job.spec.completions ?? 0;
    const pods = indexed ? [...ctx.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : ctx.pods;
    const withFinalizer = new Set(pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid ?? ''));
    if (countUncounted(status, withFinalizer)) needsFlush = true;
    const u = status.uncountedTerminatedPods;
    const uncountedSucceeded = new Set<string>(u.succeeded ?? []);
    const uncountedFailed = new Set<string>(u.failed ?? []);
    const toRemove: KubeObject[] = [];
    const newIndexes: number[] = [];
    for (const pod of pods) {
      if (!hasTrackingFinalizer(pod)) continue;
      const podUid = pod.metadata.uid ?? '';
      const failed = isPodFailed(pod, job);
      if (!(job.metadata.deletionTimestamp || ctx.finished || pod.status?.phase === 'Succeeded' || failed))
        continue;
      toRemove.push(pod);
      const ix = completionIndex(pod);
      if (pod.status?.phase === 'Succeeded' && !uncountedFailed.has(podUid)) {
        if (indexed) {
          if (ix >= 0 && ix < completions && !intervalsHas(ctx.prevSucceededIndexes, ix)) {
            newIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!uncountedSucceeded.has(podUid)) {
          needsFlush = true;
          u.succeeded = [...(u.succeeded ?? []), podUid];
        }
      } else if (failed || (ctx.finished && ctx.finished.type !== 'SuccessCriteriaMet')) {
        if (!uncountedFailed.has(podUid) && (!indexed || (ix >= 0 && ix < completions))) {
          needsFlush = true;
          u.failed = [...(u.failed ?? []), podUid];
        }
      }
    }
    if (indexed) {
      ctx.succeededIndexes = withIndexes(ctx.succeededIndexes, newIndexes);
      const text = formatIndexes(ctx.succeededIndexes);
      if (text !== (status.completedIndexes ?? '')) needsFlush = true;
      status.succeeded = intervalsTotal(ctx.succeededIndexes);
      status.completedIndexes = text;
    }
    const now = cluster.now();
    let finished = ctx.finished;
    if (finished?.type === 'FailureTarget') {
      status.conditions = [...(status.conditions ?? []), finished];
      needsFlush = true;
      finished = newCondition('Failed', 'True', finished.reason, finished.message, now);
    }
    if (finished?.type === 'SuccessCriteriaMet') {
      if (findCondition(status, 'SuccessCriteriaMet')?.status !== 'True') {
        status.conditions = [...(status.conditions ?? []), finished];
        needsFlush = true;
      }
      finished = newCondition('Complete', 'True', finished.reason, finished.message, now);
    }
    // flushUncountedAndRemoveFinalizers
    if (needsFlush) {
      current = writeStatus(current, status);
      backoffs.set(ctx.key, ctx.backoff);
      needsFlush = false;
    }
    const jobGhosts = ghosts.get(job.metadata.uid ?? '');
    for (const pod of toRemove) {
      if (jobGhosts?.has(pod.metadata.uid ?? '')) jobGhosts.delete(pod.metadata.uid ?? '');
      else removeFinalizer(pod);
      withFinalizer.delete(pod.metadata.uid ?? '');
    }
    if (countUncounted(status, withFinalizer)) needsFlush = true;
    // enactJobFinished: only with nothing left uncounted and no pod still terminating
    let jobFinished = false;
    const left = (u.succeeded?.length ?? 0) + (u.failed?.length ?? 0);
    if (finished && left === 0 && ctx.terminating === 0) {
      ensureCondition(status, finished, now);
      if (finished.type === 'Complete') status.completionTime = finishedTransition(status, 'Complete');
      jobFinished = true;
      needsFlush = true;
    }
    if (!needsFlush) return;
    current = writeStatus(current, status);
    if (!jobFinished || !finished) return;
    if (finished.type === 'Complete') {
      if (job.spec.completions != null && (status.succeeded ?? 0) > job.spec.completions)
        event(
          current,
          'Warning',
          'TooManySucceededPods',
          'Too many succeeded pods running after completion count reached',
        );
      event(current, 'Normal', 'Completed', 'Job completed');
    } else {
      event(current, 'Warning', finished.reason, finished.message);
    }
  }
}
