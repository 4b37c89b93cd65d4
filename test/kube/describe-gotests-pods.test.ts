// Ports of kubectl's pkg/describe/describe_test.go (v0.32.4). Expected strings are the Go
// tests' own; where a Go test feeds objects through a fake client that ignores field selectors
// or uses the local time zone, the adaptation is noted at the case.
import { expect, it, describe as suite } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { describeContainers, describeResources } from '../../engine/kube/describe/containers.ts';
import { podRequestsAndLimits } from '../../engine/kube/describe/node.ts';
import { k, GO_TESTS_NOW as NOW, raw, runAt, TEN_YEARS_AGO } from './describe-fixtures.ts';

const run = runAt(NOW);

suite('pods', () => {
  // TestDescribePod
  it.each([
    [
      'foo',
      'bar',
      'Running',
      ['bar', 'Status:', 'Terminating (lasts 10y)', 'Termination Grace Period', '1234s'],
    ],
    [
      'pod1',
      'ns1',
      'Pending',
      ['pod1', 'ns1', 'Terminating (lasts 10y)', 'Termination Grace Period', '1234s'],
    ],
    ['pod2', 'ns2', 'Succeeded', ['pod2', 'ns2', 'Succeeded']],
    ['pod3', 'ns3', 'Failed', ['pod3', 'ns3', 'Failed']],
  ])('TestDescribePod %s/%s %s', (name, namespace, phase, want) => {
    const pod = k('v1', 'Pod', {
      metadata: { name, namespace, deletionTimestamp: TEN_YEARS_AGO, deletionGracePeriodSeconds: 1234 },
      spec: { readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }] },
      status: { phase, conditions: [{ type: 'condition1', status: 'True' }] },
    });
    const out = run('Pod', pod);
    for (const s of want as string[]) expect(out).toContain(s);
  });

  it('TestDescribePodServiceAccount, TestDescribePodNode, TestDescribePodPriority', () => {
    const out = run(
      'Pod',
      k('v1', 'Pod', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: {
          serviceAccountName: 'fooaccount',
          nodeName: 'all-in-one',
          priorityClassName: 'high-priority',
          priority: 1000,
        },
        status: { hostIP: '127.0.0.1', nominatedNodeName: 'nodeA' },
      }),
    );
    for (const s of [
      'Service Account:',
      'fooaccount',
      'all-in-one/127.0.0.1',
      'nodeA',
      'high-priority',
      '1000',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestDescribePodEphemeralContainers', () => {
    const out = run(
      'Pod',
      k('v1', 'Pod', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox' }] },
        status: {
          ephemeralContainerStatuses: [
            {
              name: 'debugger',
              state: { running: { startedAt: '2024-12-31T23:59:00Z' } },
              ready: false,
              restartCount: 0,
            },
          ],
        },
      }),
    );
    expect(out).toContain('debugger:');
    expect(out).toContain('busybox');
  });

  it('TestDescribePodTolerations', () => {
    const out = run(
      'Pod',
      k('v1', 'Pod', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: {
          tolerations: [
            { operator: 'Exists' },
            { effect: 'NoSchedule', operator: 'Exists' },
            { key: 'key0', operator: 'Exists' },
            { key: 'key1', value: 'value1' },
            { key: 'key2', operator: 'Equal', value: 'value2', effect: 'NoSchedule' },
            { key: 'key3', value: 'value3', effect: 'NoExecute', tolerationSeconds: 300 },
            { key: 'key4', effect: 'NoExecute', tolerationSeconds: 60 },
          ],
        },
      }),
      [],
      false,
    );
    for (const s of [
      '  op=Exists\n',
      ':NoSchedule op=Exists\n',
      'key0 op=Exists\n',
      'key1=value1\n',
      'key2=value2:NoSchedule\n',
      'key3=value3:NoExecute for 300s\n',
      'key4:NoExecute for 60s\n',
      'Tolerations:',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestDescribePodVolumes (full output)', () => {
    const out = run(
      'Pod',
      k('v1', 'Pod', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: { volumes: [{ name: 'image', image: { reference: 'image', pullPolicy: 'IfNotPresent' } }] },
      }),
    );
    expect(out).toBe(
      'Name:         bar\n' +
        'Namespace:    foo\n' +
        'Node:         <none>\n' +
        'Labels:       <none>\n' +
        'Annotations:  <none>\n' +
        'Status:       \n' +
        'IP:           \n' +
        'IPs:          <none>\n' +
        'Containers: <none>\n' +
        'Volumes:\n' +
        '  image:\n' +
        '    Type:        Image (a container image or OCI artifact)\n' +
        '    Reference:   image\n' +
        '    PullPolicy:  IfNotPresent\n' +
        'QoS Class:       BestEffort\n' +
        'Node-Selectors:  <none>\n' +
        'Tolerations:     <none>\n' +
        'Events:          <none>\n',
    );
  });

  it('TestDescribeTopologySpreadConstraints', () => {
    const out = run(
      'Pod',
      k('v1', 'Pod', {
        metadata: { name: 'bar', namespace: 'foo' },
        spec: {
          topologySpreadConstraints: [
            {
              maxSkew: 3,
              topologyKey: 'topology.kubernetes.io/test1',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { key1: 'val1', key2: 'val2' } },
            },
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/test2', whenUnsatisfiable: 'ScheduleAnyway' },
          ],
        },
      }),
      [],
      false,
    );
    expect(out).toContain(
      'topology.kubernetes.io/test1:DoNotSchedule when max skew 3 is exceeded for selector key1=val1,key2=val2\n',
    );
    expect(out).toContain('topology.kubernetes.io/test2:ScheduleAnyway when max skew 1 is exceeded\n');
  });

  it('TestDescribePodRuntimeClass', () => {
    const pod = (runtimeClassName?: string) =>
      run(
        'Pod',
        k('v1', 'Pod', {
          metadata: { name: 'bar' },
          spec: runtimeClassName === undefined ? {} : { runtimeClassName },
        }),
      );
    expect(pod('test1')).toContain('Runtime Class Name:');
    expect(pod('test1')).toContain('test1');
    expect(pod('')).not.toContain('Runtime Class Name');
    expect(pod()).not.toContain('Runtime Class Name');
  });

  // TestDescribeSeccompProfile
  it.each([
    [
      { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'lauseafoodpod' } } },
      ['Localhost', 'lauseafoodpod'],
    ],
    [
      { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
      ['SeccompProfile', 'RuntimeDefault'],
    ],
    [
      {
        containers: [
          {
            securityContext: {
              seccompProfile: { type: 'Localhost', localhostProfile: 'tikkamasalaconatiner' },
            },
          },
        ],
      },
      ['LocalhostProfile', 'tikkamasalaconatiner'],
    ],
    [
      { containers: [{ securityContext: { seccompProfile: { type: 'Unconfined' } } }] },
      ['SeccompProfile', 'Unconfined'],
    ],
    [
      {
        ephemeralContainers: [
          {
            securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'dropshotephemeral' } },
          },
        ],
      },
      ['LocalhostProfile', 'dropshotephemeral'],
    ],
  ])('TestDescribeSeccompProfile %#', (spec, want) => {
    const out = run('Pod', k('v1', 'Pod', { metadata: {}, spec }));
    for (const s of want) expect(out).toContain(s);
  });

  it('TestPodDescribeResultsSorted: events by lastTimestamp', () => {
    // The Go test's fake client ignores the field selector; here the events name the pod.
    const event = (name: string, component: string, message: string, at: string) =>
      k('v1', 'Event', {
        metadata: { name, namespace: 'foo' },
        involvedObject: { kind: 'Pod', namespace: 'foo', name: 'bar' },
        source: { component },
        message,
        firstTimestamp: at,
        lastTimestamp: at,
        count: 1,
        type: 'Normal',
      });
    const out = run('Pod', k('v1', 'Pod', { metadata: { namespace: 'foo', name: 'bar' } }), [
      event('one', 'kubelet', 'Item 1', '2014-01-15T00:00:00Z'),
      event('two', 'scheduler', 'Item 2', '1987-06-17T00:00:00Z'),
      event('three', 'kubelet', 'Item 3', '2002-12-25T00:00:00Z'),
    ]);
    const at = (s: string) => out.indexOf(s);
    expect(at('Item 2')).toBeLessThan(at('Item 3'));
    expect(at('Item 3')).toBeLessThan(at('Item 1'));
  });
});

