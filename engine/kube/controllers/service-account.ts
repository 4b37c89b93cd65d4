// Per-namespace defaults made by controller-manager: the `default` ServiceAccount
// (serviceaccounts-controller) and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher).
import type { Cluster } from '../cluster.ts';
import { WorkQueue } from './queue.ts';

export function startServiceAccountController(cluster: Cluster, caPem: string): void {
  const nsType = cluster.type('namespaces');
  const saType = cluster.type('serviceaccounts');
  const cmType = cluster.type('configmaps');
  const queue = new WorkQueue();
  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === nsType && event.type !== 'DELETED') queue.add(obj.metadata.name ?? '');
    else if (event.type === 'DELETED' && obj.metadata.namespace) {
      if (
        (event.resource === saType && obj.metadata.name === 'default') ||
        (event.resource === cmType && obj.metadata.name === 'kube-root-ca.crt')
      ) {
        queue.add(obj.metadata.namespace);
      }
    }
  });
  cluster.runtime.addQueue(() => {
    const name = queue.take();
    if (name === undefined) return false;
    const ns = cluster.store.peek(nsType, '', name);
    if (!ns || ns.metadata.deletionTimestamp) return true;
    if (!cluster.store.peek(saType, name, 'default')) {
      cluster.store.create(
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'default', namespace: name },
        },
        { manager: 'kube-controller-manager' },
      );
    }
    if (!cluster.store.peek(cmType, name, 'kube-root-ca.crt')) {
      cluster.store.create(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'kube-root-ca.crt',
            namespace: name,
            annotations: {
              'kubernetes.io/description':
                'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
            },
          },
          data: { 'ca.crt': caPem },
        },
        { manager: 'kube-controller-manager' },
      );
    }
    return true;
  });
}
