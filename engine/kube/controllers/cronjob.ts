// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go and utils.go, 1.32):
// at each scheduled time it creates the Job `<cronjob>-<minutes since the epoch>`, honours
// suspend, startingDeadlineSeconds and the Allow / Forbid / Replace concurrency policies,
// tracks status.active, lastScheduleTime and lastSuccessfulTime, and keeps only the last
// successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs. Schedules are computed
// in simulated time; waiting for the next one does not keep the world from settling.
import type { Condition, KubeObject } from '../api/types.ts';
import { parseTime, rfc3339 } from '../api/types.ts';
import { isKnownTimeZone } from '../apiserver/kinds/cron.ts';
import { type Cluster, controllerOf, controllerRef } from '../cluster.ts';
import { formatRFC1123Z } from '../describe/time.ts';
import { type CronSchedule, parseCronSchedule } from '../workloads/cron-schedule.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

// biome-ignore lint/suspicious/noExplicitAny: cron job status is open JSON
type Json = any;

const SOURCE = { component: 'cronjob-controller' };
/** nextScheduleDelta: requeues land 100ms after the scheduled instant. */
const NEXT_SCHEDULE_DELTA_MS = 100;
const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** getFinishedStatus: the type of the first True Complete or Failed condition. */
function finishedStatus(job: KubeObject): string | undefined {
  return (job.status?.conditions ?? []).find(
    (c: Condition) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  )?.type;
}

/** formatSchedule: spec.timeZone becomes a TZ= prefix; a TZ in the schedule wins (with a warning). */
function formatSchedule(cj: KubeObject): string {
  const schedule: string = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) return schedule;
  const tz = cj.spec?.timeZone;
  if (typeof tz === 'string' && isKnownTimeZone(tz)) return `TZ=${tz} ${schedule}`;
  return schedule;
}

interface Recent {
  earliest: number;
  mostRecent: number | null;
  missed: 'none' | 'few' | 'many';
  error?: string;
}

/** mostRecentScheduleTime: the latest unmet schedule time at or before now, if any. */
function mostRecentScheduleTime(
  cj: KubeObject,
  now: number,
  sched: CronSchedule,
  withDeadline: boolean,
): Recent {
  let earliest = parseTime(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && deadline != null) earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = sched.next(earliest);
  if (t1 === null || now < t1) return { earliest, mostRecent: null, missed: 'none' };
  const t2 = sched.next(t1);
  if (t2 === null || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1)
    return {
      earliest,
      mostRecent: null,
      missed: 'none',
      error: 'time difference between two schedules is less than 1 second',
    };
  const missedCount = Math.floor((now - t1) / 1000 / between) + 1;
  let mostRecent: number | null = null;
  for (let t = sched.next(t1 + (missedCount - 2) * between * 1000); t !== null && t <= now; t = sched.next(t))
    mostRecent = t;
  return { earliest, mostRecent, missed: missedCount > 100 ? 'many' : 'few' };
}

/** nextScheduleTimeDuration: how long until the schedule after the most recent one, plus 100ms. */
function nextScheduleDelay(cj: KubeObject, now: number, sched: CronSchedule): number | null {
  const r = mostRecentScheduleTime(cj, now, sched, false);
  let from = r.mostRecent;
  if (r.error) from = now;
  else if (from === null) from = r.missed === 'none' ? r.earliest : now;
  const next = sched.next(from);
  return next === null ? null : next + NEXT_SCHEDULE_DELTA_MS - now;
}

