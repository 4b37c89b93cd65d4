// Server-side table cells for pods and workloads, ported from kubernetes
// pkg/printers/internalversion/printers_test.go (TestPrintPod, TestPrintPodWithRestartableInitContainer,
// TestPrintPodwide, TestPrintDeployment, TestPrintDaemonSet, TestPrintJob, TestPrintCronJob,
// TestPrintHPA, ...). Objects are the v1 JSON of the Go test fixtures; times are relative to NOW.
import { describe, expect, it } from 'vitest';
import { buildTable } from '../../engine/kube/printers/index.ts';
import { at, cells, DAY, MINUTE, NOW, obj, SECOND, wideCells } from './printers-helpers.ts';

const pod = (fields: Record<string, unknown>) => obj('v1', 'Pod', fields);
const two = [{}, {}];
const running = (extra: Record<string, unknown> = {}) => ({ state: { running: {} }, ...extra });
const finishedAgo = (ms: number) => ({ terminated: { finishedAt: at(-ms) } });

describe('TestPrintPod', () => {
  const cases: Array<[string, Record<string, unknown>, unknown[]]> = [
    [
      'name, containers, restarts, ready',
      {
        metadata: { name: 'test1' },
        spec: { containers: two },
        status: {
          phase: 'podPhase',
          containerStatuses: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }],
        },
      },
      ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'a container waiting reason overrides the phase',
      {
        metadata: { name: 'test2' },
        spec: { containers: two },
        status: {
          phase: 'podPhase',
          containerStatuses: [
            running({ ready: true, restartCount: 3 }),
            { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
          ],
        },
      },
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'the first container wins over a terminated one',
      {
        metadata: { name: 'test3' },
        spec: { containers: two },
        status: {
          phase: 'podPhase',
          containerStatuses: [
            { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
            { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 },
          ],
        },
      },
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'ready alone does not count as running',
      {
        metadata: { name: 'test4' },
        spec: { containers: two },
        status: {
          phase: 'podPhase',
          containerStatuses: [running({ ready: true, restartCount: 3 }), { ready: true, restartCount: 3 }],
        },
      },
      ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'the pod reason overrides the phase',
      {
        metadata: { name: 'test5' },
        spec: { containers: two },
        status: {
          reason: 'podReason',
          phase: 'podPhase',
          containerStatuses: [running({ ready: true, restartCount: 3 }), { ready: true, restartCount: 3 }],
        },
      },
      ['test5', '1/2', 'podReason', '6', '<unknown>'],
    ],
    [
      'one running, one completed, no Ready condition',
      {
        metadata: { name: 'test6' },
        spec: { containers: two },
        status: {
          phase: 'Running',
          containerStatuses: [
            { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
            running({ ready: true, restartCount: 3 }),
          ],
        },
      },
      ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    ],
    [
      'one running, one completed, Ready condition',
      {
        metadata: { name: 'test6' },
        spec: { containers: two },
        status: {
          phase: 'Running',
          containerStatuses: [
            { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
            running({ ready: true, restartCount: 3 }),
          ],
          conditions: [{ type: 'Ready', status: 'True', lastProbeTime: at(0) }],
        },
      },
      ['test6', '1/2', 'Running', '6', '<unknown>'],
    ],
    [
      'an init container restarting',
      {
        metadata: { name: 'test7' },
        spec: { initContainers: [{}], containers: [{}] },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            running({ ready: false, restartCount: 3, lastState: finishedAgo(10 * SECOND) }),
          ],
          containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
        },
      },
      ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    ],
    [
      'two init containers, the first restarting',
      {
        metadata: { name: 'test8' },
        spec: { initContainers: two, containers: [{}] },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            running({ ready: false, restartCount: 3, lastState: finishedAgo(10 * SECOND) }),
            { ready: false, state: { waiting: {} } },
          ],
          containerStatuses: [{ ready: false, state: { waiting: {} } }],
        },
      },
      ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'two init containers, the first completed',
      {
        metadata: { name: 'test9' },
        spec: { initContainers: two, containers: [{}] },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            { ready: false, state: { terminated: {} } },
            running({ ready: false, restartCount: 3, lastState: finishedAgo(10 * SECOND) }),
          ],
          containerStatuses: [{ ready: false, state: { waiting: {} } }],
        },
      },
      ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'two init containers, the first completed after restarts',
      {
        metadata: { name: 'test10' },
        spec: { initContainers: two, containers: [{}] },
        status: {
          phase: 'podPhase',
          initContainerStatuses: [
            { ready: false, restartCount: 2, state: { terminated: {} }, lastState: finishedAgo(2 * MINUTE) },
            running({ ready: false, restartCount: 3, lastState: finishedAgo(10 * SECOND) }),
          ],
          containerStatuses: [{ ready: false, state: { waiting: {} } }],
        },
      },
      ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
    ],
    [
      'init done; only the main container restarts count',
      {
        metadata: { name: 'test11' },
        spec: { initContainers: [{}], containers: [{}] },
        status: {
          phase: 'Running',
          initContainerStatuses: [
            { ready: false, restartCount: 2, state: { terminated: {} }, lastState: finishedAgo(2 * MINUTE) },
          ],
          containerStatuses: [
            running({ ready: false, restartCount: 4, lastState: finishedAgo(20 * SECOND) }),
          ],
        },
      },
      ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    ],
    [
      'restarted 5d ago',
      {
        metadata: { name: 'test12' },
        spec: { containers: [{}] },
        status: {
          phase: 'Running',
          containerStatuses: [running({ ready: true, restartCount: 3, lastState: finishedAgo(5 * DAY) })],
        },
      },
      ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
    ],
    [
      'the latest restart of several containers',
      {
        metadata: { name: 'test14' },
        spec: { containers: two },
        status: {
          phase: 'Running',
          containerStatuses: [
            running({ ready: true, restartCount: 6, lastState: finishedAgo(5 * DAY) }),
            running({ ready: true, restartCount: 3, lastState: finishedAgo(20 * DAY) }),
          ],
        },
      },
      ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    ],
    [
      'SchedulingGated',
      {
        metadata: { name: 'test15' },
        spec: { containers: two },
        status: {
          phase: 'podPhase',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
        },
      },
      ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    ],
    [
      'succeeded',
      {
        metadata: { name: 'test16' },
        spec: { containers: [{}] },
        status: {
          phase: 'Succeeded',
          containerStatuses: [
            { ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          ],
        },
      },
      ['test16', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      'failed',
      {
        metadata: { name: 'test17' },
        spec: { containers: [{}] },
        status: {
          phase: 'Failed',
          containerStatuses: [
            { ready: false, restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } },
          ],
        },
      },
      ['test17', '0/1', 'Error', '0', '<unknown>'],
    ],
    [
      'succeeded and deleted stays Completed',
      {
        metadata: { name: 'test18', deletionTimestamp: at(-10 * SECOND) },
        spec: { containers: [{}] },
        status: {
          phase: 'Succeeded',
          containerStatuses: [
            { ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          ],
        },
      },
      ['test18', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      'running and deleted is Terminating',
      {
        metadata: { name: 'test19', deletionTimestamp: at(-10 * SECOND) },
        spec: { containers: [{}] },
        status: { phase: 'Running', containerStatuses: [running({ ready: false, restartCount: 0 })] },
      },
      ['test19', '0/1', 'Terminating', '0', '<unknown>'],
    ],
    [
      'pending and deleted is Terminating',
      {
        metadata: { name: 'test20', deletionTimestamp: at(-10 * SECOND) },
        spec: { containers: [{}] },
        status: { phase: 'Pending' },
      },
      ['test20', '0/1', 'Terminating', '0', '<unknown>'],
    ],
  ];
  for (const [name, fields, expected] of cases) {
    it(name, () => expect(cells('Pod', pod(fields))).toEqual(expected));
  }

  it('a deleted pod on an unreachable node is Unknown (printPod: NodeUnreachablePodReason)', () => {
    const p = pod({
      metadata: { name: 'lost', deletionTimestamp: at(-SECOND) },
      spec: { containers: [{}] },
      status: { phase: 'Running', reason: 'NodeLost' },
    });
    expect(cells('Pod', p)[2]).toBe('Unknown');
  });
});

