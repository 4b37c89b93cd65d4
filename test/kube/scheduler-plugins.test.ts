// Plugin-level cases of the kube-scheduler port, taken from the Go tests of
// pkg/scheduler/framework/plugins/*/*_test.go and pkg/scheduler/framework/types_test.go; failure
// strings are the v1.32.5 ones (pkg/scheduler/framework/plugins at k8s.io/kubernetes v1.32.5).
import { describe, expect, test } from 'vitest';
import { quantityMilliValue, quantityValue } from '../../engine/kube/api/quantity.ts';
import { numFeasibleNodesToFind } from '../../engine/kube/scheduler/algorithm.ts';
import { fitErrorMessage, newDiagnosis } from '../../engine/kube/scheduler/fiterror.ts';
import type { Status } from '../../engine/kube/scheduler/framework.ts';
import { NodeInfo } from '../../engine/kube/scheduler/nodeinfo.ts';
import { interPodAffinity } from '../../engine/kube/scheduler/plugins/interpodaffinity.ts';
import { nodeAffinity } from '../../engine/kube/scheduler/plugins/nodeaffinity.ts';
import {
  balancedAllocation,
  fitsRequest,
  imageLocality,
  nodePorts,
  nodeResourcesFit,
} from '../../engine/kube/scheduler/plugins/noderesources.ts';
import { taintToleration } from '../../engine/kube/scheduler/plugins/taints.ts';
import { podTopologySpread } from '../../engine/kube/scheduler/plugins/topologyspread.ts';
import { newPodInfo } from '../../engine/kube/scheduler/podinfo.ts';
import { podRequests } from '../../engine/kube/scheduler/resources.ts';
import { harness, makeNode, makePod, reasons } from '../../engine/kube/scheduler/testing.ts';

const st = (code: Status['code'], ...r: string[]): Status => ({ code, reasons: r });