export function startCronJobController(cluster: Cluster): void {
  const store = cluster.store;
  const cronType = cluster.type('cronjobs');
  const jobType = cluster.type('jobs');
  const queue = new WorkQueue();
  const pending = new Map<string, ReturnType<typeof cluster.runtime.after>>();

  function enqueueAfter(key: string, ms: number): void {
    const due = cluster.now() + ms;
    const old = pending.get(key);
    if (old && !old.cancelled && old.due <= due) return;
    cluster.runtime.cancel(old);
    pending.set(
      key,
      cluster.runtime.after(ms, `cronjob ${key}`, () => queue.add(key), false),
    );
  }

  function resolve(job: KubeObject): KubeObject | undefined {
    const ref = controllerOf(job);
    if (ref?.kind !== 'CronJob') return undefined;
    const cj = store.peek(cronType, job.metadata.namespace ?? '', ref.name);
    return cj?.metadata.uid === ref.uid ? cj : undefined;
  }

  store.watch((event) => {
    const obj = event.object;
    if (event.resource === cronType) {
      const key = keyOf(obj.metadata.namespace, obj.metadata.name);
      const old = event.old;
      if (
        event.type === 'MODIFIED' &&
        old &&
        (old.spec?.schedule !== obj.spec?.schedule || old.spec?.timeZone !== obj.spec?.timeZone)
      ) {
        // updateCronJob: a new schedule requeues for its next time
        try {
          const delay = nextScheduleDelay(obj, cluster.now(), parseCronSchedule(formatSchedule(obj)));
          if (delay !== null) enqueueAfter(key, delay);
        } catch {
          event_(
            obj,
            'Warning',
            'UnParseableCronJobSchedule',
            `unparseable schedule for cronjob: ${obj.spec?.schedule}`,
          );
        }
        return;
      }
      queue.add(key);
      return;
    }
    if (event.resource !== jobType) return;
    const owners = [resolve(obj), event.old ? resolve(event.old) : undefined];
    for (const cj of owners) if (cj) queue.add(keyOf(cj.metadata.namespace, cj.metadata.name));
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    sync(key);
    return true;
  });

  function event_(cj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    cluster.events.record({ object: cj, type, reason, message, source: SOURCE });
  }

  /** deleteJob: background deletion, then out of the active list. */
  function deleteJob(cj: KubeObject, status: Json, job: KubeObject): boolean {
    try {
      store.delete(jobType, job.metadata.namespace ?? '', job.metadata.name ?? '', {
        propagationPolicy: 'Background',
      });
    } catch (err) {
      event_(
        cj,
        'Warning',
        'FailedDelete',
        `Deleted job: ${err instanceof Error ? err.message : String(err)}`,
      );
      return false;
    }
    status.active = (status.active ?? []).filter((r: Json) => r.uid !== job.metadata.uid);
    event_(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  /** byJobStartTime: started before unstarted, then by start time, then by name. */
  function byStartTime(a: KubeObject, b: KubeObject): number {
    const sa = a.status?.startTime;
    const sb = b.status?.startTime;
    if (!sa && sb) return 1;
    if (sa && !sb) return -1;
    const ta = parseTime(sa);
    const tb = parseTime(sb);
    if ((!sa && !sb) || ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
    return ta - tb;
  }

  function cleanupFinishedJobs(cj: KubeObject, status: Json, jobs: KubeObject[]): boolean {
    const spec = cj.spec ?? {};
    if (spec.failedJobsHistoryLimit == null && spec.successfulJobsHistoryLimit == null) return false;
    let changed = false;
    const prune = (list: KubeObject[], limit: number | undefined) => {
      if (limit == null) return;
      const sorted = [...list].sort(byStartTime);
      for (let i = 0; i < sorted.length - limit; i++) if (deleteJob(cj, status, sorted[i])) changed = true;
    };
    prune(
      jobs.filter((j) => finishedStatus(j) === 'Complete'),
      spec.successfulJobsHistoryLimit,
    );
    prune(
      jobs.filter((j) => finishedStatus(j) === 'Failed'),
      spec.failedJobsHistoryLimit,
    );
    return changed;
  }

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const cj = store.peek(cronType, ns, name);
    if (!cj) return;
    const jobs = store.scan(jobType, ns).filter((j) => controllerOf(j)?.name === cj.metadata.name);
    const status: Json = structuredClone(cj.status ?? {});
    const cleaned = cleanupFinishedJobs(cj, status, jobs);
    const remaining = jobs.filter((j) => store.peek(jobType, ns, j.metadata.name ?? ''));
    const [delay, changed] = syncCronJob(cj, status, remaining);
    if (cleaned || changed) {
      const out: Json = {};
      if (status.active?.length) out.active = status.active;
      if (status.lastScheduleTime) out.lastScheduleTime = status.lastScheduleTime;
      if (status.lastSuccessfulTime) out.lastSuccessfulTime = status.lastSuccessfulTime;
      store.mutate(
        cronType,
        ns,
        name,
        (o) => {
          o.status = out;
        },
        { manager: 'kube-controller-manager', status: true },
      );
    }
    if (delay !== null) enqueueAfter(key, delay);
  }

  function syncCronJob(cj: KubeObject, status: Json, jobs: KubeObject[]): [number | null, boolean] {
    const now = cluster.now();
    let changed = false;
    const inActive = (uid: string | undefined) => (status.active ?? []).some((r: Json) => r.uid === uid);
    for (const j of jobs) {
      const finished = finishedStatus(j);
      const found = inActive(j.metadata.uid);
      if (!found && !finished) {
        event_(
          cj,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        );
      } else if (found && finished) {
        status.active = status.active.filter((r: Json) => r.uid !== j.metadata.uid);
        event_(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${finished}`);
        changed = true;
      } else if (finished === 'Complete') {
        const done = j.status?.completionTime;
        if (done && (!status.lastSuccessfulTime || parseTime(done) > parseTime(status.lastSuccessfulTime))) {
          status.lastSuccessfulTime = done;
          changed = true;
        }
      }
    }
    const uids = new Set(jobs.map((j) => j.metadata.uid));
    for (const ref of [...(status.active ?? [])]) {
      if (uids.has(ref.uid) || store.peek(jobType, ref.namespace ?? '', ref.name ?? '')) continue;
      event_(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      status.active = status.active.filter((r: Json) => r.uid !== ref.uid);
      changed = true;
    }
    if (cj.metadata.deletionTimestamp) return [null, changed];
    const tz = cj.spec?.timeZone;
    if (typeof tz === 'string' && !isKnownTimeZone(tz)) {
      event_(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return [null, changed];
    }
    if (cj.spec?.suspend === true) return [null, changed];
    const schedule = formatSchedule(cj);
    if (String(cj.spec?.schedule ?? '').includes('TZ'))
      event_(
        cj,
        'Warning',
        'UnsupportedSchedule',
        `CRON_TZ or TZ used in schedule "${cj.spec?.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      );
    let sched: CronSchedule;
    try {
      sched = parseCronSchedule(schedule);
    } catch (err) {
      event_(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${cj.spec?.schedule}" : ${(err as Error).message}`,
      );
      return [null, changed];
    }
    const view = { ...cj, status };
    const recent = mostRecentScheduleTime(view, now, sched, true);
    if (recent.error) {
      event_(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${recent.error}`);
      return [null, changed];
    }
    const scheduled = recent.mostRecent;
    if (scheduled === null) return [nextScheduleDelay(view, now, sched), changed];
    if (recent.missed === 'many')
      event_(
        cj,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline != null && scheduled + deadline * 1000 < now) {
      event_(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`,
      );
      return [nextScheduleDelay(view, now, sched), changed];
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
    const alreadyDone =
      (status.active ?? []).some((r: Json) => r.name === jobName && r.namespace === cj.metadata.namespace) ||
      (status.lastScheduleTime && parseTime(status.lastScheduleTime) === scheduled);
    if (alreadyDone) return [nextScheduleDelay(view, now, sched), changed];
    const policy = cj.spec?.concurrencyPolicy;
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      event_(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return [nextScheduleDelay(view, now, sched), changed];
    }
    if (policy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const job = store.peek(jobType, ref.namespace ?? '', ref.name ?? '');
        if (!job) {
          event_(cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`);
          return [null, changed];
        }
        if (!deleteJob(cj, status, job)) return [null, changed];
        changed = true;
      }
    }
    const created = createJob(cj, jobName, scheduled);
    if (!created) return [null, changed];
    status.active = [
      ...(status.active ?? []),
      {
        kind: 'Job',
        namespace: created.metadata.namespace,
        name: created.metadata.name,
        uid: created.metadata.uid,
        apiVersion: 'batch/v1',
        resourceVersion: created.metadata.resourceVersion,
      },
    ];
    status.lastScheduleTime = rfc3339(scheduled);
    return [nextScheduleDelay(view, now, sched), true];
  }

  /** getJobFromTemplate2 and CreateJob; an existing Job of ours counts as created. */
  function createJob(cj: KubeObject, name: string, scheduled: number): KubeObject | undefined {
    const template = cj.spec?.jobTemplate ?? {};
    const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
    annotations[SCHEDULED_TIMESTAMP] = scheduledTimestamp(scheduled, cj.spec?.timeZone);
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations,
        ownerReferences: [controllerRef(cj)],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    if (Object.keys(job.metadata.labels ?? {}).length === 0) delete job.metadata.labels;
    try {
      const made = store.create(job, { manager: 'kube-controller-manager' });
      event_(cj, 'Normal', 'SuccessfulCreate', `Created job ${made.metadata.name}`);
      return made;
    } catch (err) {
      const existing = store.peek(jobType, cj.metadata.namespace ?? '', name);
      if (existing) {
        if (controllerOf(existing)?.uid !== cj.metadata.uid) return undefined;
        if ((cj.status?.active ?? []).some((r: Json) => r.uid === existing.metadata.uid)) return undefined;
        return existing;
      }
      event_(
        cj,
        'Warning',
        'FailedCreate',
        `Error creating job: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }
}

/** The scheduled time in RFC 3339, in the CronJob's time zone (UTC when unset). */
function scheduledTimestamp(ms: number, tz: string | undefined): string {
  if (!tz || tz === 'UTC' || !isKnownTimeZone(tz)) return rfc3339(ms);
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offset = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone =
    offset === 0
      ? 'Z'
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zone}`;
}
