// End-to-end scheduling decisions and FailedScheduling messages on a kind-like cluster (one tainted
// control-plane node, workers with allocatable cpu 8, memory 16283244Ki, pods 110). Expected messages
// follow FitError.Error() and DefaultPreemption of Kubernetes v1.32.5 (pkg/scheduler/framework/types.go,
// framework/preemption/preemption.go, plugins/defaultpreemption) and the plugins' ErrReason strings.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { SchedulerCache, schedule } from '../../engine/kube/scheduler/index.ts';
import { makeNode, makePod } from '../../engine/kube/scheduler/testing.ts';

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const ALLOCATABLE = {
  cpu: '8',
  'ephemeral-storage': '102626232Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16283244Ki',
  pods: '110',
};

function kindNode(
  name: string,
  controlPlane = false,
  extra: Partial<Parameters<typeof makeNode>[1]> = {},
): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(controlPlane
      ? {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        }
      : {}),
  };
  return makeNode(name, {
    labels: { ...labels, ...extra.labels },
    taints: [...(controlPlane ? [CP_TAINT] : []), ...(extra.taints ?? [])],
    allocatable: ALLOCATABLE,
    unschedulable: extra.unschedulable,
  });
}

const NODE_CRITICAL = 2000001000;
const CLUSTER_CRITICAL = 2000000000;

/** The kube-system pods of a fresh kind cluster (requests from the kubeadm/kind manifests). */
function systemPods(workers: string[]): KubeObject[] {
  const cp = 'kind-control-plane';
  const sys = (name: string, node: string, requests: Record<string, string>, priority: number) =>
    makePod(name, { namespace: 'kube-system', node, requests: [requests], priority });
  return [
    sys('etcd-kind-control-plane', cp, { cpu: '100m', memory: '100Mi' }, NODE_CRITICAL),
    sys('kube-apiserver-kind-control-plane', cp, { cpu: '250m' }, NODE_CRITICAL),
    sys('kube-controller-manager-kind-control-plane', cp, { cpu: '200m' }, NODE_CRITICAL),
    sys('kube-scheduler-kind-control-plane', cp, { cpu: '100m' }, NODE_CRITICAL),
    sys('coredns-668d6bf9bc-4xk2p', cp, { cpu: '100m', memory: '70Mi' }, CLUSTER_CRITICAL),
    sys('coredns-668d6bf9bc-9sd7w', cp, { cpu: '100m', memory: '70Mi' }, CLUSTER_CRITICAL),
    ...[cp, ...workers].flatMap((n) => [
      sys(`kindnet-${n}`, n, { cpu: '100m', memory: '50Mi' }, NODE_CRITICAL),
      sys(`kube-proxy-${n}`, n, {}, NODE_CRITICAL),
    ]),
  ];
}

function kindCluster(workers = ['kind-worker', 'kind-worker2']) {
  return {
    nodes: [kindNode('kind-control-plane', true), ...workers.map((w) => kindNode(w))],
    pods: systemPods(workers),
  };
}

const TAINTED = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function message(r: ReturnType<typeof schedule>): string {
  if (!('unschedulable' in r)) throw new Error(`scheduled on ${r.node}`);
  return r.message;
}

