// kubectl drain's pod handling (k8s.io/kubectl/pkg/drain): the pod filters with their
// warnings and errors, then evictions (or deletions) run concurrently in simulated time,
// retried every 5s while a disruption budget refuses, each waited for until it is gone.
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { formatError, type Kubectl } from '../context.ts';
import { evictPod } from './eviction.ts';

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  disableEviction: boolean;
  /** Negative: the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds: number;
  /** 0: no timeout. */
  timeoutMs: number;
  podSelector?: (pod: KubeObject) => boolean;
  dryRun?: 'client' | 'server';
}

/** utilerrors.Aggregate's Error(): one message alone, several in brackets. */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/** Go's time.Duration.String(): 30s, 1m0s, 1h2m3s, 500ms. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Number(((ms % 60_000) / 1000).toFixed(3));
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Go's time.ParseDuration for the units kubectl users write; undefined if invalid. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let ms = 0;
  let end = 0;
  for (const m of text.matchAll(re)) {
    ms +=
      Number(m[1]) * { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's'];
    end = (m.index ?? 0) + m[0].length;
  }
  return end === text.length && text.length > 0 ? ms : undefined;
}

type Verdict = { delete: boolean; kind: 'okay' | 'skip' | 'warning' | 'error'; message?: string };

const OKAY: Verdict = { delete: true, kind: 'okay' };
const finished = (pod: KubeObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The filters of pkg/drain/filters.go, in order; the first that keeps a pod decides. */
function verdictFor(cluster: Cluster, pod: KubeObject, o: DrainOptions): Verdict {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  const filters: Array<() => Verdict> = [
    () => {
      if (ref?.kind !== 'DaemonSet' || finished(pod)) return OKAY;
      const ds = cluster.store.peek(cluster.type('daemonsets'), pod.metadata.namespace ?? '', ref.name);
      if (!ds) {
        const message = `daemonsets.apps "${ref.name}" not found`;
        return o.force
          ? { delete: true, kind: 'warning', message }
          : { delete: false, kind: 'error', message };
      }
      if (!o.ignoreDaemonSets)
        return {
          delete: false,
          kind: 'error',
          message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
        };
      return { delete: false, kind: 'warning', message: 'ignoring DaemonSet-managed Pods' };
    },
    () =>
      pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined
        ? { delete: false, kind: 'skip' }
        : OKAY,
    () => {
      const emptyDir = (pod.spec?.volumes ?? []).some(
        (v: { emptyDir?: unknown }) => v.emptyDir !== undefined,
      );
      if (!emptyDir || finished(pod)) return OKAY;
      if (!o.deleteEmptyDirData)
        return {
          delete: false,
          kind: 'error',
          message: 'Pods with local storage (use --delete-emptydir-data to override)',
        };
      return { delete: true, kind: 'warning', message: 'deleting Pods with local storage' };
    },
    () => {
      if (finished(pod) || ref) return OKAY;
      if (o.force)
        return { delete: true, kind: 'warning', message: 'deleting Pods that declare no controller' };
      return {
        delete: false,
        kind: 'error',
        message: 'cannot delete Pods that declare no controller (use --force to override)',
      };
    },
  ];
  let verdict = OKAY;
  for (const f of filters) {
    verdict = f();
    if (!verdict.delete) break;
  }
  return verdict;
}

export interface PodList {
  pods: KubeObject[];
  warnings: string;
  errors: string[];
}

/** GetPodsForDeletion: the node's pods, those to delete, the warning line and the errors. */
export function podsForDeletion(cluster: Cluster, node: string, o: DrainOptions): PodList {
  const all = cluster.store
    .list(cluster.type('pods'))
    .filter((p) => p.spec?.nodeName === node && (!o.podSelector || o.podSelector(p)));
  const pods: KubeObject[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const pod of all) {
    const v = verdictFor(cluster, pod, o);
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (v.delete) pods.push(pod);
    const bucket = v.kind === 'warning' ? warnings : v.kind === 'error' ? errors : undefined;
    if (bucket) bucket.set(v.message ?? '', [...(bucket.get(v.message ?? '') ?? []), id]);
  }
  return {
    pods,
    warnings: [...warnings].map(([m, ids]) => `${m}: ${ids.join(', ')}`).join('; '),
    errors: [...errors].map(([m, ids]) => `cannot delete ${m || 'unexpected error'}: ${ids.join(', ')}`),
  };
}