describe('FitError.Error (types_test.go TestFitError_Error)', () => {
  const statuses = (...msgs: string[]) => {
    const d = newDiagnosis();
    msgs.forEach((m, i) => {
      d.nodeToStatus.set(`node${i + 1}`, st('Unschedulable', m));
    });
    return d;
  };
  test('nodes failed Prefilter plugin', () => {
    const d = statuses(...Array(3).fill('Node(s) failed PreFilter plugin FalsePreFilter'));
    d.preFilterMsg = 'Node(s) failed PreFilter plugin FalsePreFilter';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    );
    d.postFilterMsg = 'Error running PostFilter plugin FailedPostFilter';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    );
  });
  test('nodes failed one Filter plugin', () => {
    const d = statuses(...Array(3).fill('Node(s) failed Filter plugin FalseFilter-1'));
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.',
    );
    d.postFilterMsg = 'Error running PostFilter plugin FailedPostFilter';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    );
  });
  test('nodes failed two Filter plugins', () => {
    const d = statuses(
      'Node(s) failed Filter plugin FalseFilter-1',
      'Node(s) failed Filter plugin FalseFilter-1',
      'Node(s) failed Filter plugin FalseFilter-2',
    );
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.',
    );
  });
  test('failed to Permit on node', () => {
    expect(fitErrorMessage(1, statuses('Node failed Permit plugin Permit-1'))).toBe(
      '0/1 nodes are available: 1 Node failed Permit plugin Permit-1.',
    );
  });
  test('counts sort as strings (sort.Strings), so 10 comes before 2', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, st('Unschedulable', 'Insufficient cpu'));
    for (let i = 0; i < 2; i++) d.nodeToStatus.set(`b${i}`, st('Unschedulable', 'Insufficient memory'));
    expect(fitErrorMessage(12, d)).toBe(
      '0/12 nodes are available: 10 Insufficient cpu, 2 Insufficient memory.',
    );
  });
  test('absent nodes take the absent status reasons', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', st('Unschedulable', 'Insufficient cpu'));
    d.absentStatus = st('UnschedulableAndUnresolvable', "node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage(3, d)).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});

test('numFeasibleNodesToFind (schedule_one_test.go TestNumFeasibleNodesToFind)', () => {
  expect(numFeasibleNodesToFind(10)).toBe(10);
  expect(numFeasibleNodesToFind(1000)).toBe(420);
  expect(numFeasibleNodesToFind(6000)).toBe(300);
  expect(numFeasibleNodesToFind(99)).toBe(99);
  expect(numFeasibleNodesToFind(100)).toBe(100);
});

describe('quantity parsing (resource.ParseQuantity, Value/MilliValue round up)', () => {
  test.each([
    ['100m', 100],
    ['0.5', 500],
    ['1', 1000],
    ['1e3', 1_000_000],
    ['1k', 1_000_000],
    ['2500m', 2500],
  ])('cpu %s = %i millicores', (q, milli) => expect(quantityMilliValue(q)).toBe(milli));
  test.each([
    ['1Gi', 1073741824],
    ['128Mi', 134217728],
    ['1e3', 1000],
    ['1k', 1000],
    ['16283244Ki', 16674041856],
    ['1.5', 2],
    ['100m', 1],
    ['1E', 1e18],
  ])('memory %s = %i bytes', (q, v) => expect(quantityValue(q)).toBe(v));
  test('invalid quantities count as 0', () => {
    expect(quantityValue('1K')).toBe(0);
    expect(quantityValue('abc')).toBe(0);
  });
});

describe('podRequests (component-helpers resource.PodRequests)', () => {
  test('max(sum of containers, max of init containers) plus overhead', () => {
    const pod = makePod('p', {
      requests: [{ cpu: '1', memory: '1Gi' }, { cpu: '500m' }],
      initRequests: [{ cpu: '2' }, { cpu: '1', memory: '2Gi' }],
      spec: { overhead: { cpu: '250m', memory: '120Mi' } },
    });
    expect(podRequests(pod)).toEqual({
      cpuMilli: 2250,
      memoryBytes: 2 * 1024 ** 3 + 120 * 1024 ** 2,
      ephemeralBytes: 0,
      pods: 1,
      scalar: {},
    });
  });
  test('restartable init containers (sidecars) add to the pod and to later init containers', () => {
    const pod = makePod('p', { requests: [{ cpu: '1' }] });
    pod.spec.initContainers = [
      { name: 'sidecar', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } },
      { name: 'init', image: 'x', resources: { requests: { cpu: '2' } } },
    ];
    // Containers 1 + sidecar 1 = 2; the init container runs beside the sidecar: 2 + 1 = 3.
    expect(podRequests(pod).cpuMilli).toBe(3000);
  });
  test('extended resources and hugepages are scalar, unknown native names are dropped', () => {
    const pod = makePod('p', {
      requests: [{ 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi', storage: '1Gi' }],
    });
    expect(podRequests(pod).scalar).toEqual({ 'nvidia.com/gpu': 2, 'hugepages-2Mi': 4194304 });
  });
});

describe('NodeResourcesFit filter (fit_test.go)', () => {
  // makeAllocatableResources(10, 20, 32, 5, 20, 5)
  const alloc = {
    cpu: '10m',
    memory: '20',
    pods: '32',
    'example.com/aaa': '5',
    'ephemeral-storage': '20',
    'hugepages-2Mi': '5',
  };
  const nodeWith = (existing: Record<string, string>, allocatable: Record<string, string> = alloc) => {
    const info = new NodeInfo(makeNode('n', { allocatable }));
    info.addPod(newPodInfo(makePod('existing', { node: 'n', requests: [existing] })));
    return info;
  };
  const r = (cpu: number, mem: number, extra: Record<string, string> = {}) => ({
    cpu: `${cpu}m`,
    memory: `${mem}`,
    ...extra,
  });
  const missingFor = (pod: ReturnType<typeof makePod>, node: NodeInfo) =>
    fitsRequest(podRequests(pod), node).map((m) => m.reason);
  test.each([
    ['no resources requested always fits', makePod('p', { requests: [] }), r(10, 20), []],
    [
      'too many resources fails',
      makePod('p', { requests: [r(1, 1)] }),
      r(10, 20),
      ['Insufficient cpu', 'Insufficient memory'],
    ],
    [
      'too many resources fails due to init container cpu',
      makePod('p', { requests: [r(1, 1)], initRequests: [r(3, 1)] }),
      r(8, 19),
      ['Insufficient cpu'],
    ],
    [
      'too many resources fails due to highest init container cpu',
      makePod('p', { requests: [r(1, 1)], initRequests: [r(3, 1), r(2, 1)] }),
      r(8, 19),
      ['Insufficient cpu'],
    ],
    [
      'too many resources fails due to init container memory',
      makePod('p', { requests: [r(1, 1)], initRequests: [r(1, 3)] }),
      r(9, 19),
      ['Insufficient memory'],
    ],
    [
      "init container fits because it's the max, not sum, of containers and init containers",
      makePod('p', { requests: [r(1, 1)], initRequests: [r(1, 1)] }),
      r(9, 19),
      [],
    ],
    ['both resources fit', makePod('p', { requests: [r(1, 1)] }), r(5, 5), []],
    ['one resource memory fits', makePod('p', { requests: [r(2, 1)] }), r(9, 5), ['Insufficient cpu']],
    ['one resource cpu fits', makePod('p', { requests: [r(1, 2)] }), r(5, 19), ['Insufficient memory']],
    ['equal edge case', makePod('p', { requests: [r(5, 1)] }), r(5, 19), []],
    [
      'equal edge case for init container',
      makePod('p', { requests: [r(4, 1)], initRequests: [r(5, 1)] }),
      r(5, 19),
      [],
    ],
    ['extended resource fits', makePod('p', { requests: [{ 'example.com/aaa': '1' }] }), {}, []],
    [
      'extended resource capacity enforced',
      makePod('p', { requests: [r(1, 1, { 'example.com/aaa': '10' })] }),
      r(0, 0, { 'example.com/aaa': '0' }),
      ['Insufficient example.com/aaa'],
    ],
    [
      'extended resource allocatable enforced',
      makePod('p', { requests: [r(1, 1, { 'example.com/aaa': '1' })] }),
      r(0, 0, { 'example.com/aaa': '5' }),
      ['Insufficient example.com/aaa'],
    ],
    [
      'extended resource allocatable enforced for multiple containers',
      makePod('p', { requests: [r(1, 1, { 'example.com/aaa': '3' }), r(1, 1, { 'example.com/aaa': '3' })] }),
      r(0, 0, { 'example.com/aaa': '2' }),
      ['Insufficient example.com/aaa'],
    ],
    [
      'extended resource allocatable admits multiple init containers',
      makePod('p', {
        requests: [],
        initRequests: [r(1, 1, { 'example.com/aaa': '3' }), r(1, 1, { 'example.com/aaa': '3' })],
      }),
      r(0, 0, { 'example.com/aaa': '2' }),
      [],
    ],
    [
      'extended resource allocatable enforced for unknown resource',
      makePod('p', { requests: [r(1, 1, { 'example.com/bbb': '1' })] }),
      r(0, 0),
      ['Insufficient example.com/bbb'],
    ],
    [
      'kubernetes.io resource capacity enforced',
      makePod('p', { requests: [r(1, 1, { 'kubernetes.io/something': '10' })] }),
      r(0, 0),
      ['Insufficient kubernetes.io/something'],
    ],
    [
      'hugepages resource capacity enforced',
      makePod('p', { requests: [r(1, 1, { 'hugepages-2Mi': '10' })] }),
      r(0, 0, { 'hugepages-2Mi': '0' }),
      ['Insufficient hugepages-2Mi'],
    ],
    [
      'resources + pod overhead fits',
      makePod('p', { requests: [r(1, 1)], spec: { overhead: { cpu: '3m', memory: '13' } } }),
      r(5, 5),
      [],
    ],
    [
      'requests + overhead does not fit for memory',
      makePod('p', { requests: [r(1, 1)], spec: { overhead: { cpu: '1m', memory: '15' } } }),
      r(5, 5),
      ['Insufficient memory'],
    ],
  ])('%s', (_name, pod, existing, want) => {
    expect(missingFor(pod, nodeWith(existing as Record<string, string>))).toEqual(want);
  });
  test('TestNotEnoughRequests: Too many pods even without requests', () => {
    const node = nodeWith(r(10, 20), { cpu: '10m', memory: '20', pods: '1' });
    expect(missingFor(makePod('p', { requests: [] }), node)).toEqual(['Too many pods']);
    expect(
      missingFor(
        makePod('p', { requests: [r(5, 1)], initRequests: [r(5, 1)] }),
        nodeWith(r(5, 19), { cpu: '10m', memory: '20', pods: '1' }),
      ),
    ).toEqual(['Too many pods']);
  });
  test('TestStorageRequests', () => {
    expect(missingFor(makePod('p', { requests: [r(1, 1)] }), nodeWith(r(10, 10)))).toEqual([
      'Insufficient cpu',
    ]);
    expect(
      missingFor(makePod('p', { requests: [{ 'ephemeral-storage': '25' }] }), nodeWith(r(2, 2))),
    ).toEqual(['Insufficient ephemeral-storage']);
    expect(
      missingFor(makePod('p', { requests: [{ 'ephemeral-storage': '10' }] }), nodeWith(r(2, 2))),
    ).toEqual([]);
  });
  test('the Filter status is Unschedulable with every reason', () => {
    const h = harness(
      [makeNode('n', { allocatable: alloc })],
      [makePod('e', { node: 'n', requests: [r(10, 20)] })],
    );
    expect(h.filter(nodeResourcesFit, makePod('p', { requests: [r(1, 1)] })).statuses.n).toEqual(
      st('Unschedulable', 'Insufficient cpu', 'Insufficient memory'),
    );
  });
});

describe('NodeResourcesFit LeastAllocated score (least_allocated_test.go)', () => {
  const cap = (cpu: string, memory: string) => ({ allocatable: { cpu, memory } });
  const req = (cpu: string, memory: string) => ({ cpu, memory });
  test.each([
    [
      'nothing scheduled, nothing requested',
      [],
      [cap('4000', '10000'), cap('4000', '10000')],
      [],
      [100, 100],
    ],
    [
      'nothing scheduled, resources requested, differently sized nodes',
      [req('1000', '2000'), req('2000', '3000')],
      [cap('4000', '10000'), cap('6000', '10000')],
      [],
      [37, 50],
    ],
    [
      'no resources requested, pods scheduled with resources',
      [],
      [cap('10000', '20000'), cap('10000', '20000')],
      [
        ['node1', req('3000', '0')],
        ['node1', req('3000', '0')],
        ['node2', req('3000', '0')],
        ['node2', req('3000', '5000')],
      ],
      [70, 57],
    ],
    [
      'resources requested, pods scheduled with resources',
      [req('1000', '2000'), req('2000', '3000')],
      [cap('10000', '20000'), cap('10000', '20000')],
      [
        ['node1', req('3000', '0')],
        ['node2', req('3000', '5000')],
      ],
      [57, 45],
    ],
    [
      'resources requested, pods scheduled with resources, differently sized nodes',
      [req('1000', '2000'), req('2000', '3000')],
      [cap('10000', '20000'), cap('10000', '50000')],
      [
        ['node1', req('3000', '0')],
        ['node2', req('3000', '5000')],
      ],
      [57, 60],
    ],
    [
      'requested resources exceed node capacity',
      [req('3000', '0')],
      [cap('4000', '10000'), cap('4000', '10000')],
      [
        ['node1', req('3000', '0')],
        ['node2', req('3000', '5000')],
      ],
      [50, 25],
    ],
    [
      'zero node resources, pods scheduled with resources',
      [],
      [{}, {}],
      [
        ['node1', req('3000', '0')],
        ['node2', req('3000', '5000')],
      ],
      [0, 0],
    ],
  ] as const)('%s', (_name, podReqs, nodeOpts, existing, want) => {
    const nodes = nodeOpts.map((o, i) => makeNode(`node${i + 1}`, o));
    const pods = existing.map(([n, r], i) => makePod(`e${i}`, { node: n, requests: [r] }));
    const h = harness(nodes, pods);
    const scores = h.score(nodeResourcesFit, makePod('p', { requests: [...podReqs] }));
    expect(scores).toEqual({ node1: want[0], node2: want[1] });
  });
});

describe('NodeResourcesBalancedAllocation (balanced_allocation_test.go)', () => {
  const cpuAndMemory = [
    { cpu: '1000m', memory: '2000' },
    { cpu: '2000m', memory: '3000' },
  ];
  const cpuOnly = [
    { cpu: '1000m', memory: '0' },
    { cpu: '2000m', memory: '0' },
  ];
  const node = (name: string, milliCPU: number, memory: number) =>
    makeNode(name, { allocatable: { cpu: `${milliCPU}m`, memory: `${memory}`, pods: '32' } });
  const existing = [
    makePod('a', { node: 'node1', requests: cpuOnly }),
    makePod('b', { node: 'node2', requests: cpuAndMemory }),
  ];
  test('nothing scheduled, resources requested, differently sized nodes', () => {
    const h = harness([node('node1', 4000, 10000), node('node2', 6000, 10000)]);
    expect(h.score(balancedAllocation, makePod('p', { requests: cpuAndMemory }))).toEqual({
      node1: 87,
      node2: 100,
    });
  });
  test('resources requested, pods scheduled with resources', () => {
    const h = harness([node('node1', 10000, 20000), node('node2', 10000, 20000)], existing);
    expect(h.score(balancedAllocation, makePod('p', { requests: cpuAndMemory }))).toEqual({
      node1: 82,
      node2: 95,
    });
  });
  test('resources requested, pods scheduled with resources, differently sized nodes', () => {
    const h = harness([node('node1', 10000, 20000), node('node2', 10000, 50000)], existing);
    expect(h.score(balancedAllocation, makePod('p', { requests: cpuAndMemory }))).toEqual({
      node1: 82,
      node2: 80,
    });
  });
  test('requested resources at node capacity', () => {
    const h = harness([node('node1', 6000, 10000), node('node2', 6000, 10000)], existing);
    expect(h.score(balancedAllocation, makePod('p', { requests: cpuOnly }))).toEqual({
      node1: 50,
      node2: 75,
    });
  });
});

describe('TaintToleration (taint_toleration_test.go)', () => {
  const tainted = (name: string, taints: { key: string; value: string; effect: string }[]) =>
    makeNode(name, { taints });
  const tolerating = (tolerations: object[]) => makePod('pod1', { spec: { tolerations } });
  const pns = (key: string, value: string) => ({ key, value, effect: 'PreferNoSchedule' });
  test.each([
    [
      'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      [[pns('foo', 'bar')], [pns('foo', 'blah')]],
      [100, 0],
    ],
    [
      'the nodes that all of their taints are tolerated by the pod, get the same score',
      [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ],
      [[], [pns('cpu-type', 'arm64')], [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')]],
      [100, 100, 100],
    ],
    [
      'the more intolerable taints a node has, the lower score it gets.',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      [[], [pns('cpu-type', 'arm64')], [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')]],
      [100, 50, 0],
    ],
    [
      'only taints and tolerations that have effect PreferNoSchedule are checked',
      [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ],
      [
        [],
        [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }],
        [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')],
      ],
      [100, 100, 0],
    ],
    [
      'Default behaviour No taints and tolerations, lands on node with no taints',
      [],
      [[], [pns('cpu-type', 'arm64')]],
      [100, 0],
    ],
  ])('score: %s', (_name, tolerations, taints, want) => {
    const nodes = taints.map((t, i) => tainted(`node${String.fromCharCode(65 + i)}`, t));
    const scores = harness(nodes).score(taintToleration, tolerating(tolerations)) as Record<string, number>;
    expect(Object.values(scores)).toEqual(want);
  });

  const dedicated = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];
  // v1.32.5 wording: "node(s) had untolerated taint {%s: %s}" (taint key and value).
  test.each([
    ['A pod having no tolerations', [], dedicated, ['node(s) had untolerated taint {dedicated: user1}']],
    [
      'tolerates dedicated=user1:NoSchedule',
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      dedicated,
      null,
    ],
    [
      "can't be scheduled on a node dedicated to user1 with a toleration for user2",
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      dedicated,
      ['node(s) had untolerated taint {dedicated: user1}'],
    ],
    [
      'operator Exists tolerates the taint',
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      null,
    ],
    [
      'a toleration whose (non-empty) effect differs does not tolerate',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      ['node(s) had untolerated taint {foo: bar}'],
    ],
    [
      'an empty toleration effect matches all effects',
      [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      null,
    ],
    [
      'PreferNoSchedule taints never filter',
      [],
      [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      null,
    ],
  ])('filter: %s', (_name, tolerations, taints, want) => {
    const out = harness([tainted('nodeA', taints)]).filter(taintToleration, tolerating(tolerations));
    expect(reasons(out.statuses.nodeA)).toEqual(want);
    if (want) expect(out.statuses.nodeA?.code).toBe('UnschedulableAndUnresolvable');
  });
});

describe('NodeAffinity (node_affinity_test.go, component-helpers nodeaffinity)', () => {
  const node = makeNode('node1', { labels: { foo: 'bar', version: '10', zone: 'z1' } });
  const required = (...terms: object[]) => ({
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
    },
  });
  const expr = (key: string, operator: string, values?: string[]) => ({
    matchExpressions: [{ key, operator, values }],
  });
  const ERR = "node(s) didn't match Pod's node affinity/selector";
  test.each([
    ['no selector: PreFilter skips', {}, 'skip'],
    ['nodeSelector matches', { nodeSelector: { foo: 'bar' } }, null],
    ['nodeSelector does not match', { nodeSelector: { foo: 'baz' } }, ERR],
    ['In', required(expr('foo', 'In', ['bar', 'x'])), null],
    ['NotIn', required(expr('foo', 'NotIn', ['bar'])), ERR],
    ['Exists', required(expr('zone', 'Exists')), null],
    ['DoesNotExist', required(expr('zone', 'DoesNotExist')), ERR],
    ['Gt compares integers', required(expr('version', 'Gt', ['9'])), null],
    ['Lt compares integers', required(expr('version', 'Lt', ['9'])), ERR],
    ['Gt with a non-integer value never matches', required(expr('foo', 'Gt', ['1'])), ERR],
    ['terms are ORed', required(expr('foo', 'In', ['nope']), expr('zone', 'In', ['z1'])), null],
    ['empty nodeSelectorTerms match nothing', required(), ERR],
    ['an empty term matches nothing', required({}), ERR],
    [
      'both nodeSelector and affinity must match',
      { nodeSelector: { foo: 'bar' }, ...required(expr('zone', 'In', ['z2'])) },
      ERR,
    ],
    [
      'matchFields metadata.name',
      required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }),
      null,
    ],
  ])('%s', (_name, spec, want) => {
    const out = harness([node]).filter(nodeAffinity, makePod('p', { spec }));
    if (want === 'skip') expect(out.preFilter?.code).toBe('Skip');
    else expect(out.statuses.node1).toEqual(want === null ? null : st('UnschedulableAndUnresolvable', want));
  });
  test('PreFilter narrows the nodes to metadata.name matchFields; disjoint terms conflict', () => {
    const pod = makePod('p', {
      spec: required({
        matchFields: [
          { key: 'metadata.name', operator: 'In', values: ['a'] },
          { key: 'metadata.name', operator: 'In', values: ['b'] },
        ],
      }),
    });
    expect(harness([node]).filter(nodeAffinity, pod).preFilter).toEqual(
      st('UnschedulableAndUnresolvable', 'pod affinity terms conflict'),
    );
  });
  test('preferred terms score the sum of matching weights, normalized', () => {
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 2, preference: expr('foo', 'In', ['bar']) },
              { weight: 8, preference: expr('zone', 'In', ['z2']) },
            ],
          },
        },
      },
    });
    const nodes = [node, makeNode('node2', { labels: { zone: 'z2' } }), makeNode('node3', { labels: {} })];
    expect(harness(nodes).score(nodeAffinity, pod)).toEqual({ node1: 25, node2: 100, node3: 0 });
    expect(harness(nodes).score(nodeAffinity, makePod('q'))).toBe('skip');
  });
});

