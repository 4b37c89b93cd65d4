// Fixture builders shared by the kubectl describe tests (the describe_test.go ports and the
// kind-cluster outputs): a DescribeContext over a set of objects, listing as the API server does,
// loose-JSON objects, and the pods and events several suites describe.
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { type DescribeContext, describe } from '../../engine/kube/describe/index.ts';
import { PrefixWriter } from '../../engine/kube/describe/writer.ts';

/** "Now" of the describe_test.go ports. */
export const GO_TESTS_NOW = Date.parse('2025-01-01T00:00:00Z');
/** "Now" of the kind-cluster outputs: five minutes after their objects were created. */
export const KIND_OUTPUTS_NOW = Date.parse('2025-01-01T00:05:00Z');
export const TEN_YEARS_AGO = '2015-01-01T00:00:00Z';

/** The resource each describable kind is listed and fetched as. */
const RESOURCES: Record<string, string> = {
  Pod: 'pods',
  Event: 'events',
  ReplicaSet: 'replicasets',
  Service: 'services',
  EndpointSlice: 'endpointslices',
  Lease: 'leases',
  Secret: 'secrets',
  ResourceQuota: 'resourcequotas',
  LimitRange: 'limitranges',
};

export type ClusterOf = (objects: KubeObject[], showEvents?: boolean) => DescribeContext;

/** Builds DescribeContexts at `now` over `objects`, listing as the API server does (by namespace, then name). */
export function clusterAt(now: number): ClusterOf {
  return (objects, showEvents = true) => {
    const of = (resource: string) => objects.filter((o) => RESOURCES[o.kind] === resource);
    const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
    return {
      now,
      showEvents,
      list: (resource, namespace = '') =>
        of(resource)
          .filter((o) => namespace === '' || (o.metadata.namespace ?? '') === namespace)
          .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
      get: (resource, namespace, name) =>
        of(resource).find((o) => (o.metadata.namespace ?? '') === namespace && o.metadata.name === name),
    };
  };
}

/** Describes `o` of `kind` at `now`, with `others` in the cluster. */
export function runAt(
  now: number,
): (kind: string, o: KubeObject, others?: KubeObject[], showEvents?: boolean) => string {
  const cluster = clusterAt(now);
  return (kind, o, others = [], showEvents = true) => describe(kind, o, cluster([o, ...others], showEvents));
}

// biome-ignore lint/suspicious/noExplicitAny: test objects are loose JSON
export function k(apiVersion: string, kind: string, body: any): KubeObject {
  return { apiVersion, kind, ...body };
}

/** Lines joined with newlines, the last one terminated too. */
export const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** What a PrefixWriter-based printer writes. */
export function raw(fill: (w: PrefixWriter) => void): string {
  let out = '';
  fill(new PrefixWriter((t) => (out += t)));
  return out;
}

/** A kubelet-style core/v1 event (source.component, first/last timestamps, count). */
export function kubeletEvent(
  name: string,
  namespace: string,
  io: object,
  reason: string,
  message: string,
  at: string,
  extra = {},
) {
  return k('v1', 'Event', {
    metadata: { name, namespace },
    involvedObject: io,
    reason,
    message,
    source: { component: 'kubelet', host: 'kind-control-plane' },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'kind-control-plane',
    ...extra,
  });
}

/** The pod template of the web Deployment, as the API server defaults it. */
export const podTemplateSpec = {
  containers: [
    {
      name: 'nginx',
      image: 'nginx',
      imagePullPolicy: 'Always',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    },
  ],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

/** The web Deployment's running pod, reduced to what the node and workload describers read. */
export const webPod = k('v1', 'Pod', {
  metadata: {
    name: 'web-7d8b49557c-abcde',
    namespace: 'default',
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels: { app: 'web', 'pod-template-hash': '7d8b49557c' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d8b49557c', uid: 'rs-uid', controller: true },
    ],
  },
  spec: { nodeName: 'kind-control-plane', containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
  status: { phase: 'Running', qosClass: 'BestEffort' },
});
