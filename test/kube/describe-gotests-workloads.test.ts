// Ports of kubectl's pkg/describe/describe_test.go (v0.32.4). Expected strings are the Go
// tests' own; where a Go test feeds objects through a fake client that ignores field selectors
// or uses the local time zone, the adaptation is noted at the case.
import { expect, it, describe as suite } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { describe } from '../../engine/kube/describe/index.ts';
import { clusterAt, k, GO_TESTS_NOW as NOW, runAt } from './describe-fixtures.ts';

const cluster = clusterAt(NOW);
const run = runAt(NOW);

suite('workloads', () => {
  const labels = { 'k8s-app': 'bar' };
  const template = (image: string) => ({
    metadata: { name: 'bar', namespace: 'foo', labels },
    spec: {
      containers: [
        {
          image,
          volumeMounts: [
            { name: 'vol-foo', mountPath: '/tmp/vol-foo' },
            { name: 'vol-bar', mountPath: '/tmp/vol-bar' },
          ],
        },
      ],
      volumes: [
        { name: 'vol-foo', emptyDir: {} },
        { name: 'vol-bar', emptyDir: {} },
      ],
    },
  });
  const deployment = (replicas: number, image: string, status: Record<string, number> = {}) =>
    k('apps/v1', 'Deployment', {
      metadata: {
        name: 'bar',
        namespace: 'foo',
        labels,
        uid: '00000000-0000-0000-0000-000000000001',
        creationTimestamp: '2021-01-01T00:00:00Z',
      },
      spec: { replicas, selector: { matchLabels: labels }, template: template(image) },
      status,
    });
  const rs = (name: string, uid: string, replicas: number, image: string, statusReplicas: number) =>
    k('apps/v1', 'ReplicaSet', {
      metadata: {
        name,
        namespace: 'foo',
        labels,
        uid,
        ownerReferences: [{ controller: true, uid: '00000000-0000-0000-0000-000000000001' }],
      },
      spec: { replicas, selector: { matchLabels: labels }, template: template(image) },
      status: { replicas: statusReplicas },
    });
  const ago = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const agoMicro = (ms: number) => new Date(NOW - ms).toISOString().replace(/Z$/, '000Z');
  const involvedObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'bar',
    namespace: 'foo',
    uid: '00000000-0000-0000-0000-000000000001',
  };
  const newEvent = (
    name: string,
    message: string,
    eventAgo: number,
    series?: { count: number; lastAgo: number },
  ) =>
    k('v1', 'Event', {
      metadata: { name, namespace: 'foo' },
      involvedObject,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message,
      reportingComponent: 'deployment-controller',
      eventTime: agoMicro(eventAgo),
      ...(series && { series: { count: series.count, lastObservedTime: agoMicro(series.lastAgo) } }),
    });
  const oldEvent = (name: string, message: string, firstAgo: number) =>
    k('v1', 'Event', {
      metadata: { name, namespace: 'foo' },
      involvedObject,
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message,
      source: { component: 'deployment-controller' },
      firstTimestamp: ago(firstAgo),
    });
  const minute = 60000;
  const events = [
    newEvent('bar-000', 'Scaled up replica set bar-002 from 0 to 1', 20 * minute, {
      count: 3,
      lastAgo: 12 * minute,
    }),
    oldEvent('bar-001', 'Scaled up replica set bar-001 from 0 to 2', 10 * minute),
    oldEvent('bar-002', 'Scaled up replica set bar-002 from 0 to 1', 2 * minute),
    newEvent('bar-003', 'Scaled down replica set bar-002 from 2 to 1', minute),
  ];

  // TestDescribeDeployment
  it('deployment with two mounted volumes', () => {
    const out = run('Deployment', deployment(1, 'mytest-image:latest'), [
      rs('bar-001', 'rs-1', 1, 'mytest-image:latest', 1),
    ]);
    for (const s of [
      'Name:               bar\nNamespace:          foo',
      'CreationTimestamp:  Fri, 01 Jan 2021 00:00:00 +0000',
      'Labels:             k8s-app=bar',
      'Selector:           k8s-app=bar',
      'Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable',
      'Image:        mytest-image:latest',
      'Mounts:\n      /tmp/vol-bar from vol-bar (rw)\n      /tmp/vol-foo from vol-foo (rw)',
      'OldReplicaSets:    <none>',
      'NewReplicaSet:     bar-001 (1/1 replicas created)',
      'Events:            <none>',
      'Node-Selectors:  <none>',
      'Tolerations:     <none>',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('deployment during the process of rolling out', () => {
    const out = run(
      'Deployment',
      deployment(2, 'mytest-image:v2.0', {
        replicas: 3,
        updatedReplicas: 1,
        availableReplicas: 2,
        unavailableReplicas: 1,
      }),
      [
        rs('bar-001', '00000000-0000-0000-0000-000000000001', 2, 'mytest-image:v1.0', 2),
        rs('bar-002', 'rs-2', 1, 'mytest-image:v2.0', 1),
        ...events,
      ],
    );
    for (const s of [
      'Replicas:           2 desired | 1 updated | 3 total | 2 available | 1 unavailable',
      'Image:        mytest-image:v2.0',
      'OldReplicaSets:    bar-001 (2/2 replicas created)',
      'NewReplicaSet:     bar-002 (1/1 replicas created)',
      'Events:\n',
      'Normal  ScalingReplicaSet  12m (x3 over 20m)  deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  10m                deployment-controller  Scaled up replica set bar-001 from 0 to 2',
      'Normal  ScalingReplicaSet  2m                 deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  60s                deployment-controller  Scaled down replica set bar-002 from 2 to 1',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('deployment after successful rollout', () => {
    const out = run(
      'Deployment',
      deployment(2, 'mytest-image:v2.0', {
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: 0,
      }),
      [
        rs('bar-001', '00000000-0000-0000-0000-000000000001', 0, 'mytest-image:v1.0', 0),
        rs('bar-002', 'rs-2', 2, 'mytest-image:v2.0', 2),
        ...events,
        newEvent('bar-004', 'Scaled up replica set bar-002 from 0 to 2', 15000),
        newEvent('bar-005', 'Scaled down replica set bar-001 from 2 to 0', 3000),
      ],
    );
    for (const s of [
      'Replicas:           2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
      'OldReplicaSets:    bar-001 (0/0 replicas created)',
      'NewReplicaSet:     bar-002 (2/2 replicas created)',
      'Normal  ScalingReplicaSet  12m (x3 over 20m)  deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  60s                deployment-controller  Scaled down replica set bar-002 from 2 to 1',
      'Normal  ScalingReplicaSet  15s                deployment-controller  Scaled up replica set bar-002 from 0 to 2',
      'Normal  ScalingReplicaSet  3s                 deployment-controller  Scaled down replica set bar-001 from 2 to 0',
    ]) {
      expect(out).toContain(s);
    }
  });

  // TestDescribeJob
  it.each([
    [{}, [], ['Completed Indexes:', 'Suspend:', 'Backoff Limit:', 'TTL Seconds After Finished:']],
    [{ completionMode: 'Indexed' }, ['Completed Indexes:  <none>'], []],
    [
      { completionMode: 'Indexed', status: '0-5,7,9,10,12,13,15,16,18,20,21,23,24,26,27,29,30,32' },
      ['Completed Indexes:  0-5,7,9,10,12,13,15,16,18,20,21,23,24,26,27,29,30,32'],
      [],
    ],
    [
      { completionMode: 'Indexed', status: '0-5,7,9,10,12,13,15,16,18,20,21,23,24,26,27,29,30,32-34,36,37' },
      ['Completed Indexes:  0-5,7,9,10,12,13,15,16,18,20,21,23,24,26,27,29,30,32-34,...'],
      [],
    ],
    [
      { suspend: true, ttlSecondsAfterFinished: 123, backoffLimit: 1 },
      [
        'Suspend:                     true',
        'TTL Seconds After Finished:  123',
        'Backoff Limit:               1',
      ],
      [],
    ],
    [{ suspend: false }, ['Suspend:        false'], []],
  ])('TestDescribeJob %#', (spec, want, unwanted) => {
    const { status, ...rest } = spec as Record<string, unknown>;
    const job = k('batch/v1', 'Job', {
      metadata: { name: 'bar', namespace: 'foo' },
      spec: rest,
      status: status === undefined ? {} : { completedIndexes: status },
    });
    const out = run('Job', job);
    for (const s of want) expect(out).toContain(s);
    for (const s of unwanted) expect(out).not.toContain(s);
  });

  it('TestDescribeStatefulSet', () => {
    const out = run(
      'StatefulSet',
      k('apps/v1', 'StatefulSet', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: {
          replicas: 1,
          selector: {},
          template: { spec: { containers: [{ image: 'mytest-image:latest' }] } },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2672 } },
        },
      }),
    );
    for (const s of [
      'bar',
      'foo',
      'Containers:',
      'mytest-image:latest',
      'Update Strategy',
      'RollingUpdate',
      'Partition',
      '2672',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestControllerRef: only pods the controller owns count', () => {
    const pod = (name: string, owner?: string) =>
      k('v1', 'Pod', {
        metadata: {
          name,
          namespace: 'foo',
          labels: { abc: 'xyz' },
          ...(owner && {
            ownerReferences: [{ name: owner, uid: owner === 'bar' ? '123456' : '654321', controller: true }],
          }),
        },
        spec: { containers: [{ image: 'mytest-image:latest' }] },
        status: { phase: 'Running' },
      });
    const rc = k('v1', 'ReplicationController', {
      metadata: { name: 'bar', namespace: 'foo', uid: '123456' },
      spec: {
        replicas: 1,
        selector: { abc: 'xyz' },
        template: { spec: { containers: [{ image: 'mytest-image:latest' }] } },
      },
    });
    const out = run(
      'ReplicationController',
      rc,
      [pod('barpod', 'bar'), pod('orphan'), pod('buzpod', 'buz')],
      false,
    );
    expect(out).toContain('1 Running');
  });

  // TestDescribeEvents: each describer shows Events only with ShowEvents. The Go test's fake
  // client ignores field selectors; here the event names the described object.
  const objects: [string, KubeObject][] = [
    ['DaemonSet', k('apps/v1', 'DaemonSet', { metadata: { name: 'bar', namespace: 'foo' } })],
    [
      'Deployment',
      k('apps/v1', 'Deployment', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: { replicas: 1, selector: {} },
      }),
    ],
    ['Endpoints', k('v1', 'Endpoints', { metadata: { name: 'bar', namespace: 'foo' } })],
    [
      'EndpointSlice',
      k('discovery.k8s.io/v1', 'EndpointSlice', { metadata: { name: 'bar', namespace: 'foo' } }),
    ],
    ['Job', k('batch/v1', 'Job', { metadata: { name: 'bar', namespace: 'foo' } })],
    ['Ingress', k('networking.k8s.io/v1', 'Ingress', { metadata: { name: 'bar', namespace: 'foo' } })],
    ['Node', k('v1', 'Node', { metadata: { name: 'bar' } })],
    ['PersistentVolume', k('v1', 'PersistentVolume', { metadata: { name: 'bar' } })],
    ['Pod', k('v1', 'Pod', { metadata: { name: 'bar', namespace: 'foo' } })],
    [
      'ReplicaSet',
      k('apps/v1', 'ReplicaSet', { metadata: { name: 'bar', namespace: 'foo' }, spec: { replicas: 1 } }),
    ],
    [
      'ReplicationController',
      k('v1', 'ReplicationController', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: { replicas: 1 },
      }),
    ],
    ['Service', k('v1', 'Service', { metadata: { name: 'bar', namespace: 'foo' } })],
    ['StorageClass', k('storage.k8s.io/v1', 'StorageClass', { metadata: { name: 'bar' } })],
    [
      'HorizontalPodAutoscaler',
      k('autoscaling/v2', 'HorizontalPodAutoscaler', { metadata: { name: 'bar', namespace: 'foo' } }),
    ],
    ['ConfigMap', k('v1', 'ConfigMap', { metadata: { name: 'bar', namespace: 'foo' } })],
  ];
  it.each(objects)('TestDescribeEvents %s', (kind, o) => {
    const event = k('v1', 'Event', {
      metadata: { name: 'event-1', namespace: o.metadata.namespace ?? 'default' },
      involvedObject: { kind, name: 'bar', namespace: o.metadata.namespace ?? '' },
      source: { component: 'kubelet' },
      message: 'Item 1',
      firstTimestamp: '2014-01-15T00:00:00Z',
      lastTimestamp: '2014-01-15T00:00:00Z',
      count: 1,
      type: 'Normal',
    });
    const shown = describe(kind, o, cluster([o, event], true));
    expect(shown).toContain('bar');
    expect(shown).toContain('Events:');
    expect(shown).toContain('Item 1');
    const hidden = describe(kind, o, cluster([o, event], false));
    expect(hidden).toContain('bar');
    expect(hidden).not.toContain('Events:');
  });
});

suite('nodes', () => {
  const res = (cpu: string, memory: string) => ({ cpu, memory });
  const hugepages = (size: string, value: string) => ({ [`hugepages-${size}`]: value });
  const node = k('v1', 'Node', {
    metadata: { name: 'bar', uid: 'uid' },
    spec: { unschedulable: true },
    status: {
      capacity: { ...hugepages('2Mi', '4Gi'), ...res('8', '24Gi'), ...hugepages('1Gi', '0') },
      allocatable: { ...hugepages('2Mi', '2Gi'), ...res('4', '12Gi'), ...hugepages('1Gi', '0') },
    },
  });
  const lease = k('coordination.k8s.io/v1', 'Lease', {
    metadata: { name: 'bar', namespace: 'kube-node-lease' },
    spec: {
      holderIdentity: 'holder',
      acquireTime: '2024-12-31T23:00:00.000000Z',
      renewTime: '2025-01-01T00:00:00.000000Z',
    },
  });
  const containers = [
    {
      name: 'cpu-mem',
      image: 'image:latest',
      resources: { requests: res('1', '1Gi'), limits: res('2', '2Gi') },
    },
    {
      name: 'hugepages',
      image: 'image:latest',
      resources: { requests: hugepages('2Mi', '512Mi'), limits: hugepages('2Mi', '512Mi') },
    },
  ];
  const pod = (spec: Record<string, unknown>) =>
    k('v1', 'Pod', {
      metadata: { name: 'pod-with-resources', namespace: 'foo' },
      spec: { nodeName: 'bar', ...spec },
      status: { phase: 'Running' },
    });
  const nodeEvent = (name: string, uid: string, message: string, count: number) =>
    k('v1', 'Event', {
      metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'bar', uid },
      message,
      firstTimestamp: '2014-01-15T00:00:00Z',
      lastTimestamp: '2014-01-15T00:00:00Z',
      count,
      type: 'Normal',
    });
  const events = [
    nodeEvent('event-1', 'bar', 'Node bar status is now: NodeHasNoDiskPressure', 1),
    nodeEvent('event-2', 'uid', 'Node bar status is now: NodeReady', 2),
  ];

  it('TestDescribeNode', () => {
    // The Go test's pod has no nodeName (its fake client ignores the field selector).
    const out = run('Node', node, [lease, pod({ containers }), ...events]);
    for (const s of [
      'Unschedulable',
      'true',
      'holder',
      `Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests     Limits
  --------           --------     ------
  cpu                1 (25%)      2 (50%)
  memory             1Gi (8%)     2Gi (16%)
  ephemeral-storage  0 (0%)       0 (0%)
  hugepages-1Gi      0 (0%)       0 (0%)
  hugepages-2Mi      512Mi (25%)  512Mi (25%)`,
      'Node bar status is now: NodeHasNoDiskPressure',
      'Node bar status is now: NodeReady',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestDescribeNodeWithSidecar', () => {
    const initContainers = [
      { name: 'init-container-1', restartPolicy: 'Always', resources: { requests: res('1', '1Gi') } },
      { name: 'init-container-2', resources: { requests: res('1', '1Gi') } },
    ];
    const out = run('Node', node, [lease, pod({ initContainers, containers }), ...events]);
    expect(out).toContain(`Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests     Limits
  --------           --------     ------
  cpu                2 (50%)      2 (50%)
  memory             2Gi (16%)    2Gi (16%)
  ephemeral-storage  0 (0%)       0 (0%)
  hugepages-1Gi      0 (0%)       0 (0%)
  hugepages-2Mi      512Mi (25%)  512Mi (25%)`);
  });
});
