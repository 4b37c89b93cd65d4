// Ports of kubectl's pkg/describe/describe_test.go (v0.32.4). Expected strings are the Go
// tests' own; where a Go test feeds objects through a fake client that ignores field selectors
// or uses the local time zone, the adaptation is noted at the case.
import { expect, it, describe as suite } from 'vitest';
import { k, GO_TESTS_NOW as NOW, runAt, TEN_YEARS_AGO } from './describe-fixtures.ts';

const run = runAt(NOW);

suite('storage', () => {
  const pv = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
    run('PersistentVolume', k('v1', 'PersistentVolume', { metadata: { name: 'bar', ...meta }, spec }));
  // TestPersistentVolumeDescriber
  it.each([
    [{ hostPath: { type: '' } }, [], ['VolumeMode', 'Filesystem']],
    [{ gcePersistentDisk: {}, volumeMode: 'Filesystem' }, ['VolumeMode', 'Filesystem'], []],
    [{ iscsi: {}, volumeMode: 'Block' }, ['VolumeMode', 'Block'], []],
    [{ glusterfs: {} }, ['EndpointsNamespace', '<unset>'], ['VolumeMode']],
    [
      { glusterfs: { endpointsNamespace: 'glusterfsendpointname' } },
      ['EndpointsNamespace', 'glusterfsendpointname'],
      [],
    ],
    [{ fc: {}, volumeMode: 'Block' }, ['VolumeMode', 'Block'], []],
    [{ local: {} }, ['Node Affinity:   <none>'], ['Required Terms', 'Term ']],
    [{ local: {}, nodeAffinity: {} }, ['Node Affinity:   <none>'], ['Required Terms', 'Term ']],
    [{ local: {}, nodeAffinity: { required: {} } }, ['Node Affinity', 'Required Terms:  <none>'], ['Term ']],
    [
      {
        local: {},
        nodeAffinity: {
          required: { nodeSelectorTerms: [{ matchExpressions: [] }, { matchExpressions: [] }] },
        },
      },
      ['Node Affinity', 'Required Terms', 'Term 0', 'Term 1'],
      [],
    ],
    [
      {
        local: {},
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'foo', operator: 'In', values: ['val1', 'val2'] },
                  { key: 'foo', operator: 'Exists' },
                ],
              },
            ],
          },
        },
      },
      ['Node Affinity', 'Required Terms', 'Term 0', 'foo in [val1, val2]', 'foo exists'],
      [],
    ],
    [
      {
        csi: {
          driver: 'drive',
          volumeHandle: 'handler',
          readOnly: true,
          volumeAttributes: { Attribute1: 'Value1' },
        },
      },
      ['Driver', 'VolumeHandle', 'ReadOnly', 'VolumeAttributes'],
      [],
    ],
  ])('TestPersistentVolumeDescriber %#', (spec, want, unwanted) => {
    const out = pv(spec);
    for (const s of want) expect(out).toContain(s);
    for (const s of unwanted) expect(out).not.toContain(s);
  });

  it('TestPersistentVolumeDescriber test15: terminating', () => {
    expect(pv({ local: {} }, { deletionTimestamp: TEN_YEARS_AGO })).toContain('Terminating (lasts 10y)');
  });

  const pvc = (
    spec: Record<string, unknown>,
    status: Record<string, unknown> = {},
    meta = {},
    showEvents = true,
  ) =>
    run(
      'PersistentVolumeClaim',
      k('v1', 'PersistentVolumeClaim', {
        metadata: { namespace: 'foo', name: 'bar', ...meta },
        spec: { volumeName: 'volume1', storageClassName: 'gold', ...spec },
        status,
      }),
      [],
      showEvents,
    );
  // TestPersistentVolumeClaimDescriber
  it('TestPersistentVolumeClaimDescriber', () => {
    expect(pvc({}, { phase: 'Bound' })).toContain('Events');
    expect(pvc({}, { phase: 'Bound' })).not.toContain('VolumeMode');
    expect(pvc({ volumeMode: 'Filesystem' })).toContain('VolumeMode:    Filesystem');
    expect(pvc({ volumeMode: 'Block' })).toContain('Block');
    expect(pvc({}, { conditions: [{ type: 'Resizing' }] })).toContain('Resizing');
    expect(pvc({}, { conditions: [{ status: 'True' }] })).toContain('True');
    expect(pvc({}, { conditions: [{ lastProbeTime: '2025-01-01T00:00:00Z' }] })).toContain(
      'Wed, 01 Jan 2025 00:00:00 +0000',
    );
    expect(pvc({}, { conditions: [{ reason: 'OfflineResize' }] })).toContain('OfflineResize');
    expect(pvc({}, { conditions: [{ message: 'User request resize' }] })).toContain('User request resize');
    expect(pvc({}, {}, { deletionTimestamp: TEN_YEARS_AGO })).toContain('Terminating (lasts 10y)');
    expect(pvc({ dataSource: { name: 'srcpvc', kind: 'PersistentVolumeClaim' } })).toContain(
      '\nDataSource:\n  Kind:   PersistentVolumeClaim\n  Name:   srcpvc',
    );
    expect(
      pvc({
        dataSource: { name: 'src-snapshot', kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' },
      }),
    ).toContain(
      'DataSource:\n  APIGroup:  snapshot.storage.k8s.io\n  Kind:      VolumeSnapshot\n  Name:      src-snapshot\n',
    );
    expect(pvc({}, { phase: 'Bound' }, {}, false)).not.toContain('Events');
  });

  it('TestGetPodsForPVC: mounting pods and owning pods are "Used By"', () => {
    const claim = k('v1', 'PersistentVolumeClaim', {
      metadata: {
        namespace: 'ns',
        name: 'pvc-name',
        ownerReferences: [{ kind: 'Pod', name: 'owner', uid: 'pod-uid' }],
      },
      spec: { volumeName: 'volume1', storageClassName: 'gold' },
      status: { phase: 'Bound' },
    });
    const mounting = k('v1', 'Pod', {
      metadata: { namespace: 'ns', name: 'pod-name' },
      spec: { volumes: [{ name: 'volume', persistentVolumeClaim: { claimName: 'pvc-name' } }] },
    });
    const owner = k('v1', 'Pod', { metadata: { namespace: 'ns', name: 'owner', uid: 'pod-uid' } });
    expect(run('PersistentVolumeClaim', claim)).toContain('Used By:       <none>');
    expect(run('PersistentVolumeClaim', claim, [mounting, owner])).toContain(
      'Used By:       owner\n               pod-name\n',
    );
  });

  it('TestDescribeStorageClass', () => {
    const out = run(
      'StorageClass',
      k('storage.k8s.io/v1', 'StorageClass', {
        metadata: { name: 'foo', resourceVersion: '4', annotations: { name: 'foo' } },
        provisioner: 'my-provisioner',
        parameters: { param1: 'value1', param2: 'value2' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'bindingmode',
        allowedTopologies: [
          {
            matchLabelExpressions: [
              { key: 'failure-domain.beta.kubernetes.io/zone', values: ['zone1'] },
              { key: 'kubernetes.io/hostname', values: ['node1'] },
            ],
          },
          {
            matchLabelExpressions: [
              { key: 'failure-domain.beta.kubernetes.io/zone', values: ['zone2'] },
              { key: 'kubernetes.io/hostname', values: ['node2'] },
            ],
          },
        ],
      }),
    );
    for (const s of [
      'foo',
      'my-provisioner',
      'param1',
      'param2',
      'value1',
      'value2',
      'Retain',
      'bindingmode',
    ]) {
      expect(out).toContain(s);
    }
    for (const s of [
      'failure-domain.beta.kubernetes.io/zone',
      'zone1',
      'kubernetes.io/hostname',
      'node1',
      'zone2',
      'node2',
    ]) {
      expect(out).toContain(s);
    }
  });

  it('TestDescribeCSINode', () => {
    const out = run(
      'CSINode',
      k('storage.k8s.io/v1', 'CSINode', {
        metadata: { name: 'foo' },
        spec: {
          drivers: [
            { name: 'driver1', nodeID: 'node1' },
            { name: 'driver2', nodeID: 'node2', allocatable: { count: 2 } },
          ],
        },
      }),
    );
    for (const s of ['foo', 'driver1', 'node1', 'driver2', 'node2']) expect(out).toContain(s);
  });
});