suite('containers', () => {
  // TestDescribeResources: occurrences of each string
  it.each([
    [{}, {}],
    [
      { requests: { cpu: '1000', memory: '100Mi' }, limits: { cpu: '1000', memory: '100Mi' } },
      { cpu: 2, memory: 2, Requests: 1, Limits: 1, '1k': 2, '100Mi': 2 },
    ],
    [{ limits: { cpu: '1000', memory: '100Mi' } }, { cpu: 1, memory: 1, Limits: 1, '1k': 1, '100Mi': 1 }],
    [{ requests: { cpu: '1000', memory: '100Mi' } }, { cpu: 1, memory: 1, Requests: 1, '1k': 1, '100Mi': 1 }],
  ])('TestDescribeResources %#', (resources, counts) => {
    const out = raw((w) => describeResources(resources, w, 1));
    for (const [s, n] of Object.entries(counts)) expect(out.split(s).length - 1).toBe(n);
    if (Object.keys(counts).length === 0) expect(out).toBe('');
  });

  const running = { running: { startedAt: '2024-12-31T23:00:00Z' } };
  // TestDescribeContainers
  it.each([
    [
      {},
      { state: running },
      ['test', 'State', 'Running', 'Ready', 'True', 'Restart Count', '7', 'Image', 'image', 'Started'],
    ],
    [{}, { state: { waiting: { reason: 'potato' } } }, ['State', 'Waiting', 'Reason', 'potato']],
    [
      {},
      {
        state: {
          terminated: {
            startedAt: '2024-12-31T23:00:00Z',
            finishedAt: '2024-12-31T23:30:00Z',
            reason: 'potato',
            exitCode: 2,
          },
        },
      },
      ['Terminated', 'Reason', 'potato', 'Started', 'Finished', 'Exit Code', '2'],
    ],
    [
      {},
      {
        state: running,
        lastState: {
          terminated: {
            startedAt: '2024-12-31T23:00:03Z',
            finishedAt: '2024-12-31T23:00:00Z',
            reason: 'crashing',
            exitCode: 3,
          },
        },
      },
      ['Terminated', 'Started', 'Finished', 'Exit Code', 'crashing', '3'],
    ],
    [{}, {}, ['State', 'Waiting', 'Ready', 'True', 'Restart Count', '7']],
    [
      { env: [{ name: 'envname', value: 'xyz' }], envFrom: [{ configMapRef: { name: 'a123' } }] },
      {},
      ['envname', 'xyz', 'a123\tConfigMap\tOptional: false'],
    ],
    [
      {
        env: [{ name: 'envname', value: 'xyz' }],
        envFrom: [{ prefix: 'p_', configMapRef: { name: 'a123' } }],
      },
      {},
      ["a123\tConfigMap with prefix 'p_'\tOptional: false"],
    ],
    [
      {
        env: [{ name: 'envname', value: 'xyz' }],
        envFrom: [{ configMapRef: { name: 'a123', optional: true } }],
      },
      {},
      ['a123\tConfigMap\tOptional: true'],
    ],
    [
      {
        env: [{ name: 'envname', value: 'xyz' }],
        envFrom: [{ secretRef: { name: 'a123', optional: true } }],
      },
      {},
      ['a123\tSecret\tOptional: true'],
    ],
    [
      { env: [{ name: 'envname', value: 'xyz' }], envFrom: [{ prefix: 'p_', secretRef: { name: 'a123' } }] },
      {},
      ["a123\tSecret with prefix 'p_'\tOptional: false"],
    ],
    [{ command: ['sleep', '1000'] }, {}, ['sleep', '1000']],
    [{ command: ['sleep', '1000\n2000'] }, {}, ['1000\n      2000']],
    [{ args: ['time', '1000'] }, {}, ['time', '1000']],
    [{ args: ['time', '1000\n2000'] }, {}, ['1000\n      2000']],
    [
      { resources: { limits: { cpu: '1000', memory: '4G', storage: '20G' } } },
      {},
      ['cpu', '1k', 'memory', '4G', 'storage', '20G'],
    ],
    [
      { volumeMounts: [{ name: 'mounted-volume', mountPath: '/opt/' }] },
      {},
      ['mounted-volume', '/opt/', '(rw)'],
    ],
    [
      { volumeMounts: [{ name: 'mounted-volume', mountPath: '/opt/', readOnly: true }] },
      {},
      ['Mounts', '(ro)'],
    ],
    [
      { volumeMounts: [{ name: 'mounted-volume', mountPath: '/opt/', subPath: 'foo' }] },
      {},
      ['Mounts', 'mounted-volume', '/opt/', '(rw,path="foo")'],
    ],
    [
      { volumeDevices: [{ name: 'volume-device', devicePath: '/dev/xvda' }] },
      {},
      ['Devices', 'volume-device', '/dev/xvda'],
    ],
  ])('TestDescribeContainers %#', (container, status, want) => {
    const c = { name: 'test', image: 'image', ...container };
    const s = { name: 'test', ready: true, restartCount: 7, ...status };
    const pod = k('v1', 'Pod', {
      metadata: {},
      spec: { containers: [c] },
      status: { containerStatuses: [s] },
    });
    const out = raw((w) => describeContainers('Containers', [c], [s], pod, w, ''));
    for (const str of want) expect(out).toContain(str);
  });

  it('TestGetPodsTotalRequests', () => {
    const sum = (pods: KubeObject[]) => {
      let cpu = '';
      const totals = pods.map((p) => podRequestsAndLimits(p).requests);
      const [a, b] = totals;
      cpu = String(a.cpu.add(b.cpu));
      return { cpu, memory: String(a.memory.add(b.memory)), storage: String(a.storage.add(b.storage)) };
    };
    const pod = (...requests: Record<string, string>[]) =>
      k('v1', 'Pod', {
        metadata: {},
        spec: { containers: requests.map((r) => ({ resources: { requests: r } })) },
      });
    // expected 1.184, 546Mi, 2.4G in their canonical spellings
    expect(
      sum([
        pod({ cpu: '1', memory: '300Mi', storage: '1G' }, { cpu: '90m', memory: '120Mi', storage: '200M' }),
        pod({ cpu: '60m', memory: '43Mi', storage: '500M' }, { cpu: '34m', memory: '83Mi', storage: '700M' }),
      ]),
    ).toEqual({ cpu: '1184m', memory: '546Mi', storage: '2400M' });
  });
});