describe('TestPrintPodWithRestartableInitContainer', () => {
  const sidecars = [
    { name: 'restartable-init-1', restartPolicy: 'Always' },
    { name: 'restartable-init-2', restartPolicy: 'Always' },
  ];
  it('first sidecar running but not started', () => {
    const p = pod({
      metadata: { name: 'test1' },
      spec: { initContainers: sidecars, containers: [{}] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          running({
            name: 'restartable-init-1',
            ready: false,
            restartCount: 3,
            started: false,
            lastState: finishedAgo(10 * SECOND),
          }),
          { name: 'restartable-init-2', ready: false, state: { waiting: {} }, started: false },
        ],
        containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
        conditions: [{ type: 'Initialized', status: 'False' }],
      },
    });
    expect(cells('Pod', p)).toEqual(['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>']);
  });

  it('first sidecar started, second running but not started', () => {
    const p = pod({
      metadata: { name: 'test1' },
      spec: { initContainers: sidecars, containers: [{}] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          running({
            name: 'restartable-init-1',
            ready: false,
            restartCount: 3,
            started: true,
            lastState: finishedAgo(10 * SECOND),
          }),
          running({ name: 'restartable-init-2', ready: false, started: false }),
        ],
        containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
        conditions: [{ type: 'Initialized', status: 'False' }],
      },
    });
    expect(cells('Pod', p)).toEqual(['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>']);
  });

  it('both sidecars started and the container running', () => {
    const p = pod({
      metadata: { name: 'test2' },
      spec: { initContainers: sidecars, containers: [{}] },
      status: {
        phase: 'Running',
        initContainerStatuses: [
          running({
            name: 'restartable-init-1',
            ready: false,
            restartCount: 3,
            started: true,
            lastState: finishedAgo(10 * SECOND),
          }),
          running({ name: 'restartable-init-2', ready: false, started: true }),
        ],
        containerStatuses: [running({ ready: true, restartCount: 4, lastState: finishedAgo(20 * SECOND) })],
        conditions: [{ type: 'Initialized', status: 'True' }],
      },
    });
    expect(cells('Pod', p)).toEqual(['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>']);
  });

  it('sidecars failed and the container completed', () => {
    const p = pod({
      metadata: { name: 'test3' },
      spec: { initContainers: sidecars, containers: [{}] },
      status: {
        phase: 'Succeeded',
        initContainerStatuses: [
          {
            name: 'restartable-init-1',
            ready: false,
            restartCount: 3,
            state: { terminated: { reason: 'Error', exitCode: 137 } },
            started: false,
            lastState: finishedAgo(10 * SECOND),
          },
          {
            name: 'restartable-init-2',
            ready: false,
            state: { terminated: { reason: 'Error', exitCode: 137 } },
            started: false,
          },
        ],
        containerStatuses: [
          {
            ready: false,
            restartCount: 4,
            state: { terminated: { reason: 'Completed', exitCode: 0 } },
            lastState: finishedAgo(20 * SECOND),
          },
        ],
        conditions: [{ type: 'Initialized', status: 'True' }],
      },
    });
    expect(cells('Pod', p)).toEqual(['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>']);
  });

  it('statuses of containers missing from the spec', () => {
    const p = pod({
      metadata: { name: 'test4' },
      spec: {
        initContainers: [
          { name: 'init1', image: 'initimage' },
          { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' },
        ],
        containers: [{ name: 'container1', image: 'containerimage' }],
      },
      status: {
        phase: 'Running',
        initContainerStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }],
        containerStatuses: [{ name: 'containerinvalid' }, { name: 'container1' }],
      },
    });
    expect(cells('Pod', p)).toEqual(['test4', '0/2', 'Init:0/2', '0', '<unknown>']);
  });
});