describe('FailedScheduling messages on a kind cluster', () => {
  test('a pod whose requests fit no node', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('big', { requests: [{ cpu: '16' }] });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  test('every insufficient resource is counted', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('big', { requests: [{ cpu: '16', memory: '64Gi', 'nvidia.com/gpu': '1' }] });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu, 2 Insufficient memory, 2 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  test('a nodeSelector that matches nothing', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('ssd', { spec: { nodeSelector: { disktype: 'ssd' } } });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  test('cordoned workers (spec.unschedulable) are checked before taints', () => {
    const nodes = [
      kindNode('kind-control-plane', true),
      kindNode('kind-worker', false, {
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      }),
      kindNode('kind-worker2', false, { unschedulable: true }),
    ];
    const pods = systemPods(['kind-worker', 'kind-worker2']);
    expect(message(schedule({ pod: makePod('web'), nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
    // One worker cordoned: the pod goes to the other.
    nodes[2] = kindNode('kind-worker2');
    expect(schedule({ pod: makePod('web'), nodes, pods })).toEqual({ node: 'kind-worker2' });
    // Tolerating the unschedulable taint also tolerates spec.unschedulable.
    const tolerant = makePod('ds', {
      spec: {
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      },
    });
    nodes[2] = kindNode('kind-worker2', false, { unschedulable: true });
    expect('node' in schedule({ pod: tolerant, nodes, pods })).toBe(true);
  });

  test('NotReady workers carry node.kubernetes.io/not-ready:NoSchedule', () => {
    const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
    const nodes = [
      kindNode('kind-control-plane', true),
      kindNode('kind-worker', false, { taints: [notReady] }),
      kindNode('kind-worker2', false, { taints: [notReady] }),
    ];
    expect(message(schedule({ pod: makePod('web'), nodes, pods: [] }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  test('no nodes at all (ErrNoNodesAvailable)', () => {
    expect(message(schedule({ pod: makePod('web'), nodes: [], pods: [] }))).toBe(
      'no nodes available to schedule pods',
    );
  });

  test('host port already taken on every worker', () => {
    const { nodes, pods } = kindCluster();
    const web = (name: string, node?: string) =>
      makePod(name, {
        node,
        spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
      });
    const bound = [web('a', 'kind-worker'), web('b', 'kind-worker2')];
    expect(message(schedule({ pod: web('c'), nodes, pods: [...pods, ...bound] }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  test('Too many pods when allocatable pods are used up', () => {
    const nodes = [makeNode('n1', { allocatable: { ...ALLOCATABLE, pods: '2' } })];
    const pods = [makePod('a', { node: 'n1' }), makePod('b', { node: 'n1' })];
    expect(message(schedule({ pod: makePod('c'), nodes, pods }))).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  test('matchFields metadata.name narrows the nodes; the others are reported as not satisfying NodeAffinity', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('pinned', {
      requests: [{ cpu: '16' }],
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['kind-worker'] }] },
              ],
            },
          },
        },
      },
    });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  test('a PreFilter rejection (conflicting node name terms) is reported once', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('conflict', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchFields: [
                    { key: 'metadata.name', operator: 'In', values: ['kind-worker'] },
                    { key: 'metadata.name', operator: 'In', values: ['kind-worker2'] },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  test('required pod affinity to pods that do not exist', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('follower', {
      labels: { app: 'follower' },
      spec: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'leader' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
    });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
    const leader = makePod('leader', { node: 'kind-worker2', labels: { app: 'leader' } });
    expect(schedule({ pod, nodes, pods: [...pods, leader] })).toEqual({ node: 'kind-worker2' });
  });

  test('the event note is truncated to 1024 bytes, the condition message is not', () => {
    const nodes = Array.from({ length: 40 }, (_, i) =>
      makeNode(`node-${i}`, {
        allocatable: ALLOCATABLE,
        taints: [{ key: `dedicated-${i}`, value: 'team', effect: 'NoSchedule' }],
      }),
    );
    const r = schedule({ pod: makePod('web'), nodes, pods: [] });
    if (!('unschedulable' in r)) throw new Error('scheduled');
    expect(r.conditionMessage.length).toBeGreaterThan(1024);
    expect(r.message.length).toBe(1024);
    expect(r.message.endsWith(' ...')).toBe(true);
    expect(r.conditionMessage.startsWith(r.message.slice(0, -4))).toBe(true);
  });
});

describe('placement on a kind cluster', () => {
  function deploy(cache: SchedulerCache, template: (i: number) => KubeObject, n: number): (string | null)[] {
    const placed: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      const pod = template(i);
      const r = cache.schedule(pod);
      if ('node' in r) {
        cache.assume(pod, r.node);
        placed.push(r.node);
      } else placed.push(null);
    }
    return placed;
  }
  function cacheOf(nodes: KubeObject[], pods: KubeObject[]) {
    const cache = new SchedulerCache();
    for (const n of nodes) cache.addNode(n);
    for (const p of pods) cache.addPod(p);
    return cache;
  }

  test('a plain pod avoids the tainted control plane and goes to the least allocated worker', () => {
    const { nodes, pods } = kindCluster();
    const busy = makePod('busy', { node: 'kind-worker', requests: [{ cpu: '2', memory: '1Gi' }] });
    expect(schedule({ pod: makePod('web'), nodes, pods: [...pods, busy] })).toEqual({ node: 'kind-worker2' });
    // Tolerating the taint, the less loaded workers still win over the control plane.
    const tolerant = makePod('tol', {
      spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] },
    });
    expect(schedule({ pod: tolerant, nodes, pods })).toEqual({ node: 'kind-worker' });
  });

  test('required anti-affinity spreads 3 replicas over 3 workers; the 4th stays Pending', () => {
    const workers = ['kind-worker', 'kind-worker2', 'kind-worker3'];
    const { nodes, pods } = kindCluster(workers);
    const cache = cacheOf(nodes, pods);
    const replica = (i: number) =>
      makePod(`web-7d4b9c6f5-${i}`, {
        labels: { app: 'web' },
        spec: {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
        },
      });
    const placed = deploy(cache, replica, 3);
    expect(new Set(placed)).toEqual(new Set(workers));
    expect(message(cache.schedule(replica(3)))).toBe(
      `0/4 nodes are available: ${TAINTED}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    );
  });

  test("existing pods' anti-affinity keeps matching pods away", () => {
    const { nodes, pods } = kindCluster();
    const loner = makePod('loner', {
      node: 'kind-worker',
      labels: { app: 'loner' },
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
    });
    const pod = makePod('web', { labels: { app: 'web' } });
    expect(schedule({ pod, nodes, pods: [...pods, loner] })).toEqual({ node: 'kind-worker2' });
    const busy = makePod('busy', { node: 'kind-worker2', requests: [{ cpu: '7500m' }] });
    expect(
      message(
        schedule({
          pod: makePod('web2', { labels: { app: 'web' }, requests: [{ cpu: '1' }] }),
          nodes,
          pods: [...pods, loner, busy],
        }),
      ),
    ).toBe(
      `0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy existing pods anti-affinity rules, ${TAINTED}. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  test('topology spread over hostnames counts the tainted control plane as an empty domain', () => {
    const { nodes, pods } = kindCluster();
    const spread = (policy?: string) => (i: number) =>
      makePod(`spread-${i}`, {
        labels: { app: 'spread' },
        spec: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'spread' } },
              ...(policy ? { nodeTaintsPolicy: policy } : {}),
            },
          ],
        },
      });
    const cache = cacheOf(nodes, pods);
    expect(deploy(cache, spread(), 2).sort()).toEqual(['kind-worker', 'kind-worker2']);
    // nodeTaintsPolicy defaults to Ignore: kind-control-plane is a domain with 0 pods, so skew would be 2.
    expect(message(cache.schedule(spread()(2)))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
    // With nodeTaintsPolicy: Honor the control plane is not a domain and the third pod fits.
    expect('node' in cache.schedule(spread('Honor')(2))).toBe(true);
  });

  test('topology spread on a label no node has', () => {
    const { nodes, pods } = kindCluster();
    const pod = makePod('zonal', {
      labels: { app: 'zonal' },
      spec: {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'zonal' } },
          },
        ],
      },
    });
    expect(message(schedule({ pod, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  test('soft topology spread (ScheduleAnyway) prefers the emptier domain', () => {
    const { nodes, pods } = kindCluster();
    const soft = (name: string, node?: string) =>
      makePod(name, {
        node,
        labels: { app: 'soft' },
        spec: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { app: 'soft' } },
            },
          ],
        },
      });
    const existing = [soft('s1', 'kind-worker'), soft('s2', 'kind-worker')];
    expect(schedule({ pod: soft('s3'), nodes, pods: [...pods, ...existing] })).toEqual({
      node: 'kind-worker2',
    });
  });

  test('system default spreading scores replicas of the same ReplicaSet apart', () => {
    const { nodes, pods } = kindCluster();
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-7d4b9c6f5', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c6f5' } } },
    };
    const replica = (name: string, node?: string) => {
      const p = makePod(name, { node, labels: { app: 'web', 'pod-template-hash': '7d4b9c6f5' } });
      p.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c6f5', uid: 'rs-uid', controller: true },
      ];
      return p;
    };
    // kind-worker is emptier by resources, but already runs two replicas.
    const filler = makePod('filler', { node: 'kind-worker2', requests: [{ cpu: '1', memory: '1Gi' }] });
    const bound = [replica('r1', 'kind-worker'), replica('r2', 'kind-worker'), filler];
    expect(schedule({ pod: replica('r3'), nodes, pods: [...pods, ...bound], objects: [rs] })).toEqual({
      node: 'kind-worker2',
    });
    // Without the ReplicaSet the default constraints have no selector and resources decide.
    expect(schedule({ pod: replica('r3'), nodes, pods: [...pods, ...bound] })).toEqual({
      node: 'kind-worker',
    });
  });

  test('preferred node affinity and PreferNoSchedule taints steer the choice', () => {
    const nodes = [
      kindNode('kind-control-plane', true),
      kindNode('kind-worker', false, {
        taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }],
      }),
      kindNode('kind-worker2', false, { labels: { disktype: 'ssd' } }),
    ];
    expect(schedule({ pod: makePod('web'), nodes, pods: [] })).toEqual({ node: 'kind-worker2' });
    const prefersSpot = makePod('batch', {
      spec: {
        tolerations: [{ key: 'spot', operator: 'Exists' }],
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 50,
                preference: {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker'] },
                  ],
                },
              },
            ],
          },
        },
      },
    });
    expect(schedule({ pod: prefersSpot, nodes, pods: [] })).toEqual({ node: 'kind-worker' });
  });

  test('ties go to the first node in order, or to the random source (reservoir sampling)', () => {
    const { nodes } = kindCluster(['kind-worker', 'kind-worker2', 'kind-worker3']);
    expect(schedule({ pod: makePod('web'), nodes, pods: [] })).toEqual({ node: 'kind-worker' });
    // int(n) === 0 replaces the choice: always-0 keeps the last tied node.
    expect(schedule({ pod: makePod('web'), nodes, pods: [], random: { int: () => 0 } })).toEqual({
      node: 'kind-worker3',
    });
    expect(schedule({ pod: makePod('web'), nodes, pods: [], random: { int: (n) => n - 1 } })).toEqual({
      node: 'kind-worker',
    });
  });
});

