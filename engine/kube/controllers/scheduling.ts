// The default scheduler's loop: pending pods are scheduled one at a time, bound to the
// chosen node, or left Pending with a FailedScheduling event and an Unschedulable
// condition; they are retried when nodes or other pods change.
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { SchedulerCache } from '../scheduler/cache.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

export function startScheduler(cluster: Cluster): void {
  const podType = cluster.type('pods');
  const nodeType = cluster.type('nodes');
  const queue = new WorkQueue();
  const unschedulable = new Set<string>();
  const random = cluster.random.fork('scheduler');
  const source = { component: 'default-scheduler', host: 'kind-control-plane' };
  const cache = new SchedulerCache({ random, now: () => cluster.now() });

  const retryAll = () => {
    for (const key of unschedulable) queue.add(key);
  };

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === nodeType) {
      if (event.type === 'ADDED') cache.addNode(obj);
      else if (event.type === 'DELETED') cache.removeNode(obj.metadata.name ?? '');
      else cache.updateNode(obj);
      retryAll();
      return;
    }
    if (event.resource !== podType) return;
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    if (event.type === 'DELETED') cache.removePod(obj);
    else cache.updatePod(event.old, obj);
    if (event.type === 'DELETED') {
      unschedulable.delete(key);
      retryAll();
      return;
    }
    if (
      !obj.spec?.nodeName &&
      (obj.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
      !obj.metadata.deletionTimestamp
    ) {
      if (event.type === 'ADDED' || !unschedulable.has(key)) queue.add(key);
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const [ns, name] = splitKey(key);
    const pod = cluster.store.peek(podType, ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      unschedulable.delete(key);
      return true;
    }
    const result = cache.schedule(pod);
    if ('node' in result) {
      unschedulable.delete(key);
      cache.assume(pod, result.node);
      const done = cluster.store.bind(ns, name, result.node);
      cluster.events.record({
        object: done,
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${ns}/${name} to ${result.node}`,
        source,
        action: 'Binding',
      });
      return true;
    }
    const first = !unschedulable.has(key);
    unschedulable.add(key);
    markUnschedulable(pod, result.message, first);
    return true;
  });

  function markUnschedulable(pod: KubeObject, message: string, first: boolean): void {
    const ns = pod.metadata.namespace ?? 'default';
    const current = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    if (!first && current?.message === message) return;
    cluster.events.record({
      object: pod,
      type: 'Warning',
      reason: 'FailedScheduling',
      message,
      source,
      action: 'Scheduling',
    });
    cluster.store.mutate(
      podType,
      ns,
      pod.metadata.name ?? '',
      (o) => {
        o.status = {
          ...(o.status ?? {}),
          conditions: [
            {
              lastProbeTime: null,
              lastTransitionTime: rfc3339(cluster.now()),
              message,
              reason: 'Unschedulable',
              status: 'False',
              type: 'PodScheduled',
            },
          ],
          phase: 'Pending',
        };
        if (!o.status.qosClass && pod.status?.qosClass) o.status.qosClass = pod.status.qosClass;
      },
      { status: true },
    );
  }
}