interface Task {
  pod: KubeObject;
  at: number;
  order: number;
  waiting: boolean;
}

/**
 * Evicts (or deletes) the pods, advancing the cluster's simulated time; prints kubectl's
 * lines; returns the errors (utilerrors aggregate members), or null if kubectl would hang.
 */
export function evictOrDeletePods(
  k: Kubectl,
  cluster: Cluster,
  pods: KubeObject[],
  o: DrainOptions,
): string[] | null {
  if (pods.length === 0) return [];
  const start = cluster.now();
  const deadline = o.timeoutMs > 0 ? start + o.timeoutMs : Number.POSITIVE_INFINITY;
  const grace = o.gracePeriodSeconds >= 0 ? o.gracePeriodSeconds : undefined;
  const verb = o.disableEviction ? 'deleted' : 'evicted';
  const errors: string[] = [];
  const podType = cluster.type('pods');
  const gone = (pod: KubeObject) =>
    cluster.store.peek(podType, pod.metadata.namespace ?? '', pod.metadata.name ?? '')?.metadata.uid !==
    pod.metadata.uid;
  let tasks: Task[] = pods.map((pod, order) => ({ pod, at: start, order, waiting: false }));
  if (o.disableEviction) {
    for (const t of tasks) {
      try {
        cluster.store.delete(podType, t.pod.metadata.namespace ?? '', t.pod.metadata.name ?? '', {
          gracePeriodSeconds: grace,
          dryRun: o.dryRun === 'server',
        });
      } catch (e) {
        if (!(e instanceof StatusError && e.reason === 'NotFound'))
          return [formatError(e).replace(/^error: /, '')];
      }
      t.waiting = true;
    }
    if (o.dryRun === 'server') return [];
  }
  // without --timeout kubectl would wait for ever; the simulation gives up after an hour
  const horizon = o.timeoutMs > 0 ? Number.POSITIVE_INFINITY : start + 3_600_000;
  while (tasks.length > 0) {
    tasks.sort((a, b) => a.at - b.at || a.order - b.order);
    const t = tasks[0];
    if (t.at > horizon) return null;
    if (t.at > cluster.now()) cluster.runtime.runUntil(t.at, () => false);
    const id = { ns: t.pod.metadata.namespace ?? '', name: t.pod.metadata.name ?? '' };
    if (!t.waiting) {
      k.out(`evicting pod ${id.ns}/${id.name}${o.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      if (cluster.now() >= deadline) {
        errors.push(
          `error when evicting pods/"${id.name}" -n "${id.ns}": global timeout reached: ${goDurationString(o.timeoutMs)}`,
        );
        tasks = tasks.slice(1);
        continue;
      }
      try {
        evictPod(cluster, id.ns, id.name, { dryRun: o.dryRun === 'server', gracePeriodSeconds: grace });
        if (o.dryRun === 'server') {
          tasks = tasks.slice(1);
          continue;
        }
        t.waiting = true;
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'NotFound') {
          tasks = tasks.slice(1);
          continue;
        }
        if (e instanceof StatusError && e.code === 429) {
          k.err(`error when evicting pods/"${id.name}" -n "${id.ns}" (will retry after 5s): ${e.message}\n`);
          t.at = cluster.now() + 5000;
          continue;
        }
        errors.push(
          `error when evicting pods/"${id.name}" -n "${id.ns}": ${e instanceof Error ? e.message : e}`,
        );
        tasks = tasks.slice(1);
        continue;
      }
    }
    if (gone(t.pod)) {
      k.out(`pod/${id.name} ${verb}\n`);
      tasks = tasks.slice(1);
      continue;
    }
    if (cluster.now() >= deadline) {
      errors.push(
        o.disableEviction
          ? 'context deadline exceeded'
          : `error when waiting for pod "${id.name}" in namespace "${id.ns}" to terminate: context deadline exceeded`,
      );
      tasks = o.disableEviction ? [] : tasks.slice(1);
      continue;
    }
    t.at = cluster.now() + 1000;
  }
  return errors;
}
