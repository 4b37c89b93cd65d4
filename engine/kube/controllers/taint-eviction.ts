// The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): pods on a
// node with NoExecute taints they do not tolerate are deleted at once; pods tolerating them
// for tolerationSeconds are deleted when the shortest of those runs out, unless the taints
// go away first (the scheduled deletion is then cancelled).
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { Timer } from '../runtime.ts';
import { type Toleration, toleratesTaint } from '../scheduler/plugins/taints.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

/** names.TaintEvictionController, the component its event recorder reports as. */
const SOURCE = { component: 'taint-eviction-controller' };

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface TolerationWithSeconds extends Toleration {
  tolerationSeconds?: number | null;
}

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
  timer: Timer;
}

function noExecuteTaints(node: KubeObject | undefined): Taint[] {
  return ((node?.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
}

/**
 * GetMatchingTolerations then getMinTolerationTime: null when some taint is not tolerated,
 * Infinity when tolerated forever, else the shortest tolerationSeconds in ms (0 if any <= 0).
 */
export function tolerationTimeMs(taints: Taint[], tolerations: TolerationWithSeconds[]): number | null {
  const used: TolerationWithSeconds[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, { ...taint, value: taint.value ?? '' }));
    if (!match) return null;
    used.push(match);
  }
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (typeof t.tolerationSeconds !== 'number') continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds * 1000);
  }
  return min;
}

export function startTaintEvictionController(cluster: Cluster): void {
  const nodeType = cluster.type('nodes');
  const podType = cluster.type('pods');
  const taintedNodes = new Map<string, Taint[]>();
  const scheduled = new Map<string, ScheduledEviction>();
  const nodeQueue = new WorkQueue();
  const podQueue = new WorkQueue();

  cluster.store.watch((event) => {
    if (event.resource === nodeType) {
      const before = JSON.stringify(noExecuteTaints(event.old));
      const after = JSON.stringify(event.type === 'DELETED' ? [] : noExecuteTaints(event.object));
      if (event.type !== 'MODIFIED' || before !== after) nodeQueue.add(event.object.metadata.name ?? '');
    } else if (event.resource === podType) {
      const pod = event.object;
      const old = event.old;
      const same =
        event.type === 'MODIFIED' &&
        old?.spec?.nodeName === pod.spec?.nodeName &&
        JSON.stringify(old?.spec?.tolerations ?? []) === JSON.stringify(pod.spec?.tolerations ?? []);
      if (!same) podQueue.add(keyOf(pod.metadata.namespace, pod.metadata.name));
    }
  });
  // node updates go before pod updates, as the controller's workers prefer them
  cluster.runtime.addQueue(() => {
    const name = nodeQueue.take();
    if (name !== undefined) {
      handleNode(name);
      return true;
    }
    const key = podQueue.take();
    if (key === undefined) return false;
    handlePod(key);
    return true;
  });

  function handleNode(name: string): void {
    const node = cluster.store.peek(nodeType, '', name);
    const taints = noExecuteTaints(node);
    if (taints.length === 0) taintedNodes.delete(name);
    else taintedNodes.set(name, taints);
    const now = cluster.now();
    for (const pod of cluster.store.list(podType)) {
      if (pod.spec?.nodeName !== name) continue;
      const key = keyOf(pod.metadata.namespace, pod.metadata.name);
      if (taints.length === 0) cancel(key);
      else processPod(key, pod, taints, now);
    }
  }

  function handlePod(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = cluster.store.peek(podType, namespace, name);
    if (!pod) {
      cancel(key);
      return;
    }
    const taints = taintedNodes.get(pod.spec?.nodeName ?? '');
    if (taints) processPod(key, pod, taints, cluster.now());
  }

  /** processPodOnNode */
  function processPod(key: string, pod: KubeObject, taints: Taint[], now: number): void {
    const wait = tolerationTimeMs(taints, (pod.spec?.tolerations ?? []) as TolerationWithSeconds[]);
    if (wait === null) {
      cancel(key);
      schedule(key, now, now);
      return;
    }
    if (wait === Number.POSITIVE_INFINITY) {
      cancel(key);
      return;
    }
    const earlier = scheduled.get(key);
    let createdAt = now;
    if (earlier) {
      createdAt = earlier.createdAt;
      if (createdAt + wait < now + wait) return;
      cancel(key);
    }
    schedule(key, createdAt, createdAt + wait);
  }

  function schedule(key: string, createdAt: number, fireAt: number): void {
    const timer = cluster.runtime.after(
      Math.max(0, fireAt - cluster.now()),
      `taint eviction ${key}`,
      () => {
        scheduled.delete(key);
        evict(key);
      },
      false,
    );
    scheduled.set(key, { createdAt, fireAt, timer });
  }

  function cancel(key: string): void {
    const earlier = scheduled.get(key);
    if (!earlier) return;
    cluster.runtime.cancel(earlier.timer);
    scheduled.delete(key);
    record(key, 'Cancelling deletion Pod');
  }

  /** The event of emitPodDeletionEvent / emitCancelPodDeletionEvent: a reference without a UID. */
  function record(key: string, what: string): void {
    const [namespace, name] = splitKey(key);
    cluster.events.record({
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } },
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `${what} ${namespace}/${name}`,
      source: SOURCE,
    });
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then a default delete. */
  function evict(key: string): void {
    const [namespace, name] = splitKey(key);
    record(key, 'Marking for deletion Pod');
    const pod = cluster.store.peek(podType, namespace, name);
    if (!pod) return;
    const conditions: Array<Record<string, unknown>> = pod.status?.conditions ?? [];
    const target = conditions.find((c) => c.type === 'DisruptionTarget');
    if (target?.status !== 'True' || target.reason !== 'DeletionByTaintManager') {
      cluster.store.mutate(
        podType,
        namespace,
        name,
        (o) => {
          const condition = {
            type: 'DisruptionTarget',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: rfc3339(cluster.now()),
            reason: 'DeletionByTaintManager',
            message: 'Taint manager: deleting due to NoExecute taint',
          };
          o.status ??= {};
          const list: Array<Record<string, unknown>> = o.status.conditions ?? [];
          const i = list.findIndex((c) => c.type === 'DisruptionTarget');
          if (i >= 0) list[i] = condition;
          else list.push(condition);
          o.status.conditions = list;
        },
        { manager: 'kube-controller-manager', status: true },
      );
    }
    try {
      cluster.store.delete(podType, namespace, name);
    } catch {
      // already gone
    }
  }
}