describe('NodePorts (node_ports_test.go, HostPortInfo.CheckConflict)', () => {
  const withPorts = (name: string, ports: [string, string, number][], node?: string) =>
    makePod(name, {
      node,
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x',
            ports: ports.map(([protocol, hostIP, hostPort]) => ({
              containerPort: hostPort,
              protocol,
              hostIP,
              hostPort,
            })),
          },
        ],
      },
    });
  const ERR = "node(s) didn't have free ports for the requested pod ports";
  test.each([
    ['other port', [['UDP', '127.0.0.1', 8080]], [['UDP', '127.0.0.1', 9090]], null],
    ['same udp port', [['UDP', '127.0.0.1', 8080]], [['UDP', '127.0.0.1', 8080]], ERR],
    ['same tcp port', [['TCP', '127.0.0.1', 8080]], [['TCP', '127.0.0.1', 8080]], ERR],
    ['different host ip', [['TCP', '127.0.0.1', 8080]], [['TCP', '127.0.0.2', 8080]], null],
    ['different protocol', [['UDP', '127.0.0.1', 8080]], [['TCP', '127.0.0.1', 8080]], null],
    [
      'second udp port conflict',
      [
        ['UDP', '127.0.0.1', 8000],
        ['UDP', '127.0.0.1', 8080],
      ],
      [['UDP', '127.0.0.1', 8080]],
      ERR,
    ],
    [
      'first tcp port conflict due to 0.0.0.0 hostIP',
      [
        ['TCP', '0.0.0.0', 8001],
        ['UDP', '127.0.0.1', 8080],
      ],
      [['TCP', '127.0.0.1', 8001]],
      ERR,
    ],
    [
      'TCP hostPort conflict due to 0.0.0.0 hostIP',
      [['TCP', '10.0.10.10', 8001]],
      [['TCP', '0.0.0.0', 8001]],
      ERR,
    ],
    ['second different protocol', [['UDP', '0.0.0.0', 8001]], [['TCP', '0.0.0.0', 8001]], null],
    ['empty hostIP and protocol mean 0.0.0.0/TCP', [['', '', 8001]], [['TCP', '10.0.0.1', 8001]], ERR],
  ] as const)('%s', (_name, want, existing, err) => {
    const h = harness(
      [makeNode('n')],
      [
        withPorts(
          'e',
          existing.map((p) => [...p]),
          'n',
        ),
      ],
    );
    const out = h.filter(
      nodePorts,
      withPorts(
        'p',
        want.map((p) => [...p]),
      ),
    );
    expect(out.statuses.n).toEqual(err === null ? null : st('Unschedulable', err));
  });
  test('nothing requested: PreFilter skips', () => {
    expect(harness([makeNode('n')]).filter(nodePorts, makePod('p')).preFilter?.code).toBe('Skip');
  });
});

