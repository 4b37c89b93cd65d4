// The kubelet's node Lease in kube-node-lease (pkg/kubelet/kubelet.go NewMainKubelet with
// k8s.io/component-helpers lease.NewController): named and held by the node, 40s long
// (nodeLeaseDurationSeconds default), renewed every quarter of that (nodeLeaseRenewIntervalFraction
// 0.25: 10s), owned by the Node (pkg/kubelet/util/nodelease.go SetNodeOwnerFunc).
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { LeaseHeartbeat } from '../controllers/lease-heartbeat.ts';

/** corev1.NamespaceNodeLease. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** KubeletConfiguration nodeLeaseDurationSeconds default (pkg/kubelet/apis/config/v1beta1/defaults.go). */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** renewInterval = leaseDuration × nodeLeaseRenewIntervalFraction (0.25). */
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 1000 * 0.25;

/**
 * SetNodeOwnerFunc: until the lease has an owner, point it at the Node (apiVersion v1, kind
 * Node, its name and uid); a Node that cannot be read blocks the lease's creation.
 */
function setNodeOwner(cluster: Cluster, nodeName: string): (lease: KubeObject) => boolean {
  return (lease) => {
    if (lease.metadata.ownerReferences?.length) return true;
    const node = cluster.store.peek(cluster.type('nodes'), '', nodeName);
    if (!node) return false;
    lease.metadata.ownerReferences = [
      { apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid ?? '' },
    ];
    return true;
  };
}

/** The node Lease heartbeat of the kubelet on `nodeName`, not yet started. */
export function nodeLease(cluster: Cluster, nodeName: string): LeaseHeartbeat {
  return new LeaseHeartbeat(
    cluster,
    {
      namespace: NODE_LEASE_NAMESPACE,
      name: nodeName,
      holderIdentity: nodeName,
      leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
      renewIntervalMs: NODE_LEASE_RENEW_INTERVAL_MS,
      manager: 'kubelet',
      postProcess: setNodeOwner(cluster, nodeName),
    },
    cluster.random.fork(`node-lease:${nodeName}`),
  );
}