describe('TestPrintPodwide', () => {
  const gates = [
    { conditionType: 'condition1' },
    { conditionType: 'condition2' },
    { conditionType: 'condition3' },
  ];
  const base = {
    metadata: { name: 'test1' },
    spec: { containers: two, nodeName: 'test1', readinessGates: gates },
  };
  const status = {
    conditions: [
      { type: 'condition1', status: 'False' },
      { type: 'condition2', status: 'True' },
    ],
    phase: 'podPhase',
    containerStatuses: [running({ ready: true, restartCount: 3 }), { restartCount: 3 }],
    nominatedNodeName: 'node1',
  };
  it('node, IP, nominated node and readiness gates', () => {
    const p = pod({ ...base, status: { ...status, podIPs: [{ ip: '1.1.1.1' }] } });
    expect(wideCells('Pod', p)).toEqual([
      'test1',
      '1/2',
      'podPhase',
      '6',
      '<unknown>',
      '1.1.1.1',
      'test1',
      'node1',
      '1/3',
    ]);
  });
  it('dual-stack pods show the first IP', () => {
    const p = pod({ ...base, status: { ...status, podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }] } });
    expect(wideCells('Pod', p)[5]).toBe('1.1.1.1');
  });
  it('<none> for unset node, IP, nominated node and gates', () => {
    const p = pod({
      metadata: { name: 'test2' },
      spec: { containers: two, nodeName: '' },
      status: {
        phase: 'podPhase',
        containerStatuses: [
          running({ ready: true, restartCount: 3 }),
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
        ],
      },
    });
    expect(wideCells('Pod', p)).toEqual([
      'test2',
      '1/2',
      'ContainerWaitingReason',
      '6',
      '<unknown>',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });
});

