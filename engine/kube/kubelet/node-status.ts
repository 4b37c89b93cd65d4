// The kubelet's node: its identity, and the healthy status it posts when `docker start` brings it back.

import { rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';

export interface NodeInfo {
  name: string;
  ip: string;
  /** First three octets of the pod CIDR, e.g. "10.244.1". */
  podPrefix: string;
}

/** What the kubelet's condition setters report on a healthy node (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY_CONDITIONS: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: {
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  DiskPressure: {
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  PIDPressure: {
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

/**
 * setNodeStatus after a restart: the conditions the node controller set Unknown become
 * healthy again, heartbeats now, transitions now where the status changed
 * (pkg/kubelet/nodestatus/setters.go), and the NodeReady event of recordNodeStatusEvent.
 */
export function postNodeReady(
  cluster: Cluster,
  nodeName: string,
  source: { component: string; host: string },
): void {
  const nodeType = cluster.type('nodes');
  const node = cluster.store.peek(nodeType, '', nodeName);
  if (!node) return;
  const now = rfc3339(cluster.now());
  let becameReady = false;
  cluster.store.mutate(
    nodeType,
    '',
    nodeName,
    (o) => {
      for (const c of o.status?.conditions ?? []) {
        const healthy = HEALTHY_CONDITIONS[c.type as string];
        if (!healthy) continue;
        if (c.status !== healthy.status) {
          c.lastTransitionTime = now;
          if (c.type === 'Ready') becameReady = true;
        }
        c.lastHeartbeatTime = now;
        c.status = healthy.status;
        c.reason = healthy.reason;
        c.message = healthy.message;
      }
    },
    { manager: 'kubelet', status: true },
  );
  if (becameReady) {
    // the kubelet's nodeRef carries the node name as its UID (pkg/kubelet/kubelet.go)
    const ref = { ...node, metadata: { ...node.metadata, uid: nodeName } };
    cluster.events.record({
      object: ref,
      type: 'Normal',
      reason: 'NodeReady',
      message: `Node ${nodeName} status is now: NodeReady`,
      source,
    });
  }
}