describe('PodTopologySpread filter (filtering_test.go TestSingleConstraint)', () => {
  const zn = (name: string, zone: string) => makeNode(name, { labels: { zone, node: name } });
  const nodes = [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2'), zn('node-y', 'zone2')];
  const spread = (
    key: string,
    maxSkew = 1,
    selectorKey = 'foo',
    labels: Record<string, string> = { foo: '' },
  ) =>
    makePod('p', {
      labels,
      spec: {
        topologySpreadConstraints: [
          {
            maxSkew,
            topologyKey: key,
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchExpressions: [{ key: selectorKey, operator: 'Exists' }] },
          },
        ],
      },
    });
  const on = (node: string, n: number, extra: { namespace?: string } = {}) =>
    Array.from({ length: n }, (_, i) => makePod(`p-${node}-${i}`, { node, labels: { foo: '' }, ...extra }));
  const codes = (h: ReturnType<typeof harness>, pod: ReturnType<typeof makePod>) =>
    Object.fromEntries(
      Object.entries(h.filter(podTopologySpread, pod).statuses).map(([n, s]) => [n, s?.code ?? 'Success']),
    );
  test('no existing pods', () => {
    expect(codes(harness(nodes), spread('zone'))).toEqual({
      'node-a': 'Success',
      'node-b': 'Success',
      'node-x': 'Success',
      'node-y': 'Success',
    });
  });
  test('existing pods in a different namespace do not count', () => {
    const pods = [
      ...on('node-a', 1, { namespace: 'ns1' }),
      ...on('node-a', 1, { namespace: 'ns2' }).map((p) => ({
        ...p,
        metadata: { ...p.metadata, name: 'p-b1', uid: 'b1' },
      })),
      ...on('node-x', 1),
      ...on('node-y', 1),
    ];
    expect(codes(harness(nodes, pods), spread('zone'))).toEqual({
      'node-a': 'Success',
      'node-b': 'Success',
      'node-x': 'Unschedulable',
      'node-y': 'Unschedulable',
    });
  });
  test('pods spread across zones as 3/3, all nodes fit', () => {
    const pods = [...on('node-a', 2), ...on('node-b', 1), ...on('node-y', 3)];
    expect(Object.values(codes(harness(nodes, pods), spread('zone')))).toEqual([
      'Success',
      'Success',
      'Success',
      'Success',
    ]);
  });
  test("pods spread across zones as 1/2 due to absence of label 'zone' on node-b", () => {
    const ns = [
      zn('node-a', 'zone1'),
      makeNode('node-b', { labels: { zon: 'zone1', node: 'node-b' } }),
      zn('node-x', 'zone2'),
      zn('node-y', 'zone2'),
    ];
    const pods = [...on('node-a', 1), ...on('node-b', 1), ...on('node-x', 1), ...on('node-y', 1)];
    const h = harness(ns, pods);
    const out = h.filter(podTopologySpread, spread('zone')).statuses;
    expect(out['node-a']).toBeNull();
    expect(out['node-b']).toEqual(
      st(
        'UnschedulableAndUnresolvable',
        "node(s) didn't match pod topology spread constraints (missing required label)",
      ),
    );
    expect(out['node-x']).toEqual(
      st('Unschedulable', "node(s) didn't match pod topology spread constraints"),
    );
    expect(out['node-y']?.code).toBe('Unschedulable');
  });
  test('pods spread across nodes as 2/1/0/3, only node-x fits; with maxSkew 2 node-b too', () => {
    const pods = [...on('node-a', 2), ...on('node-b', 1), ...on('node-y', 3)];
    expect(codes(harness(nodes, pods), spread('node'))).toEqual({
      'node-a': 'Unschedulable',
      'node-b': 'Unschedulable',
      'node-x': 'Success',
      'node-y': 'Unschedulable',
    });
    expect(codes(harness(nodes, pods), spread('node', 2))).toEqual({
      'node-a': 'Unschedulable',
      'node-b': 'Success',
      'node-x': 'Success',
      'node-y': 'Unschedulable',
    });
  });
  test("pods spread across nodes as 2/1/0/3, but pod doesn't match itself", () => {
    const pods = [...on('node-a', 2), ...on('node-b', 1), ...on('node-y', 3)];
    expect(codes(harness(nodes, pods), spread('node', 1, 'foo', { bar: '' }))).toEqual({
      'node-a': 'Unschedulable',
      'node-b': 'Success',
      'node-x': 'Success',
      'node-y': 'Unschedulable',
    });
  });
  test('terminating Pods should be excluded', () => {
    const ns = [
      makeNode('node-a', { labels: { node: 'node-a' } }),
      makeNode('node-b', { labels: { node: 'node-b' } }),
    ];
    const terminating = makePod('p-a', { node: 'node-a', labels: { foo: '' } });
    terminating.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    expect(codes(harness(ns, [terminating, ...on('node-b', 1)]), spread('node'))).toEqual({
      'node-a': 'Success',
      'node-b': 'Unschedulable',
    });
  });
});

