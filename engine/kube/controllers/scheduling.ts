// The default scheduler's loop: pending pods are scheduled one at a time, bound to the
// chosen node, or left Pending with a FailedScheduling event and an Unschedulable
// condition; they are retried when nodes or other pods change.
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { SchedulerCache } from '../scheduler/cache.ts';
import type { ClusterObjects } from '../scheduler/framework.ts';
import type { VolumePlan } from '../scheduler/plugins/volumebinding.ts';
import { podClaimsBound, volumeBindingPlan } from '../scheduler/plugins/volumebinding.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';
import { ANN_SELECTED_NODE, bindVolumeToClaim } from './volume-matching.ts';

export function startScheduler(cluster: Cluster): void {
  const podType = cluster.type('pods');
  const nodeType = cluster.type('nodes');
  const queue = new WorkQueue();
  const unschedulable = new Set<string>();
  const random = cluster.random.fork('scheduler');
  const source = { component: 'default-scheduler', host: 'kind-control-plane' };
  const pvcType = cluster.type('persistentvolumeclaims');
  const pvType = cluster.type('persistentvolumes');
  const scType = cluster.type('storageclasses');
  const objects: ClusterObjects = {
    persistentVolumeClaim: (ns, name) => cluster.store.peek(pvcType, ns, name),
    persistentVolumes: () => cluster.store.scan(pvType),
    storageClass: (name) => cluster.store.peek(scType, '', name),
  };
  const cache = new SchedulerCache({ random, now: () => cluster.now(), cluster: objects });
  /** Pods assumed on a node whose PreBind waits for their claims to be bound. */
  const waitingForVolumes = new Set<string>();

  const retryAll = () => {
    for (const key of unschedulable) queue.add(key);
  };

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === pvcType || event.resource === pvType || event.resource === scType) {
      retryAll();
      return;
    }
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
      waitingForVolumes.delete(key);
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
    if (waitingForVolumes.has(key)) return true;
    const result = cache.schedule(pod);
    if ('node' in result) {
      unschedulable.delete(key);
      cache.assume(pod, result.node);
      const node = cluster.store.peek(nodeType, '', result.node);
      const plan = node ? volumeBindingPlan(pod, node, objects) : undefined;
      if (plan) {
        // PreBind (BindPodVolumes): write the bindings, then poll each second until the claims are bound.
        bindPodVolumes(plan, result.node);
        if (!podClaimsBound(pod, objects)) {
          waitingForVolumes.add(key);
          pollBindings(key, result.node, 0);
          return true;
        }
      }
      bindPod(ns, name, result.node);
      return true;
    }
    const first = !unschedulable.has(key);
    unschedulable.add(key);
    markUnschedulable(pod, result.message, first);
    return true;
  });

  /**
   * bindAPIUpdate: a volume chosen for a claim gets the claim's reference (GetBindVolumeToClaim), a
   * claim to provision gets the selected-node annotation the provisioner waits for.
   */
  function bindPodVolumes(plan: VolumePlan, node: string): void {
    for (const { pvc, pv } of plan.staticBindings) {
      cluster.store.mutate(pvType, '', pv.metadata.name ?? '', (o) => bindVolumeToClaim(o, pvc), {
        manager: 'kube-scheduler',
      });
    }
    for (const pvc of plan.provisions) {
      cluster.store.mutate(
        pvcType,
        pvc.metadata.namespace ?? '',
        pvc.metadata.name ?? '',
        (o) => {
          o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: node };
        },
        { manager: 'kube-scheduler' },
      );
    }
  }

  function bindPod(ns: string, name: string, node: string): void {
    const done = cluster.store.bind(ns, name, node);
    cluster.events.record({
      object: done,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${ns}/${name} to ${node}`,
      source,
      action: 'Binding',
    });
  }

  /** checkBindings every second (wait.PollUntilContextTimeout, not immediate) up to the 600s bindTimeout. */
  function pollBindings(key: string, node: string, elapsed: number): void {
    cluster.runtime.after(1000, `volume-binding ${key}`, () => {
      if (!waitingForVolumes.has(key)) return;
      const [ns, name] = splitKey(key);
      const pod = cluster.store.peek(podType, ns, name);
      if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
        waitingForVolumes.delete(key);
        return;
      }
      if (podClaimsBound(pod, objects)) {
        waitingForVolumes.delete(key);
        bindPod(ns, name, node);
        return;
      }
      if (elapsed + 1 >= 600) {
        // the binding cycle fails and the pod goes back to the queue
        waitingForVolumes.delete(key);
        cache.removePod({ ...pod, spec: { ...pod.spec, nodeName: node } });
        queue.add(key);
        return;
      }
      pollBindings(key, node, elapsed + 1);
    });
  }

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
      { manager: 'kube-scheduler', status: true },
    );
  }
}