describe('pod columns (AddHandlers podColumnDefinitions)', () => {
  it('NAME READY STATUS RESTARTS AGE, then the wide IP NODE NOMINATED NODE READINESS GATES', () => {
    const table = buildTable('Pod', [], { now: NOW });
    expect(table.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
    expect(table.columns[0].format).toBe('name');
  });
});

describe('TestPrintPodTemplate', () => {
  it('containers, images and pod labels', () => {
    const t = obj('v1', 'PodTemplate', {
      metadata: { name: 'pod-template-2' },
      template: {
        metadata: { name: 'pod-template-2' },
        spec: {
          containers: [
            { name: 'fake-container1', image: 'fake-image1' },
            { name: 'fake-container2', image: 'fake-image2' },
          ],
        },
      },
    });
    expect(cells('PodTemplate', t)).toEqual([
      'pod-template-2',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      '<none>',
    ]);
    const labelled = obj('v1', 'PodTemplate', {
      metadata: { name: 'pod-template-3' },
      template: { metadata: { name: 'pod-template-3', labels: { foo: 'bar' } }, spec: { containers: [] } },
    });
    expect(cells('PodTemplate', labelled)).toEqual(['pod-template-3', '', '', 'foo=bar']);
  });
});

const twoContainers = {
  containers: [
    { name: 'fake-container1', image: 'fake-image1' },
    { name: 'fake-container2', image: 'fake-image2' },
  ],
};

describe('TestPrintDeployment', () => {
  const deployment = obj('apps/v1', 'Deployment', {
    metadata: { name: 'test1', creationTimestamp: at(1.9 * SECOND) },
    spec: { replicas: 5, template: { spec: twoContainers }, selector: { matchLabels: { foo: 'bar' } } },
    status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 },
  });
  it('no generate options', () =>
    expect(cells('Deployment', deployment)).toEqual(['test1', '0/5', 2, 1, '0s']));
  it('wide', () =>
    expect(wideCells('Deployment', deployment)).toEqual([
      'test1',
      '0/5',
      2,
      1,
      '0s',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      'foo=bar',
    ]));
});

describe('TestPrintDaemonSet', () => {
  const ds = obj('apps/v1', 'DaemonSet', {
    metadata: { name: 'test1', creationTimestamp: at(1.9 * SECOND) },
    spec: { template: { spec: twoContainers }, selector: { matchLabels: { foo: 'bar' } } },
    status: {
      currentNumberScheduled: 2,
      desiredNumberScheduled: 3,
      numberReady: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 0,
    },
  });
  it('no generate options', () =>
    expect(cells('DaemonSet', ds)).toEqual(['test1', 3, 2, 1, 2, 0, '<none>', '0s']));
  it('wide', () =>
    expect(wideCells('DaemonSet', ds)).toEqual([
      'test1',
      3,
      2,
      1,
      2,
      0,
      '<none>',
      '0s',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      'foo=bar',
    ]));
});

