// The DaemonSet controller (pkg/controller/daemon): one pod per node whose taints the pod
// tolerates and whose labels match its node selector, bound directly to that node's name
// through node affinity, as the real controller does; status counts per node.
import type { KubeObject } from '../api/types.ts';
import { type Cluster, controllerOf, controllerRef } from '../cluster.ts';
import { computeHash } from '../workloads/hash.ts';
import { isPodActive, isPodAvailable, isPodReady, podFromTemplate } from '../workloads/pods.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}
interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** The tolerations the controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function startDaemonSetController(cluster: Cluster): void {
  const queue = new WorkQueue();
  const dsType = cluster.type('daemonsets');
  const podType = cluster.type('pods');
  const nodeType = cluster.type('nodes');

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === dsType) queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    else if (event.resource === nodeType)
      for (const ds of cluster.store.scan(dsType)) queue.add(keyOf(ds.metadata.namespace, ds.metadata.name));
    else if (event.resource === podType) {
      const owner = controllerOf(obj);
      if (owner?.kind === 'DaemonSet') queue.add(keyOf(obj.metadata.namespace, owner.name));
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const [ns, name] = splitKey(key);
    const ds = cluster.store.peek(dsType, ns, name);
    if (ds && !ds.metadata.deletionTimestamp) sync(ds);
    return true;
  });

  function eligible(ds: KubeObject, node: KubeObject): boolean {
    const tolerations = [...(ds.spec?.template?.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
    for (const taint of (node.spec?.taints ?? []) as Taint[]) {
      if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(tolerations, taint))
        return false;
    }
    const selector: Record<string, string> = ds.spec?.template?.spec?.nodeSelector ?? {};
    return Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v);
  }

  function sync(ds: KubeObject): void {
    const ns = ds.metadata.namespace ?? 'default';
    const hash = computeHash(ds.spec?.template);
    const pods = cluster.store.scan(podType, ns).filter((p) => controllerOf(p)?.uid === ds.metadata.uid);
    const nodes = cluster.store.scan(nodeType);
    let desired = 0;
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      const mine = pods.filter((p) => nodeTarget(p) === nodeName && isPodActive(p));
      const want = eligible(ds, node);
      if (want) desired++;
      if (want && mine.length === 0) {
        const pod = podFromTemplate(ds.spec?.template, `${ds.metadata.name}-`, ns, [controllerRef(ds)]);
        pod.metadata.labels = {
          ...(pod.metadata.labels ?? {}),
          'controller-revision-hash': hash,
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        };
        pod.spec.affinity = {
          ...(pod.spec.affinity ?? {}),
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] },
              ],
            },
          },
        };
        pod.spec.tolerations = mergeTolerations(pod.spec.tolerations ?? []);
        const created = cluster.store.create(pod, { manager: 'kube-controller-manager' });
        cluster.events.record({
          object: ds,
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: `Created pod: ${created.metadata.name}`,
          source: { component: 'daemonset-controller' },
        });
      } else if (!want) {
        for (const p of mine) {
          cluster.store.delete(podType, ns, p.metadata.name ?? '');
          cluster.events.record({
            object: ds,
            type: 'Normal',
            reason: 'SuccessfulDelete',
            message: `Deleted pod: ${p.metadata.name}`,
            source: { component: 'daemonset-controller' },
          });
        }
      }
    }
    const active = cluster.store
      .scan(podType, ns)
      .filter((p) => controllerOf(p)?.uid === ds.metadata.uid && isPodActive(p));
    const scheduled = active.filter((p) => p.spec?.nodeName).length;
    const ready = active.filter(isPodReady).length;
    const available = active.filter((p) =>
      isPodAvailable(p, ds.spec?.minReadySeconds ?? 0, cluster.now()),
    ).length;
    const status: Record<string, unknown> = {
      currentNumberScheduled: scheduled,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: scheduled,
    };
    if (available) status.numberAvailable = available;
    if (desired - available > 0) status.numberUnavailable = desired - available;
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    cluster.store.mutate(
      dsType,
      ns,
      ds.metadata.name ?? '',
      (o) => {
        o.status = status;
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }
}

function nodeTarget(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  return pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}

function mergeTolerations(existing: Toleration[]): Toleration[] {
  const out = [...existing];
  for (const t of DAEMON_TOLERATIONS)
    if (!out.some((e) => e.key === t.key && e.effect === t.effect)) out.push(t);
  return out;
}