describe('InterPodAffinity filter (filtering_test.go TestRequiredAffinitySingleNode)', () => {
  const node1 = makeNode('node1', { labels: { region: 'r1', zone: 'z11' } });
  const existing = makePod('existing', { node: 'node1', labels: { service: 'securityscan' } });
  const term = (key: string, operator: string, topologyKey: string, values?: string[]) => ({
    labelSelector: { matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] },
    topologyKey,
  });
  const withAffinity = (labels: Record<string, string>, affinity: object[] = [], anti: object[] = []) =>
    makePod('p', {
      labels,
      spec: {
        affinity: {
          ...(affinity.length
            ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity } }
            : {}),
          ...(anti.length
            ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } }
            : {}),
        },
      },
    });
  const run = (pod: ReturnType<typeof makePod>, pods = [existing], objects = {}) =>
    harness([node1], pods, objects).filter(interPodAffinity, pod);
  const AFF = st('UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules");
  const ANTI = st('Unschedulable', "node(s) didn't match pod anti-affinity rules");
  const EXISTING = st('Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules");
  test('A pod that has no required pod affinity scheduling rules: PreFilter skips', () => {
    expect(run(makePod('p'), []).preFilter?.code).toBe('Skip');
  });
  test('satisfies requiredDuringScheduling PodAffinity using In / NotIn', () => {
    expect(
      run(withAffinity({ security: 'S1' }, [term('service', 'In', 'region', ['securityscan', 'value2'])]))
        .statuses.node1,
    ).toBeNull();
    expect(
      run(withAffinity({ security: 'S1' }, [term('service', 'NotIn', 'region', ['securityscan3', 'value3'])]))
        .statuses.node1,
    ).toBeNull();
  });
  test('Does not satisfy the PodAffinity with labelSelector because of diff Namespace', () => {
    const pod = withAffinity({ security: 'S1' }, [
      { ...term('service', 'In', 'region', ['securityscan', 'value2']), namespaces: ['DiffNameSpace'] },
    ]);
    expect(
      run(pod, [makePod('e', { namespace: 'ns', node: 'node1', labels: { service: 'securityscan' } })])
        .statuses.node1,
    ).toEqual(AFF);
  });
  test("Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod", () => {
    expect(
      run(withAffinity({ service: 'securityscan' }, [term('service', 'In', '', ['antivirusscan', 'value2'])]))
        .statuses.node1,
    ).toEqual(AFF);
  });
  test("satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod", () => {
    const pod = withAffinity(
      { security: 'S1' },
      [term('service', 'In', 'region', ['securityscan', 'value2'])],
      [term('service', 'In', 'zone', ['securityscan', 'value2'])],
    );
    expect(run(pod).statuses.node1).toEqual(ANTI);
  });
  test("doesn't satisfy PodAntiAffinity symmetry with the existing pod", () => {
    const pod = withAffinity(
      { service: 'securityscan' },
      [term('service', 'In', 'region', ['securityscan', 'value2'])],
      [term('service', 'In', 'node', ['antivirusscan', 'value2'])],
    );
    const other = withAffinity(
      { service: 'securityscan' },
      [],
      [term('service', 'In', 'zone', ['securityscan', 'value2'])],
    );
    other.metadata.name = 'other';
    other.spec.nodeName = 'node1';
    expect(run(pod, [other]).statuses.node1).toEqual(EXISTING);
  });
  test('pod matches its own Label in PodAffinity and that matches the existing pod Labels', () => {
    const pod = withAffinity({ service: 'securityscan' }, [
      term('service', 'NotIn', 'region', ['securityscan', 'value2']),
    ]);
    const elsewhere = makePod('e', { node: 'node2', labels: { service: 'securityscan' } });
    expect(run(pod, [elsewhere]).statuses.node1).toEqual(AFF);
  });
  test('PodAntiAffinity from an existing pod is respected when the pod has no constraints', () => {
    const other = withAffinity(
      { service: 'securityscan' },
      [],
      [term('service', 'In', 'zone', ['securityscan', 'value2'])],
    );
    other.spec.nodeName = 'node1';
    other.metadata.name = 'other';
    expect(run(makePod('p', { labels: { service: 'securityscan' } }), [other]).statuses.node1).toEqual(
      EXISTING,
    );
  });
  test('affinity with NamespaceSelector', () => {
    const pod = withAffinity({ security: 'S1' }, [
      {
        ...term('service', 'In', 'region', ['securityscan', 'value2']),
        namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['team1'] }] },
      },
    ]);
    const inTeam = makePod('e', {
      namespace: 'subteam1.team1',
      node: 'node1',
      labels: { service: 'securityscan' },
    });
    const namespaces = [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'subteam1.team1', labels: { team: 'team1' } },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team2', labels: { team: 'team2' } } },
    ];
    expect(run(pod, [inTeam], { namespaces: () => namespaces }).statuses.node1).toBeNull();
    const other = makePod('e2', { namespace: 'team2', node: 'node1', labels: { service: 'securityscan' } });
    expect(run(pod, [other], { namespaces: () => namespaces }).statuses.node1).toEqual(AFF);
  });
});

describe('ImageLocality (image_locality.go calculatePriority, scaledImageScore)', () => {
  const MB = 1024 * 1024;
  test('image size scaled by the share of nodes holding it, between 23MB and 1000MB per container', () => {
    const nodes = [
      makeNode('node1', {
        images: [{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 200 * MB }],
      }),
      makeNode('node2', { images: [] }),
    ];
    const pod = makePod('p', { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    // 200MB * 1/2 nodes = 100MB; 100 * (100MB - 23MB) / (1000MB - 23MB) = 7
    expect(harness(nodes).score(imageLocality, pod)).toEqual({ node1: 7, node2: 0 });
  });
  test('an untagged image name is looked up as :latest', () => {
    const nodes = [makeNode('node1', { images: [{ names: ['busybox:latest'], sizeBytes: 1000 * MB }] })];
    const pod = makePod('p', { spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    expect(harness(nodes).score(imageLocality, pod)).toEqual({ node1: 100 });
  });
});
