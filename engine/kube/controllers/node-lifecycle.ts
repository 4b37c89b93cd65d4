// The node lifecycle controller's taint manager (pkg/controller/nodelifecycle): a node whose
// Ready condition is True loses the node.kubernetes.io/not-ready taint that admission put on
// it at registration; a node that is not ready gets it (NoSchedule and NoExecute) back.
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { WorkQueue } from './queue.ts';

const NOT_READY = 'node.kubernetes.io/not-ready';

export function startNodeLifecycleController(cluster: Cluster): void {
  const nodeType = cluster.type('nodes');
  const queue = new WorkQueue();
  cluster.store.watch((event) => {
    if (event.resource === nodeType && event.type !== 'DELETED') queue.add(event.object.metadata.name ?? '');
  });
  cluster.runtime.addQueue(() => {
    const name = queue.take();
    if (name === undefined) return false;
    const node = cluster.store.peek(nodeType, '', name);
    if (node) reconcile(node);
    return true;
  });

  function reconcile(node: KubeObject): void {
    const ready =
      (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status === 'True';
    const taints: Array<{ key: string; effect: string }> = node.spec?.taints ?? [];
    const has = taints.some((t) => t.key === NOT_READY);
    if (ready && has) {
      cluster.store.mutate(nodeType, '', node.metadata.name ?? '', (o) => {
        o.spec.taints = taints.filter((t) => t.key !== NOT_READY);
        if (o.spec.taints.length === 0) delete o.spec.taints;
      });
    } else if (!ready && !taints.some((t) => t.key === NOT_READY && t.effect === 'NoExecute')) {
      cluster.store.mutate(nodeType, '', node.metadata.name ?? '', (o) => {
        o.spec.taints = [
          ...taints.filter((t) => t.key !== NOT_READY),
          { effect: 'NoSchedule', key: NOT_READY },
          {
            effect: 'NoExecute',
            key: NOT_READY,
            timeAdded: new Date(cluster.now()).toISOString().slice(0, 19) + 'Z',
          },
        ];
      });
    }
  }
}