describe('TestPrintReplicationController / TestPrintReplicaSet / TestPrintStatefulSet', () => {
  it('a replication controller, wide', () => {
    const rc = obj('v1', 'ReplicationController', {
      metadata: { name: 'rc1' },
      spec: {
        replicas: 5,
        selector: { a: 'b' },
        template: {
          metadata: { labels: { a: 'b' } },
          spec: { containers: [{ name: 'test', image: 'test_image' }] },
        },
      },
      status: { replicas: 3, readyReplicas: 1 },
    });
    expect(wideCells('ReplicationController', rc)).toEqual([
      'rc1',
      5,
      3,
      1,
      '<unknown>',
      'test',
      'test_image',
      'a=b',
    ]);
  });
  it('a replication controller without a template (no panic case)', () => {
    const rc = obj('v1', 'ReplicationController', { metadata: {}, spec: { replicas: 0 } });
    expect(wideCells('ReplicationController', rc)).toEqual(['', 0, 0, 0, '<unknown>', '', '', '<none>']);
  });
  it('a replica set', () => {
    const rs = obj('apps/v1', 'ReplicaSet', {
      metadata: { name: 'test1', creationTimestamp: at(1.9 * SECOND) },
      spec: { replicas: 5, template: { spec: twoContainers }, selector: { matchLabels: { foo: 'bar' } } },
      status: { replicas: 5, readyReplicas: 2 },
    });
    expect(cells('ReplicaSet', rs)).toEqual(['test1', 5, 5, 2, '0s']);
    expect(wideCells('ReplicaSet', rs).slice(5)).toEqual([
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      'foo=bar',
    ]);
  });
  it('a stateful set', () => {
    const sts = obj('apps/v1', 'StatefulSet', {
      metadata: { name: 'test1', creationTimestamp: at(1.9 * SECOND) },
      spec: { replicas: 5, template: { spec: twoContainers } },
      status: { replicas: 5, readyReplicas: 2 },
    });
    expect(cells('StatefulSet', sts)).toEqual(['test1', '2/5', '0s']);
    expect(wideCells('StatefulSet', sts)).toEqual([
      'test1',
      '2/5',
      '0s',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
    ]);
  });
});