describe('preemption', () => {
  const nodes = [kindNode('kind-control-plane', true), kindNode('kind-worker'), kindNode('kind-worker2')];
  const low = (name: string, node: string, cpu: string, priority = 0) =>
    makePod(name, { node, requests: [{ cpu }], priority });

  test('a higher-priority pod nominates a node and names the victims; the message has no preemption part', () => {
    const pods = [
      ...systemPods(['kind-worker', 'kind-worker2']),
      low('batch-1', 'kind-worker', '6'),
      low('batch-2', 'kind-worker2', '7'),
    ];
    const urgent = makePod('urgent', { requests: [{ cpu: '4' }], priority: 1000 });
    const r = schedule({ pod: urgent, nodes, pods });
    expect(r).toEqual({
      unschedulable: true,
      message: `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu.`,
      conditionMessage: `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu.`,
      nominatedNode: 'kind-worker',
      victims: [
        {
          namespace: 'default',
          name: 'batch-1',
          uid: pods.find((p) => p.metadata.name === 'batch-1')!.metadata.uid,
        },
      ],
    });
  });

  test('removing lower-priority pods that still leave too little room reports the filter reason', () => {
    const pods = [...systemPods(['kind-worker', 'kind-worker2']), low('batch-1', 'kind-worker', '1')];
    const huge = makePod('huge', { requests: [{ cpu: '9' }], priority: 1000 });
    expect(message(schedule({ pod: huge, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`,
    );
  });

  test('preemptionPolicy: Never', () => {
    const pods = [
      ...systemPods(['kind-worker', 'kind-worker2']),
      low('batch-1', 'kind-worker', '6'),
      low('batch-2', 'kind-worker2', '7'),
    ];
    const polite = makePod('polite', {
      requests: [{ cpu: '4' }],
      priority: 1000,
      spec: { preemptionPolicy: 'Never' },
    });
    expect(message(schedule({ pod: polite, nodes, pods }))).toBe(
      `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.`,
    );
  });
});

describe('SchedulerCache', () => {
  test('addPod/removePod/updateNode keep the per-node sums current', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('n1', { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } }));
    const a = makePod('a', { node: 'n1', requests: [{ cpu: '800m' }] });
    cache.addPod(a);
    const want = makePod('b', { requests: [{ cpu: '500m' }] });
    expect(message(cache.schedule(want))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    cache.removePod(a);
    expect(cache.schedule(want)).toEqual({ node: 'n1' });
    cache.addPod(a);
    cache.updateNode(makeNode('n1', { allocatable: { cpu: '2', memory: '1Gi', pods: '110' } }));
    expect(cache.schedule(want)).toEqual({ node: 'n1' });
    // A terminated pod no longer counts.
    cache.updatePod(a, { ...a, status: { phase: 'Succeeded' } });
    cache.updateNode(makeNode('n1', { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } }));
    expect(cache.schedule(want)).toEqual({ node: 'n1' });
  });

  test('pods bound before their node appears are accounted when it does', () => {
    const cache = new SchedulerCache();
    cache.addPod(makePod('early', { node: 'late', requests: [{ cpu: '1' }] }));
    cache.addNode(makeNode('late', { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } }));
    expect(message(cache.schedule(makePod('p', { requests: [{ cpu: '1' }] })))).toContain(
      '1 Insufficient cpu',
    );
  });

  test('nodes are listed zone by zone, round robin (node_tree.go)', () => {
    const cache = new SchedulerCache();
    const zone = (name: string, z: string) =>
      makeNode(name, { labels: { 'topology.kubernetes.io/zone': z } });
    for (const n of [
      zone('a1', 'a'),
      zone('a2', 'a'),
      zone('a3', 'a'),
      zone('b1', 'b'),
      zone('c1', 'c'),
      zone('b2', 'b'),
    ])
      cache.addNode(n);
    expect(cache.snapshot().nodes.map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  test('each cycle resumes filtering where the last one stopped (nextStartNodeIndex)', () => {
    // 200 nodes: numFeasibleNodesToFind is 100, so a cycle looks at 100 nodes only.
    const cache = new SchedulerCache();
    for (let i = 0; i < 200; i++) cache.addNode(makeNode(`node-${i}`, { allocatable: ALLOCATABLE }));
    const first = makePod('first');
    expect(cache.schedule(first)).toEqual({ node: 'node-0' });
    cache.assume(first, 'node-0');
    expect(cache.schedule(makePod('second'))).toEqual({ node: 'node-100' });
  });

  test('a nominated node is tried first and taken when it fits', () => {
    const { nodes, pods } = kindCluster();
    const busy = makePod('busy', { node: 'kind-worker', requests: [{ cpu: '2' }] });
    const pod = makePod('preemptor', { requests: [{ cpu: '1' }] });
    pod.status = { phase: 'Pending', nominatedNodeName: 'kind-worker' };
    expect(schedule({ pod, nodes, pods: [...pods, busy] })).toEqual({ node: 'kind-worker' });
    pod.status.nominatedNodeName = '';
    expect(schedule({ pod, nodes, pods: [...pods, busy] })).toEqual({ node: 'kind-worker2' });
  });

  test('10,000 pods on 1,000 nodes', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 1000; i++) {
      cache.addNode(
        makeNode(`node-${i}`, {
          labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` },
          allocatable: ALLOCATABLE,
        }),
      );
    }
    const start = performance.now();
    let scheduled = 0;
    for (let i = 0; i < 10_000; i++) {
      const pod = makePod(`pod-${i}`, {
        labels: { app: `app-${i % 50}` },
        requests: [{ cpu: '100m', memory: '128Mi' }],
      });
      const r = cache.schedule(pod);
      if ('node' in r) {
        cache.assume(pod, r.node);
        scheduled++;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `scheduled ${scheduled} pods on 1000 nodes in ${seconds.toFixed(2)}s (${Math.round(scheduled / seconds)} pods/s)`,
    );
    expect(scheduled).toBe(10_000);
  });
});
