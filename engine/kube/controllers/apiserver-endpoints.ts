// The API server's endpoint reconciler for the `kubernetes` Service (pkg/controlplane/reconcilers
// endpointsadapter.go, v1.32): an Endpoints object and an EndpointSlice, both named
// `kubernetes`, listing each control-plane node's address on the secure port 6443.
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { Json } from './endpoints-common.ts';

/** The API server's advertise address in kind is the control-plane node's; its secure port. */
const SECURE_PORT = 6443;
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

/** The Endpoints object EndpointsAdapter.updateEndpoints writes for these API server IPs. */
export function apiServerEndpoints(ips: string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [
      {
        addresses: ips.map((ip) => ({ ip })),
        ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
      },
    ],
  };
}

/** The EndpointSlice EndpointsAdapter.updateEndpointSlice writes for these API server IPs. */
export function apiServerEndpointSlice(ips: string[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
  };
}

/**
 * Writes the `kubernetes` Endpoints and EndpointSlice once control-plane nodes exist, and
 * puts them back when they are deleted or changed, as the API server's reconciler does.
 */
export function startApiServerEndpointsReconciler(cluster: Cluster): void {
  const nodeType = cluster.type('nodes');
  const epType = cluster.type('endpoints');
  const sliceType = cluster.type('endpointslices');
  let writing = false;

  const apiServerIPs = (): string[] =>
    cluster.store
      .scan(nodeType)
      .filter((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined)
      .map((n) => (n.status?.addresses ?? []).find((a: Json) => a.type === 'InternalIP')?.address)
      .filter((ip): ip is string => !!ip && !ip.includes(':'))
      .sort();

  function ensure(type: typeof epType, want: KubeObject, fields: string[]): void {
    const current = cluster.store.peek(type, 'default', 'kubernetes');
    if (!current) {
      cluster.store.create(want, { manager: 'kube-controller-manager' });
      return;
    }
    const same = [...fields, 'labels'].every((f) =>
      f === 'labels'
        ? JSON.stringify(current.metadata.labels ?? {}) === JSON.stringify(want.metadata.labels)
        : JSON.stringify((current as Json)[f] ?? null) === JSON.stringify((want as Json)[f]),
    );
    if (same) return;
    cluster.store.mutate(
      type,
      'default',
      'kubernetes',
      (o) => {
        o.metadata.labels = want.metadata.labels;
        for (const f of fields) (o as Json)[f] = (want as Json)[f];
      },
      { manager: 'kube-controller-manager' },
    );
  }

  function sync(): void {
    const ips = apiServerIPs();
    if (ips.length === 0) return;
    writing = true;
    try {
      ensure(epType, apiServerEndpoints(ips), ['subsets']);
      ensure(sliceType, apiServerEndpointSlice(ips), ['endpoints', 'ports']);
    } finally {
      writing = false;
    }
  }

  let pending = false;
  cluster.store.watch((event) => {
    if (writing) return;
    const obj = event.object;
    if (event.resource === nodeType && obj.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined)
      pending = true;
    else if (
      (event.resource === epType || event.resource === sliceType) &&
      obj.metadata.namespace === 'default' &&
      obj.metadata.name === 'kubernetes'
    )
      pending = true;
  });
  cluster.runtime.addQueue(() => {
    if (!pending) return false;
    pending = false;
    sync();
    return true;
  });
}
