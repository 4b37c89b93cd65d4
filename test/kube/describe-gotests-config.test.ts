// Ports of kubectl's pkg/describe/describe_test.go (v0.32.4). Expected strings are the Go
// tests' own; where a Go test feeds objects through a fake client that ignores field selectors
// or uses the local time zone, the adaptation is noted at the case.
import { expect, it, describe as suite } from 'vitest';
import { printAnnotationsMultiline } from '../../engine/kube/describe/format.ts';
import { printUnstructuredContent } from '../../engine/kube/describe/generic.ts';
import { k, GO_TESTS_NOW as NOW, raw, runAt } from './describe-fixtures.ts';

const run = runAt(NOW);

suite('config', () => {
  it('TestDescribeSecret', () => {
    const out = run(
      'Secret',
      k('v1', 'Secret', {
        metadata: { name: 'bar', namespace: 'foo' },
        type: 'Opaque',
        data: { username: btoa('YWRtaW4='), password: btoa('MWYyZDFlMmU2N2Rm') },
      }),
    );
    for (const s of ['bar', 'foo', 'username', '8 bytes', 'password', '16 bytes']) expect(out).toContain(s);
    expect(out).not.toContain('YWRtaW4=');
    expect(out).not.toContain('MWYyZDFlMmU2N2Rm');
  });

  it('TestDescribeConfigMap', () => {
    const out = run(
      'ConfigMap',
      k('v1', 'ConfigMap', {
        metadata: { name: 'mycm', namespace: 'foo' },
        data: { key1: 'value1', key2: 'value2' },
        binaryData: { binarykey1: '//79/Ps=', binarykey2: '//79/Pv6' },
      }),
    );
    for (const s of [
      'foo',
      'mycm',
      'key1',
      'value1',
      'key2',
      'value2',
      'binarykey1',
      '5 bytes',
      'binarykey2',
      '6 bytes',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestDescribeTerminalEscape', () => {
    const out = run(
      'ConfigMap',
      k('v1', 'ConfigMap', {
        metadata: { name: 'mycm', namespace: 'foo', annotations: { annotation1: 'terminal escape: \x1b' } },
      }),
    );
    expect(out).not.toContain('\x1b');
    expect(out).toContain('^[');
  });

  // TestDescribeNamespace
  it.each([
    [
      { phase: 'Active' },
      ['Name', 'example', 'Status', 'Active', 'No resource quota', 'No LimitRange resource.'],
    ],
    [
      {
        phase: 'Terminating',
        conditions: [
          {
            lastTransitionTime: '2014-01-15T00:00:00Z',
            message: 'example message',
            reason: 'example reason',
            status: 'True',
            type: 'NamespaceDeletionContentFailure',
          },
        ],
      },
      [
        'Terminating',
        'Conditions',
        'NamespaceDeletionContentFailure',
        'True',
        'example reason',
        'example message',
        'No resource quota',
      ],
    ],
  ])('TestDescribeNamespace %#', (status, want) => {
    const out = run('Namespace', k('v1', 'Namespace', { metadata: { name: 'example' }, status }));
    for (const s of want) expect(out).toContain(s);
  });

  it('TestDescribeLimitRange', () => {
    const res = (cpu: string, memory: string) => ({ ...(cpu && { cpu }), ...(memory && { memory }) });
    const out = run(
      'LimitRange',
      k('v1', 'LimitRange', {
        metadata: { name: 'mylr', namespace: 'foo' },
        spec: {
          limits: [
            {
              type: 'Pod',
              max: res('100m', '10000Mi'),
              min: res('5m', '100Mi'),
              maxLimitRequestRatio: res('10', ''),
            },
            {
              type: 'Container',
              max: res('100m', '10000Mi'),
              min: res('5m', '100Mi'),
              default: res('50m', '500Mi'),
              defaultRequest: res('10m', '200Mi'),
              maxLimitRequestRatio: res('10', ''),
            },
            { type: 'PersistentVolumeClaim', max: { storage: '10Gi' }, min: { storage: '5Gi' } },
          ],
        },
      }),
    );
    for (const s of [
      'foo',
      'mylr',
      'Pod',
      'cpu',
      '5m',
      '100m',
      'memory',
      '100Mi',
      '10000Mi',
      '10',
      'Container',
      '10m',
    ]) {
      expect(out).toContain(s);
    }
    for (const s of ['50m', '200Mi', '500Mi', 'PersistentVolumeClaim', 'storage', '5Gi', '10Gi'])
      expect(out).toContain(s);
  });

  it('TestDescribeResourceQuota', () => {
    const out = run(
      'ResourceQuota',
      k('v1', 'ResourceQuota', {
        metadata: { name: 'bar', namespace: 'foo' },
        status: {
          hard: {
            cpu: '1',
            'limits.cpu': '2',
            'limits.memory': '2G',
            memory: '1G',
            'requests.cpu': '1',
            'requests.memory': '1G',
          },
          used: {
            cpu: '0',
            'limits.cpu': '0',
            'limits.memory': '0G',
            memory: '0G',
            'requests.cpu': '0',
            'requests.memory': '1000Ki',
          },
        },
      }),
    );
    for (const s of [
      'bar',
      'foo',
      'limits.cpu',
      '2',
      'limits.memory',
      '2G',
      'requests.cpu',
      '1',
      'requests.memory',
      '1024k',
      '1G',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestDescribeServiceAccount (full output)', () => {
    const out = run(
      'ServiceAccount',
      k('v1', 'ServiceAccount', {
        metadata: { name: 'bar', namespace: 'foo' },
        secrets: [{ name: 'test-objectref' }],
        imagePullSecrets: [{ name: 'test-local-ref' }],
      }),
    );
    expect(out).toBe(
      'Name:                bar\n' +
        'Namespace:           foo\n' +
        'Labels:              <none>\n' +
        'Annotations:         <none>\n' +
        'Image pull secrets:  test-local-ref (not found)\n' +
        'Mountable secrets:   test-objectref (not found)\n' +
        'Tokens:              <none>\n' +
        'Events:              <none>\n',
    );
  });

  it('TestPrintLabelsMultiline (annotations)', () => {
    const key = 'MaxLenAnnotation';
    const value = 'a'.repeat(140 - key.length - 2);
    const cases: [Record<string, string>, string][] = [
      [{ col1: 'asd', COL2: 'zxc' }, 'Annotations:\tCOL2: zxc\n\tcol1: asd\n'],
      [{ MaxLenAnnotation: value }, `Annotations:\t${key}: ${value}\n`],
      [{ MaxLenAnnotation: `${value}1` }, `Annotations:\t${key}:\n\t  ${value}1\n`],
      [{ MaxLenAnnotation: value + value }, `Annotations:\t${key}:\n\t  ${'a'.repeat(138)}...\n`],
      [{ key: 'value\nwith\nnewlines\n' }, 'Annotations:\tkey:\n\t  value\n\t  with\n\t  newlines\n'],
      [{}, 'Annotations:\t<none>\n'],
    ];
    for (const [annotations, want] of cases) {
      expect(raw((w) => printAnnotationsMultiline(w, 'Annotations', annotations))).toBe(want);
    }
  });
});

suite('generic and policy', () => {
  it('TestDescribeUnstructuredContent', () => {
    const content = {
      apiVersion: 'v1',
      kind: 'Test',
      dummyDummy: 'present',
      'dummy/dummy': 'present',
      'dummy-dummy@dummy': 'present',
      'dummy-dummy': 'present',
      dummy1: 'present',
      dummy2: 'present',
      metadata: {
        name: 'MyName',
        namespace: 'MyNamespace',
        creationTimestamp: '2017-04-01T00:00:00Z',
        resourceVersion: 123,
        uid: '00000000-0000-0000-0000-000000000001',
        dummy3: 'present',
      },
      items: [{ itemBool: true, itemInt: 42 }],
      url: 'http://localhost',
      status: 'ok',
    };
    const out = raw((w) => printUnstructuredContent(w, 0, content, '', ['.dummy1', '.metadata.dummy3']));
    expect(out).toContain(`API Version:	v1
Dummy - Dummy:	present
dummy-dummy@dummy:	present
dummy/dummy:	present
dummy2:	present
Dummy Dummy:	present
Items:
  Item Bool:	true
  Item Int:	42
Kind:	Test
Metadata:
  Creation Timestamp:	2017-04-01T00:00:00Z
  Name:	MyName
  Namespace:	MyNamespace
  Resource Version:	123
  UID:	00000000-0000-0000-0000-000000000001
Status:	ok
URL:	http://localhost
`);
    for (const s of ['\nDummy 1:\tpresent\n', 'Dummy 1', 'Dummy 3', 'Dummy3', 'dummy3', 'dummy 3']) {
      expect(out).not.toContain(s);
    }
  });

  it('TestDescribePodDisruptionBudgetV1', () => {
    const out = run(
      'PodDisruptionBudget',
      k('policy/v1', 'PodDisruptionBudget', {
        metadata: { namespace: 'ns1', name: 'pdb1' },
        spec: { minAvailable: 22 },
        status: { disruptionsAllowed: 5 },
      }),
    );
    for (const s of ['pdb1', 'ns1', '22', '5']) expect(out).toContain(s);
  });

  // TestDescribePriorityClass
  it.each([
    [
      10,
      false,
      'PreemptLowerPriority',
      'test1',
      ['Value', '10', 'GlobalDefault', 'false', 'PreemptLowerPriority', 'test1'],
    ],
    [100, true, 'Never', 'test2', ['Value', '100', 'GlobalDefault', 'true', 'Never', 'test2']],
  ])('TestDescribePriorityClass %d', (value, globalDefault, preemptionPolicy, description, want) => {
    const pc = k('scheduling.k8s.io/v1', 'PriorityClass', {
      metadata: { name: 'bar' },
      value,
      globalDefault,
      preemptionPolicy,
      description,
    });
    const out = run('PriorityClass', pc);
    for (const s of ['Name', 'bar', 'Annotations', ...want]) expect(out).toContain(s);
  });
});
