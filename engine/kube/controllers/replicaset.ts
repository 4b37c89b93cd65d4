// The ReplicaSet controller (pkg/controller/replicaset): keeps `replicas` active pods that
// match the selector and are owned by the set, adopting orphans, deleting surplus pods in
// ActivePods order, and reporting replicas/ready/available counts.
import { matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { type Cluster, controllerOf, controllerRef } from '../cluster.ts';
import {
  availableAt,
  compareForDeletion,
  isPodActive,
  isPodAvailable,
  isPodReady,
  podFromTemplate,
} from '../workloads/pods.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

export function startReplicaSetController(cluster: Cluster): void {
  const queue = new WorkQueue();
  const rsType = cluster.type('replicasets');
  const podType = cluster.type('pods');
  const availabilityTimers = new Map<string, number>();

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === rsType) queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    else if (event.resource === podType) {
      const owner = controllerOf(obj) ?? (event.old ? controllerOf(event.old) : undefined);
      if (owner?.kind === 'ReplicaSet') queue.add(keyOf(obj.metadata.namespace, owner.name));
      else if (!owner && event.type !== 'DELETED') {
        // an orphan may be adopted by a set whose selector matches it
        for (const rs of cluster.store.scan(rsType, obj.metadata.namespace)) {
          const sel = selectorFromObject(rs.spec?.selector);
          if (sel && sel.length > 0 && matches(sel, obj.metadata.labels))
            queue.add(keyOf(rs.metadata.namespace, rs.metadata.name));
        }
      }
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const [ns, name] = splitKey(key);
    const rs = cluster.store.peek(rsType, ns, name);
    if (rs) sync(rs);
    return true;
  });

  function ownedPods(rs: KubeObject): KubeObject[] {
    const selector = selectorFromObject(rs.spec?.selector) ?? [];
    const uid = rs.metadata.uid;
    const out: KubeObject[] = [];
    for (const pod of cluster.store.scan(podType, rs.metadata.namespace)) {
      const ref = controllerOf(pod);
      if (ref) {
        if (ref.uid === uid) out.push(pod);
        continue;
      }
      // adoption (ClaimPods): orphans that match and are not being deleted
      if (
        !rs.metadata.deletionTimestamp &&
        !pod.metadata.deletionTimestamp &&
        selector.length > 0 &&
        matches(selector, pod.metadata.labels)
      ) {
        const adopted = cluster.store.mutate(
          podType,
          pod.metadata.namespace ?? '',
          pod.metadata.name ?? '',
          (p) => {
            p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), controllerRef(rs)];
          },
          { manager: 'kube-controller-manager' },
        );
        out.push(
          cluster.store.peek(podType, adopted.metadata.namespace ?? '', adopted.metadata.name ?? '') ??
            adopted,
        );
      }
    }
    return out;
  }

  function sync(rs: KubeObject): void {
    const pods = ownedPods(rs).filter(isPodActive);
    const want = rs.metadata.deletionTimestamp ? pods.length : (rs.spec?.replicas ?? 1);
    const diff = pods.length - want;
    const ns = rs.metadata.namespace ?? 'default';
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) {
        const pod = podFromTemplate(rs.spec?.template, `${rs.metadata.name}-`, ns, [controllerRef(rs)]);
        try {
          const created = cluster.store.create(pod, { manager: 'kube-controller-manager' });
          cluster.events.record({
            object: rs,
            type: 'Normal',
            reason: 'SuccessfulCreate',
            message: `Created pod: ${created.metadata.name}`,
            source: { component: 'replicaset-controller' },
          });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          cluster.events.record({
            object: rs,
            type: 'Warning',
            reason: 'FailedCreate',
            message: `Error creating: ${message}`,
            source: { component: 'replicaset-controller' },
          });
          break;
        }
      }
    } else if (diff > 0) {
      const victims = [...pods].sort(compareForDeletion).slice(0, diff);
      for (const pod of victims) {
        cluster.store.delete(podType, ns, pod.metadata.name ?? '');
        cluster.events.record({
          object: rs,
          type: 'Normal',
          reason: 'SuccessfulDelete',
          message: `Deleted pod: ${pod.metadata.name}`,
          source: { component: 'replicaset-controller' },
        });
      }
    }
    updateStatus(rs);
  }

  function updateStatus(rs: KubeObject): void {
    const now = cluster.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const pods = ownedPods(rs).filter(isPodActive);
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const fully = pods.filter((p) =>
      Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
    ).length;
    const ready = pods.filter(isPodReady).length;
    const available = pods.filter((p) => isPodAvailable(p, minReady, now)).length;
    // wake up when a ready pod turns available
    for (const p of pods) {
      const at = availableAt(p, minReady);
      const key = keyOf(rs.metadata.namespace, rs.metadata.name);
      if (at !== undefined && at > now && availabilityTimers.get(key) !== at) {
        availabilityTimers.set(key, at);
        cluster.runtime.after(at - now, `rs-available ${key}`, () => queue.add(key));
      }
    }
    const status: Record<string, unknown> = { replicas: pods.length };
    if (fully > 0) status.fullyLabeledReplicas = fully;
    if (ready > 0) status.readyReplicas = ready;
    if (available > 0) status.availableReplicas = available;
    status.observedGeneration = rs.metadata.generation;
    const conditions = rs.status?.conditions;
    if (conditions) status.conditions = conditions;
    if (JSON.stringify(status) === JSON.stringify(rs.status ?? {})) return;
    cluster.store.mutate(
      rsType,
      rs.metadata.namespace ?? '',
      rs.metadata.name ?? '',
      (o) => {
        o.status = status;
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }
}