describe('TestPrintControllerRevision', () => {
  const revision = (name: string, owners: unknown[] | undefined, rev: number) =>
    obj('apps/v1', 'ControllerRevision', {
      metadata: { name, creationTimestamp: at(1.9 * SECOND), ownerReferences: owners },
      revision: rev,
    });
  it('the controller as kind.group/name', () => {
    const owner = { controller: true, apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo' };
    expect(cells('ControllerRevision', revision('test1', [owner], 1))).toEqual([
      'test1',
      'daemonset.apps/foo',
      1,
      '0s',
    ]);
  });
  it('<none> without a controller reference', () => {
    expect(
      cells('ControllerRevision', revision('test2', [{ controller: false, kind: 'ABC', name: 'foo' }], 2)),
    ).toEqual(['test2', '<none>', 2, '0s']);
    expect(cells('ControllerRevision', revision('test4', undefined, 4))).toEqual([
      'test4',
      '<none>',
      4,
      '0s',
    ]);
  });
});

describe('TestPrintJob', () => {
  const job = (
    name: string,
    spec: Record<string, unknown>,
    status: Record<string, unknown>,
    meta: Record<string, unknown> = {},
  ) =>
    obj('batch/v1', 'Job', {
      metadata: { name, creationTimestamp: at(1.9 * SECOND), ...meta },
      spec,
      status,
    });
  const template = {
    spec: {
      containers: [
        { name: 'fake-job-container1', image: 'fake-job-image1' },
        { name: 'fake-job-container2', image: 'fake-job-image2' },
      ],
    },
  };
  it('completions of a job with completions', () => {
    const j = job(
      'job1',
      { completions: 2, template, selector: { matchLabels: { 'job-label': 'job-label-value' } } },
      { succeeded: 1 },
    );
    expect(cells('Job', j)).toEqual(['job1', 'Running', '1/2', '', '0s']);
    expect(wideCells('Job', j).slice(5)).toEqual([
      'fake-job-container1,fake-job-container2',
      'fake-job-image1,fake-job-image2',
      'job-label=job-label-value',
    ]);
  });
  it('ten years old', () => {
    const j = job('job2', {}, { succeeded: 0 }, { creationTimestamp: at(-10 * 365 * DAY) });
    expect(cells('Job', j)).toEqual(['job2', 'Running', '0/1', '', '10y']);
  });
  it('durations from start to completion, or to now', () => {
    const done = job(
      'job3',
      {},
      { succeeded: 0, startTime: at(MINUTE), completionTime: at(31 * MINUTE) },
      { creationTimestamp: at(-10 * 365 * DAY) },
    );
    expect(cells('Job', done)).toEqual(['job3', 'Running', '0/1', '30m', '10y']);
    const running = job(
      'job4',
      {},
      { succeeded: 0, startTime: at(-20 * MINUTE) },
      { creationTimestamp: at(-10 * 365 * DAY) },
    );
    expect(cells('Job', running)).toEqual(['job4', 'Running', '0/1', '20m', '10y']);
  });
  it('status from conditions and deletion', () => {
    const withCondition = (name: string, type: string) =>
      job(name, {}, { succeeded: 0, conditions: [{ type, status: 'True' }] });
    expect(cells('Job', withCondition('job5', 'Complete'))[1]).toBe('Complete');
    expect(cells('Job', withCondition('job6', 'Failed'))[1]).toBe('Failed');
    expect(cells('Job', withCondition('job7', 'Suspended'))[1]).toBe('Suspended');
    expect(cells('Job', withCondition('job8', 'FailureTarget'))[1]).toBe('FailureTarget');
    const deleted = job('job9', {}, {}, { deletionTimestamp: at(1.9 * SECOND) });
    expect(cells('Job', deleted)).toEqual(['job9', 'Terminating', '0/1', '', '0s']);
  });
  it('parallel jobs without completions: "0/1 of 3" (printJob)', () => {
    expect(cells('Job', job('p', { parallelism: 3 }, {}))[2]).toBe('0/1 of 3');
  });
});

describe('TestPrintCronJob', () => {
  const cronJob = (timeZone: string | undefined, creation: string, lastSchedule: string | undefined) =>
    obj('batch/v1', 'CronJob', {
      metadata: { name: 'cronjob1', creationTimestamp: creation },
      spec: {
        schedule: '0/5 * * * ?',
        timeZone,
        suspend: false,
        jobTemplate: {
          spec: {
            completions: 2,
            template: {
              spec: {
                containers: [
                  { name: 'fake-job-container1', image: 'fake-job-image1' },
                  { name: 'fake-job-container2', image: 'fake-job-image2' },
                ],
              },
            },
            selector: { matchLabels: { a: 'b' } },
          },
        },
      },
      status: lastSchedule ? { lastScheduleTime: lastSchedule } : {},
    });
  it('basic', () => {
    expect(cells('CronJob', cronJob(undefined, at(1.9 * SECOND), at(1.9 * SECOND)))).toEqual([
      'cronjob1',
      '0/5 * * * ?',
      '<none>',
      'False',
      0,
      '0s',
      '0s',
    ]);
  });
  it('with a time zone', () => {
    expect(cells('CronJob', cronJob('LOCAL', at(1.9 * SECOND), at(1.9 * SECOND)))[2]).toBe('LOCAL');
  });
  it('wide', () => {
    expect(wideCells('CronJob', cronJob(undefined, at(1.9 * SECOND), at(1.9 * SECOND))).slice(7)).toEqual([
      'fake-job-container1,fake-job-container2',
      'fake-job-image1,fake-job-image2',
      'a=b',
    ]);
  });
  it('last schedule and age, or <none>', () => {
    expect(cells('CronJob', cronJob(undefined, at(-5 * MINUTE), at(-30 * SECOND))).slice(5)).toEqual([
      '30s',
      '5m',
    ]);
    expect(cells('CronJob', cronJob(undefined, at(-5 * MINUTE), undefined)).slice(5)).toEqual([
      '<none>',
      '5m',
    ]);
  });
});

describe('TestPrintHPA', () => {
  const hpa = (
    metrics: unknown[] | undefined,
    currentMetrics: unknown[] | undefined,
    minReplicas: number | null = 2,
  ) =>
    obj('autoscaling/v2', 'HorizontalPodAutoscaler', {
      metadata: { name: 'some-hpa' },
      spec: {
        scaleTargetRef: { name: 'some-rc', kind: 'ReplicationController' },
        minReplicas: minReplicas ?? undefined,
        maxReplicas: 10,
        metrics,
      },
      status: { currentReplicas: 4, desiredReplicas: 5, currentMetrics },
    });
  const targets = (metrics: unknown[] | undefined, current: unknown[] | undefined) =>
    cells('HorizontalPodAutoscaler', hpa(metrics, current))[2];

  it('minReplicas unset', () => {
    expect(cells('HorizontalPodAutoscaler', hpa(undefined, undefined, null))).toEqual([
      'some-hpa',
      'ReplicationController/some-rc',
      '<none>',
      '<unset>',
      10,
      4,
      '<unknown>',
    ]);
  });
  it('external metrics, average value and value', () => {
    const avg = [
      {
        type: 'External',
        external: { metric: { name: 'm' }, target: { type: 'AverageValue', averageValue: '100m' } },
      },
    ];
    expect(targets(avg, undefined)).toBe('<unknown>/100m (avg)');
    expect(
      targets(avg, [
        { type: 'External', external: { metric: { name: 'm' }, current: { averageValue: '50m' } } },
      ]),
    ).toBe('50m/100m (avg)');
    const value = [
      { type: 'External', external: { metric: { name: 'm' }, target: { type: 'Value', value: '100m' } } },
    ];
    expect(targets(value, undefined)).toBe('<unknown>/100m');
    expect(
      targets(value, [{ type: 'External', external: { metric: { name: 'm' }, current: { value: '50m' } } }]),
    ).toBe('50m/100m');
  });
  it('pods and object metrics', () => {
    const pods = [
      {
        type: 'Pods',
        pods: { metric: { name: 'p' }, target: { type: 'AverageValue', averageValue: '100m' } },
      },
    ];
    expect(targets(pods, undefined)).toBe('<unknown>/100m');
    expect(
      targets(pods, [{ type: 'Pods', pods: { metric: { name: 'p' }, current: { averageValue: '50m' } } }]),
    ).toBe('50m/100m');
    const object = [
      {
        type: 'Object',
        object: {
          describedObject: { name: 's', kind: 'Service' },
          metric: { name: 'o' },
          target: { type: 'Value', value: '100m' },
        },
      },
    ];
    expect(targets(object, undefined)).toBe('<unknown>/100m');
    expect(
      targets(object, [{ type: 'Object', object: { metric: { name: 'o' }, current: { value: '50m' } } }]),
    ).toBe('50m/100m');
  });
  it('resource and container resource metrics', () => {
    const value = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } },
    ];
    expect(targets(value, undefined)).toBe('cpu: <unknown>/100m');
    expect(
      targets(value, [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '50m' } } }]),
    ).toBe('cpu: 50m/100m');
    const util = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ];
    expect(targets(util, undefined)).toBe('cpu: <unknown>/80%');
    expect(
      targets(util, [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '40m' } },
        },
      ]),
    ).toBe('cpu: 50%/80%');
    const container = [
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'application',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ];
    expect(targets(container, undefined)).toBe('cpu: <unknown>/80%');
  });
  it('more than two metrics', () => {
    const specs = [
      {
        type: 'Pods',
        pods: {
          metric: { name: 'some-pods-metric' },
          target: { type: 'AverageValue', averageValue: '100m' },
        },
      },
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
      {
        type: 'Pods',
        pods: {
          metric: { name: 'other-pods-metric' },
          target: { type: 'AverageValue', averageValue: '400m' },
        },
      },
    ];
    const current = [
      { type: 'Pods', pods: { metric: { name: 'some-pods-metric' }, current: { averageValue: '50m' } } },
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '40m' } },
      },
    ];
    expect(targets(specs, current)).toBe('50m/100m, cpu: 50%/80% + 1 more...');
  });
});

describe('TestPrintPodDisruptionBudget', () => {
  const pdb = (spec: Record<string, unknown>, allowed: number) =>
    obj('policy/v1', 'PodDisruptionBudget', {
      metadata: { namespace: 'ns1', name: 'pdb1', creationTimestamp: at(1.9 * SECOND) },
      spec,
      status: { disruptionsAllowed: allowed },
    });
  it('min available or max unavailable, N/A for the other', () => {
    expect(cells('PodDisruptionBudget', pdb({ minAvailable: 22 }, 5))).toEqual([
      'pdb1',
      '22',
      'N/A',
      5,
      '0s',
    ]);
    expect(cells('PodDisruptionBudget', pdb({ maxUnavailable: 11 }, 5))).toEqual([
      'pdb1',
      'N/A',
      '11',
      5,
      '0s',
    ]);
    expect(cells('PodDisruptionBudget', pdb({ minAvailable: '50%' }, 0))[1]).toBe('50%');
  });
});
