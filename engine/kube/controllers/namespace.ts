// The namespace controller (pkg/controller/namespace): a Terminating namespace has all its
// content deleted, then its `kubernetes` finalizer removed, after which it disappears.
import type { Cluster } from '../cluster.ts';
import { WorkQueue } from './queue.ts';

export function startNamespaceController(cluster: Cluster): void {
  const nsType = cluster.type('namespaces');
  const queue = new WorkQueue();
  cluster.store.watch((event) => {
    if (event.resource === nsType && event.object.metadata.deletionTimestamp && event.type !== 'DELETED') {
      queue.add(event.object.metadata.name ?? '');
    } else if (event.type === 'DELETED' && event.resource.namespaced) {
      const ns = cluster.store.peek(nsType, '', event.object.metadata.namespace ?? '');
      if (ns?.metadata.deletionTimestamp) queue.add(ns.metadata.name ?? '');
    }
  });
  cluster.runtime.addQueue(() => {
    const name = queue.take();
    if (name === undefined) return false;
    const ns = cluster.store.peek(nsType, '', name);
    if (!ns?.metadata.deletionTimestamp) return true;
    let remaining = 0;
    for (const type of cluster.registry.all()) {
      if (!type.namespaced || type.virtual) continue;
      for (const obj of cluster.store.scan(type, name)) {
        remaining++;
        if (!obj.metadata.deletionTimestamp)
          cluster.store.delete(type, name, obj.metadata.name ?? '', { propagationPolicy: 'Background' });
      }
    }
    if (remaining === 0 && ns.spec?.finalizers?.length) {
      cluster.store.mutate(
        nsType,
        '',
        name,
        (o) => {
          o.spec.finalizers = [];
        },
        // the namespace deleter's finalizeNamespace writes through the finalize subresource
        { manager: 'kube-controller-manager', subresource: 'finalize' },
      );
    }
    return true;
  });
}
