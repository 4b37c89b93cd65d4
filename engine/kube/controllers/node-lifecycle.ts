// The node lifecycle controller (pkg/controller/nodelifecycle): every nodeMonitorPeriod it
// checks each node's heartbeats (its node Lease's renewTime and its Ready condition's
// lastHeartbeatTime, tryUpdateNodeHealth); a node silent on both for longer than
// the grace period gets its conditions set Unknown, its pods marked not ready and the
// node.kubernetes.io/unreachable taints; a node's Ready condition decides its not-ready or
// unreachable NoSchedule and NoExecute taints, which go away once it is Ready again.
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { NODE_LEASE_NAMESPACE } from '../kubelet/node-lease.ts';
import { WorkQueue } from './queue.ts';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
/** --node-monitor-period default (pkg/controller/nodelifecycle/config/v1alpha1/defaults.go). */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/**
 * --node-monitor-grace-period: 50s since Kubernetes 1.32 (kubernetes/kubernetes#126287,
 * "The default value for node-monitor-grace-period has been increased to 50s (earlier 40s)").
 */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** tryUpdateNodeHealth marks these conditions Unknown when the kubelet falls silent. */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
const SOURCE = { component: 'node-controller' };

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

interface NodeHealth {
  /** When the controller last saw a heartbeat move. */
  probeTimestamp: number;
  /** The Ready condition's lastHeartbeatTime when last seen. */
  readyHeartbeat: string | undefined;
  /** The node Lease's renewTime when last seen. */
  leaseRenewTime: number;
}

export function startNodeLifecycleController(cluster: Cluster): void {
  const nodeType = cluster.type('nodes');
  const podType = cluster.type('pods');
  const leaseType = cluster.type('leases');
  const health = new Map<string, NodeHealth>();
  const queue = new WorkQueue();
  cluster.store.watch((event) => {
    if (event.resource !== nodeType) return;
    if (event.type === 'DELETED') health.delete(event.object.metadata.name ?? '');
    else queue.add(event.object.metadata.name ?? '');
  });
  cluster.runtime.addQueue(() => {
    const name = queue.take();
    if (name === undefined) return false;
    const node = cluster.store.peek(nodeType, '', name);
    if (node) reconcileTaints(node);
    return true;
  });
  const monitor = () => {
    for (const node of cluster.store.list(nodeType)) monitorNode(node);
    cluster.runtime.after(NODE_MONITOR_PERIOD_MS, 'node monitor', monitor, false);
  };
  cluster.runtime.after(NODE_MONITOR_PERIOD_MS, 'node monitor', monitor, false);

  function kubeletOf(name: string): Kubelet | undefined {
    const kubelets = cluster.components.get('kubelets') as Kubelet[] | undefined;
    return kubelets?.find((k) => k.node.name === name);
  }

  /** monitorNodeHealth for one node: the grace period check and what follows from it. */
  function monitorNode(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    // Nodes no simulated kubelet runs (bare Node objects in benchmarks) are left alone.
    if (!kubeletOf(name)) return;
    const now = cluster.now();
    const conditions: Array<Record<string, string>> = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    const lease = cluster.store.peek(leaseType, NODE_LEASE_NAMESPACE, name);
    const renewTime = Date.parse(lease?.spec?.renewTime ?? '') || 0;
    const seen = health.get(name);
    // a first sight, a new Ready heartbeat or a later lease renewal moves probeTimestamp
    if (!seen || seen.readyHeartbeat !== ready?.lastHeartbeatTime || seen.leaseRenewTime < renewTime) {
      health.set(name, {
        probeTimestamp: now,
        readyHeartbeat: ready?.lastHeartbeatTime,
        leaseRenewTime: renewTime,
      });
      return;
    }
    if (now <= seen.probeTimestamp + NODE_MONITOR_GRACE_PERIOD_MS) return;
    if (!ready || ready.status === 'Unknown') return;
    const wasReady = ready.status === 'True';
    const stamp = rfc3339(now);
    cluster.store.mutate(
      nodeType,
      '',
      name,
      (o) => {
        for (const c of o.status?.conditions ?? []) {
          if (!MONITORED_CONDITIONS.includes(c.type) || c.status === 'Unknown') continue;
          // lastHeartbeatTime stays: it is the kubelet's last word
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = stamp;
        }
      },
      { manager: 'kube-controller-manager', status: true },
    );
    if (!wasReady) return;
    // nodeutil.RecordNodeStatusChange, then MarkPodsNotReady (pkg/controller/util/node)
    cluster.events.record({
      object: node,
      type: 'Normal',
      reason: 'NodeNotReady',
      message: `Node ${name} status is now: NodeNotReady`,
      source: SOURCE,
    });
    for (const pod of cluster.store.list(podType)) {
      if (pod.spec?.nodeName !== name) continue;
      markPodNotReady(pod, stamp);
    }
  }

  function markPodNotReady(pod: KubeObject, stamp: string): void {
    const ready = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    if (!ready || ready.status === 'False') return;
    const updated = cluster.store.mutate(
      podType,
      pod.metadata.namespace ?? '',
      pod.metadata.name ?? '',
      (o) => {
        for (const c of o.status?.conditions ?? []) {
          if (c.type !== 'Ready') continue;
          c.status = 'False';
          c.lastTransitionTime = stamp;
        }
      },
      { manager: 'kube-controller-manager', status: true },
    );
    cluster.events.record({
      object: updated,
      type: 'Warning',
      reason: 'NodeNotReady',
      message: 'Node is not ready',
      source: SOURCE,
    });
  }

  /**
   * doNoScheduleTaintingPass and the NoExecute tainting (SwapNodeControllerTaint stamps
   * timeAdded): Ready False means not-ready, Unknown means unreachable, True means neither.
   */
  function reconcileTaints(node: KubeObject): void {
    const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    if (!ready) return;
    const wanted = ready.status === 'False' ? NOT_READY : ready.status === 'Unknown' ? UNREACHABLE : null;
    const taints: Taint[] = node.spec?.taints ?? [];
    const owned = (t: Taint) => t.key === NOT_READY || t.key === UNREACHABLE;
    const kept = taints.filter((t) => !owned(t) || t.key === wanted);
    const added: Taint[] = [];
    if (wanted) {
      if (!kept.some((t) => t.key === wanted && t.effect === 'NoExecute'))
        added.push({ effect: 'NoExecute', key: wanted, timeAdded: rfc3339(cluster.now()) });
      if (!kept.some((t) => t.key === wanted && t.effect === 'NoSchedule'))
        added.push({ effect: 'NoSchedule', key: wanted });
    }
    if (added.length === 0 && kept.length === taints.length) return;
    cluster.store.mutate(
      nodeType,
      '',
      node.metadata.name ?? '',
      (o) => {
        o.spec.taints = [...kept, ...added];
        if (o.spec.taints.length === 0) delete o.spec.taints;
      },
      { manager: 'kube-controller-manager' },
    );
  }
}
