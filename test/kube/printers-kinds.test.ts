// Server-side table cells for services, nodes, storage, RBAC, config and API-server kinds,
// ported from kubernetes pkg/printers/internalversion/printers_test.go (TestPrintService,
// TestPrintServiceLoadBalancer, TestPrintNodeStatus, TestPrintNodeRole, TestPrintEndpoint,
// TestPrintEvent, TestPrintPersistentVolume, ...), plus the default and custom resource tables
// of k8s.io/apiserver rest/table.go and apiextensions-apiserver's tableconvertor.
import { describe, expect, it } from 'vitest';
import { buildTable, hasPrinter } from '../../engine/kube/printers/index.ts';
import { loadBalancerStatusString } from '../../engine/kube/printers/services.ts';
import { at, cells, DAY, HOUR, MINUTE, NOW, obj, SECOND, wideCells } from './printers-helpers.ts';

describe('TestPrintService', () => {
  const svc = (name: string, spec: Record<string, unknown>, status?: Record<string, unknown>) =>
    obj('v1', 'Service', { metadata: { name }, spec, status });
  it('cluster IP with a port; the selector only in wide', () => {
    const s = svc('test1', {
      type: 'ClusterIP',
      ports: [{ protocol: 'tcp', port: 2233 }],
      clusterIPs: ['10.9.8.7'],
      selector: { foo: 'bar' },
    });
    expect(cells('Service', s)).toEqual([
      'test1',
      'ClusterIP',
      '10.9.8.7',
      '<none>',
      '2233/tcp',
      '<unknown>',
    ]);
    expect(wideCells('Service', s)).toEqual([
      'test1',
      'ClusterIP',
      '10.9.8.7',
      '<none>',
      '2233/tcp',
      '<unknown>',
      'foo=bar',
    ]);
  });
  it('node port', () => {
    const s = svc('test2', {
      type: 'NodePort',
      ports: [{ protocol: 'tcp', port: 8888, nodePort: 9999 }],
      clusterIPs: ['10.9.8.7'],
    });
    expect(cells('Service', s)).toEqual([
      'test2',
      'NodePort',
      '10.9.8.7',
      '<none>',
      '8888:9999/tcp',
      '<unknown>',
    ]);
  });
  it('load balancer pending, with external IPs, with ingress', () => {
    const ports = [{ protocol: 'tcp', port: 8888 }];
    expect(cells('Service', svc('test3', { type: 'LoadBalancer', ports, clusterIPs: ['10.9.8.7'] }))[3]).toBe(
      '<pending>',
    );
    expect(
      cells(
        'Service',
        svc('test4', { type: 'LoadBalancer', ports, clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] }),
      )[3],
    ).toBe('80.11.12.10');
    const single = svc(
      'test5',
      { type: 'LoadBalancer', ports, clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] },
      { loadBalancer: { ingress: [{ ip: '3.4.5.6', hostname: 'test.cluster.com' }] } },
    );
    expect(cells('Service', single)[3]).toBe('3.4.5.6,80.11.12.10');
    const multi = svc(
      'test6',
      { type: 'LoadBalancer', ports, clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10', '80.11.12.11'] },
      {
        loadBalancer: {
          ingress: [
            { ip: '2.3.4.5', hostname: 'test.cluster.local' },
            { ip: '3.4.5.6', hostname: 'test.cluster.com' },
          ],
        },
      },
    );
    expect(cells('Service', multi)[3]).toBe('2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11');
  });
  it('external name', () => {
    const s = svc('test7', { type: 'ExternalName', externalName: 'my.database.example.com' });
    expect(cells('Service', s)).toEqual([
      'test7',
      'ExternalName',
      '<none>',
      'my.database.example.com',
      '<none>',
      '<unknown>',
    ]);
  });
});

describe('TestPrintServiceLoadBalancer', () => {
  const lb = (ingress: unknown[], ports: unknown[]) =>
    obj('v1', 'Service', {
      metadata: { name: 'service4' },
      spec: { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports, selector: { foo: 'bar' } },
      status: { loadBalancer: { ingress } },
    });
  const ports = [
    { port: 80, protocol: 'TCP' },
    { port: 8090, protocol: 'UDP' },
    { port: 8000, protocol: 'TCP' },
  ];
  const ingress = [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }];
  it('the API server prints wide: all addresses, unclipped', () => {
    expect(wideCells('Service', lb(ingress, ports))).toEqual([
      'service4',
      'LoadBalancer',
      '1.5.6.7',
      '2.3.4.5,3.4.5.6,5.6.7.8',
      '80/TCP,8090/UDP,8000/TCP',
      '<unknown>',
      'foo=bar',
    ]);
  });
  it('the non-wide form clips to 16 bytes', () => {
    expect(loadBalancerStatusString({ ingress }, false)).toBe('2.3.4.5,3.4.5...');
    expect(loadBalancerStatusString({ ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }] }, false)).toBe(
      '2.3.4.5,3.4.5.6',
    );
  });
  it('many ports', () => {
    const s = lb([], [...ports, { port: 7777, protocol: 'SCTP' }]);
    expect(cells('Service', s).slice(3, 5)).toEqual(['<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP']);
  });
});

describe('TestPrintIngress / TestPrintIngressClass', () => {
  it('an ingress with a class and a load balancer', () => {
    const ing = obj('networking.k8s.io/v1', 'Ingress', {
      metadata: { name: 'test1', creationTimestamp: at(-10 * 365 * DAY) },
      spec: {
        ingressClassName: 'foo',
        defaultBackend: {
          service: { name: 'default-backend', port: { name: 'default-backend', number: 80 } },
        },
      },
      status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
    });
    expect(cells('Ingress', ing)).toEqual(['test1', 'foo', '*', '2.3.4.5', '80', '10y']);
  });
  it('ingress classes with and without parameters', () => {
    const cls = (name: string, parameters: unknown, years: number) =>
      obj('networking.k8s.io/v1', 'IngressClass', {
        metadata: { name, creationTimestamp: at(-years * 365 * DAY) },
        spec: { controller: 'example.com/controller', parameters },
      });
    expect(cells('IngressClass', cls('test1', { kind: 'customgroup', name: 'example' }, 10))).toEqual([
      'test1',
      'example.com/controller',
      'customgroup/example',
      '10y',
    ]);
    expect(
      cells(
        'IngressClass',
        cls('test1', { apiGroup: 'example.com', kind: 'customgroup', name: 'example' }, 10),
      )[2],
    ).toBe('customgroup.example.com/example');
    expect(cells('IngressClass', cls('test2', undefined, 11))).toEqual([
      'test2',
      'example.com/controller',
      '<none>',
      '11y',
    ]);
  });
});

describe('TestPrintEndpoint / TestPrintEndpointSlice', () => {
  const ep = (subsets: unknown) =>
    obj('v1', 'Endpoints', { metadata: { name: 'endpoint2', creationTimestamp: at(1.9 * SECOND) }, subsets });
  const addresses = (...ips: string[]) => ips.map((ip) => ({ ip }));
  it('endpoints', () => {
    expect(cells('Endpoints', ep(undefined))).toEqual(['endpoint2', '<none>', '0s']);
    expect(cells('Endpoints', ep([{ addresses: addresses('1.2.3.4', '5.6.7.8') }]))[1]).toBe(
      '1.2.3.4,5.6.7.8',
    );
    const ports = [{ port: 8001, protocol: 'tcp' }];
    expect(cells('Endpoints', ep([{ addresses: addresses('1.2.3.4', '5.6.7.8'), ports }]))[1]).toBe(
      '1.2.3.4:8001,5.6.7.8:8001',
    );
    expect(
      cells(
        'Endpoints',
        ep([{ addresses: addresses('1.2.3.4', '5.6.7.8', '9.8.7.6', '6.6.6.6'), ports }]),
      )[1],
    ).toBe('1.2.3.4:8001,5.6.7.8:8001,9.8.7.6:8001 + 1 more...');
  });
  it('endpoint slices', () => {
    const slice = (
      name: string,
      addressType: string,
      ports: unknown[],
      endpoints: unknown[],
      created: string,
    ) =>
      obj('discovery.k8s.io/v1', 'EndpointSlice', {
        metadata: { name, creationTimestamp: created },
        addressType,
        ports,
        endpoints,
      });
    const port = (name: string, p: number) => ({ name, port: p, protocol: 'TCP' });
    expect(
      cells(
        'EndpointSlice',
        slice(
          'abcslice.123',
          'IPv4',
          [port('http', 80)],
          [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }],
          at(1.9 * SECOND),
        ),
      ),
    ).toEqual(['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '0s']);
    const two = [
      { addresses: ['10.1.2.3', '2001:db8::1234:5678'] },
      { addresses: ['10.2.3.4', '2001:db8::2345:6789'] },
    ];
    expect(
      cells(
        'EndpointSlice',
        slice(
          'multiportslice.123',
          'IPv4',
          [port('http', 80), port('https', 443), port('extra1', 3000), port('extra2', 3001)],
          two,
          at(-5 * MINUTE),
        ),
      ),
    ).toEqual([
      'multiportslice.123',
      'IPv4',
      '80,443,3000 + 1 more...',
      '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
      '5m',
    ]);
  });
});

describe('TestPrintNodeStatus / TestPrintNodeRole / node wide columns', () => {
  const node = (name: string, fields: Record<string, unknown> = {}, labels?: Record<string, string>) =>
    obj('v1', 'Node', { metadata: { name, labels }, ...fields });
  const ready = (status: string) => ({ status: { conditions: [{ type: 'Ready', status }] } });
  it('status', () => {
    expect(cells('Node', node('foo1', ready('True')))).toEqual(['foo1', 'Ready', '<none>', '<unknown>', '']);
    expect(cells('Node', node('foo2', { spec: { unschedulable: true }, ...ready('True') }))[1]).toBe(
      'Ready,SchedulingDisabled',
    );
    expect(cells('Node', node('foo4', ready('False')))[1]).toBe('NotReady');
    expect(cells('Node', node('foo5', { spec: { unschedulable: true }, ...ready('False') }))[1]).toBe(
      'NotReady,SchedulingDisabled',
    );
    expect(
      cells('Node', node('foo6', { status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }))[1],
    ).toBe('Unknown');
    expect(cells('Node', node('foo7', { status: { conditions: [{}] } }))[1]).toBe('Unknown');
    expect(
      cells('Node', node('foo9', { spec: { unschedulable: true }, status: { conditions: [{}] } }))[1],
    ).toBe('Unknown,SchedulingDisabled');
  });
  it('roles', () => {
    expect(cells('Node', node('foo9'))).toEqual(['foo9', 'Unknown', '<none>', '<unknown>', '']);
    const labels = {
      'node-role.kubernetes.io/master': '',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/proxy': '',
      'kubernetes.io/role': 'node',
    };
    expect(cells('Node', node('foo10', {}, labels))[2]).toBe('control-plane,master,node,proxy');
    expect(cells('Node', node('foo11', {}, { 'kubernetes.io/role': 'node' }))[2]).toBe('node');
  });
  it('wide: addresses, OS image, kernel, runtime', () => {
    const n = node('foo3', {
      status: {
        addresses: [
          { type: 'ExternalIP', address: '2.2.2.2' },
          { type: 'InternalIP', address: '3.3.3.3' },
          { type: 'ExternalIP', address: '4.4.4.4' },
        ],
        nodeInfo: { containerRuntimeVersion: 'foo://1.2.3' },
      },
    });
    expect(wideCells('Node', n)).toEqual([
      'foo3',
      'Unknown',
      '<none>',
      '<unknown>',
      '',
      '3.3.3.3',
      '2.2.2.2',
      '<unknown>',
      '<unknown>',
      'foo://1.2.3',
    ]);
    const os = node('foo1', {
      status: {
        nodeInfo: { osImage: 'fake-os-image' },
        addresses: [{ type: 'ExternalIP', address: '1.1.1.1' }],
      },
    });
    expect(wideCells('Node', os).slice(5)).toEqual([
      '<none>',
      '1.1.1.1',
      'fake-os-image',
      '<unknown>',
      '<unknown>',
    ]);
  });
});

describe('TestPrintNamespace / TestPrintSecret / TestPrintServiceAccount / TestPrintConfigMap', () => {
  it('namespace', () => {
    const ns = obj('v1', 'Namespace', {
      metadata: { name: 'namespace1', creationTimestamp: at(1.9 * SECOND) },
      status: { phase: 'FooStatus' },
    });
    expect(cells('Namespace', ns)).toEqual(['namespace1', 'FooStatus', '0s']);
    expect(cells('Namespace', obj('v1', 'Namespace', { metadata: { name: 'namespace2' } }))).toEqual([
      'namespace2',
      '',
      '<unknown>',
    ]);
  });
  it('secret', () => {
    const secret = (data?: Record<string, string>) =>
      obj('v1', 'Secret', {
        metadata: { name: 'secret1', creationTimestamp: at(1.9 * SECOND) },
        type: 'kubernetes.io/service-account-token',
        data,
      });
    expect(cells('Secret', secret({ token: 'c2VjcmV0IGRhdGE=' }))).toEqual([
      'secret1',
      'kubernetes.io/service-account-token',
      1,
      '0s',
    ]);
    expect(cells('Secret', secret())).toEqual(['secret1', 'kubernetes.io/service-account-token', 0, '0s']);
  });
  it('service account', () => {
    const sa = obj('v1', 'ServiceAccount', {
      metadata: { name: 'sa1', creationTimestamp: at(1.9 * SECOND) },
      secrets: [{ name: 'Secret1' }, { name: 'Secret2' }],
    });
    expect(cells('ServiceAccount', sa)).toEqual(['sa1', 2, '0s']);
  });
  it('config map counts data and binary data', () => {
    const cm = obj('v1', 'ConfigMap', {
      metadata: { name: 'configmap3', creationTimestamp: at(1.9 * SECOND) },
      data: { foo: 'bar' },
      binaryData: { bin: 'YmluYXJ5IGRhdGE=' },
    });
    expect(cells('ConfigMap', cm)).toEqual(['configmap3', 2, '0s']);
  });
});

describe('TestPrintNetworkPolicy / TestPrintRoleBinding / TestPrintCertificateSigningRequest', () => {
  it('network policy pod selector', () => {
    const np = (podSelector?: unknown) =>
      obj('networking.k8s.io/v1', 'NetworkPolicy', {
        metadata: { name: 'policy1', creationTimestamp: at(1.9 * SECOND) },
        spec: { podSelector },
      });
    expect(cells('NetworkPolicy', np())).toEqual(['policy1', '<none>', '0s']);
    expect(cells('NetworkPolicy', np({ matchLabels: { foo: 'bar' } }))[1]).toBe('foo=bar');
  });
  it('role bindings, wide subjects', () => {
    const binding = obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', {
      metadata: { name: 'binding2', creationTimestamp: at(1.9 * SECOND) },
      subjects: [
        { kind: 'User', name: 'user-name' },
        { kind: 'Group', name: 'group-name' },
        { kind: 'ServiceAccount', name: 'service-account-name', namespace: 'service-account-namespace' },
      ],
      roleRef: { kind: 'Role', name: 'role-name' },
    });
    expect(wideCells('ClusterRoleBinding', binding)).toEqual([
      'binding2',
      'Role/role-name',
      '0s',
      'user-name',
      'group-name',
      'service-account-namespace/service-account-name',
    ]);
    expect(cells('RoleBinding', { ...binding, kind: 'RoleBinding' })).toEqual([
      'binding2',
      'Role/role-name',
      '0s',
    ]);
  });
  it('certificate signing requests', () => {
    const csr = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
      obj('certificates.k8s.io/v1', 'CertificateSigningRequest', {
        metadata: { name: 'csr1', creationTimestamp: at(1.9 * SECOND) },
        spec,
        status,
      });
    expect(cells('CertificateSigningRequest', csr({}, {}))).toEqual([
      'csr1',
      '0s',
      '<none>',
      '',
      '<none>',
      'Pending',
    ]);
    const approved = { conditions: [{ type: 'Approved' }] };
    expect(cells('CertificateSigningRequest', csr({ username: 'CSR Requestor' }, approved)).slice(3)).toEqual(
      ['CSR Requestor', '<none>', 'Approved'],
    );
    const week = csr(
      {
        username: 'CSR Requestor',
        signerName: 'example.com/test-signer',
        expirationSeconds: 7 * 24 * 3600 + 3600,
      },
      approved,
    );
    expect(cells('CertificateSigningRequest', week).slice(2)).toEqual([
      'example.com/test-signer',
      'CSR Requestor',
      '7d1h',
      'Approved',
    ]);
    expect(cells('CertificateSigningRequest', csr({}, { ...approved, certificate: 'Y2VydCBkYXRh' }))[5]).toBe(
      'Approved,Issued',
    );
    expect(cells('CertificateSigningRequest', csr({}, { conditions: [{ type: 'Denied' }] }))[5]).toBe(
      'Denied',
    );
  });
});

describe('TestPrintPersistentVolume / TestPrintPersistentVolumeClaim', () => {
  const claimRef = { name: 'test', namespace: 'default' };
  const pv = (spec: Record<string, unknown>, phase: string) =>
    obj('v1', 'PersistentVolume', {
      metadata: { name: 'test4' },
      spec: { claimRef, capacity: { storage: '10Gi' }, ...spec },
      status: { phase },
    });
  it('persistent volumes', () => {
    expect(
      wideCells(
        'PersistentVolume',
        pv({ accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }, 'Bound'),
      ),
    ).toEqual([
      'test4',
      '4Gi',
      'ROX',
      '',
      'Bound',
      'default/test',
      '',
      '<unset>',
      '',
      '<unknown>',
      '<unset>',
    ]);
    const classes = pv(
      { storageClassName: 'my-scn', volumeAttributesClassName: 'my-vacn', accessModes: ['ReadWriteOnce'] },
      'Pending',
    );
    expect(wideCells('PersistentVolume', classes)).toEqual([
      'test4',
      '10Gi',
      'RWO',
      '',
      'Pending',
      'default/test',
      'my-scn',
      'my-vacn',
      '',
      '<unknown>',
      '<unset>',
    ]);
  });
  it('persistent volume claims', () => {
    const pvc = (spec: Record<string, unknown>, phase: string) =>
      obj('v1', 'PersistentVolumeClaim', {
        metadata: { name: 'test1' },
        spec,
        status: { phase, accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } },
      });
    expect(
      wideCells('PersistentVolumeClaim', pvc({ volumeName: 'my-volume', volumeMode: 'Filesystem' }, 'Bound')),
    ).toEqual(['test1', 'Bound', 'my-volume', '4Gi', 'ROX', '', '<unset>', '<unknown>', 'Filesystem']);
    expect(wideCells('PersistentVolumeClaim', pvc({ volumeMode: 'Filesystem' }, 'Lost'))).toEqual([
      'test1',
      'Lost',
      '',
      '',
      '',
      '',
      '<unset>',
      '<unknown>',
      'Filesystem',
    ]);
    expect(
      wideCells(
        'PersistentVolumeClaim',
        pvc(
          { volumeName: 'my-volume', storageClassName: 'my-scn', volumeAttributesClassName: 'my-vacn' },
          'Pending',
        ),
      ).slice(5),
    ).toEqual(['my-scn', 'my-vacn', '<unknown>', '<unset>']);
  });
});

describe('TestPrintStorageClass / TestPrintComponentStatus / TestPrintLease / TestPrintPriorityClass / TestPrintRuntimeClass', () => {
  it('storage classes default their policies', () => {
    const sc = (fields: Record<string, unknown>) =>
      obj('storage.k8s.io/v1', 'StorageClass', {
        metadata: { name: 'sc1', creationTimestamp: at(-5 * MINUTE) },
        provisioner: 'kubernetes.io/nfs',
        ...fields,
      });
    expect(cells('StorageClass', sc({}))).toEqual([
      'sc1',
      'kubernetes.io/nfs',
      'Delete',
      'Immediate',
      false,
      '5m',
    ]);
    expect(
      cells(
        'StorageClass',
        sc({
          reclaimPolicy: 'Retain',
          allowVolumeExpansion: true,
          volumeBindingMode: 'WaitForFirstConsumer',
        }),
      ),
    ).toEqual(['sc1', 'kubernetes.io/nfs', 'Retain', 'WaitForFirstConsumer', true, '5m']);
  });
  it('the default storage class is marked (storageutil.IsDefaultAnnotation)', () => {
    const sc = obj('storage.k8s.io/v1', 'StorageClass', {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
    });
    expect(cells('StorageClass', sc)[0]).toBe('standard (default)');
  });
  it('component statuses', () => {
    const cs = (conditions: unknown[]) =>
      obj('v1', 'ComponentStatus', { metadata: { name: 'cs1' }, conditions });
    expect(cells('ComponentStatus', cs([]))).toEqual(['cs1', 'Unknown', '', '']);
    expect(
      cells(
        'ComponentStatus',
        cs([{ type: 'Healthy', status: 'True', message: 'test message', error: 'test error' }]),
      ),
    ).toEqual(['cs1', 'Healthy', 'test message', 'test error']);
    expect(
      cells('ComponentStatus', cs([{ type: 'Healthy', status: 'False', message: 'm', error: 'e' }]))[1],
    ).toBe('Unhealthy');
  });
  it('leases, runtime classes, priority classes', () => {
    const lease = obj('coordination.k8s.io/v1', 'Lease', {
      metadata: { name: 'lease2', creationTimestamp: at(-5 * MINUTE) },
      spec: { holderIdentity: 'holder2' },
    });
    expect(cells('Lease', lease)).toEqual(['lease2', 'holder2', '5m']);
    const rc = obj('node.k8s.io/v1', 'RuntimeClass', {
      metadata: { name: 'rc1', creationTimestamp: at(1.9 * SECOND) },
      handler: 'h1',
    });
    expect(cells('RuntimeClass', rc)).toEqual(['rc1', 'h1', '0s']);
    const pc = (preemptionPolicy?: string) =>
      obj('scheduling.k8s.io/v1', 'PriorityClass', {
        metadata: { name: 'pc2', creationTimestamp: at(-5 * MINUTE) },
        value: 1000000000,
        globalDefault: true,
        preemptionPolicy,
      });
    expect(wideCells('PriorityClass', pc('PreemptLowerPriority'))).toEqual([
      'pc2',
      1000000000,
      true,
      '5m',
      'PreemptLowerPriority',
    ]);
    expect(wideCells('PriorityClass', pc())).toEqual(['pc2', 1000000000, true, '5m', '']);
  });
});

describe('TestPrintFlowSchema', () => {
  it('cells, and the list ordered by matching precedence then name', () => {
    const fs = (name: string, precedence: number, method?: string, dangling?: string) =>
      obj('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', {
        metadata: { name, creationTimestamp: at(-5 * MINUTE) },
        spec: {
          priorityLevelConfiguration: { name: 'allee' },
          matchingPrecedence: precedence,
          distinguisherMethod: method ? { type: method } : undefined,
        },
        status: dangling ? { conditions: [{ type: 'Dangling', status: dangling }] } : {},
      });
    expect(cells('FlowSchema', fs('all-matcher', 2147483647, 'ByUser'))).toEqual([
      'all-matcher',
      'allee',
      2147483647,
      'ByUser',
      '5m',
      '?',
    ]);
    expect(cells('FlowSchema', fs('some-matcher', 0, 'ByNamespace', 'True'))).toEqual([
      'some-matcher',
      'allee',
      0,
      'ByNamespace',
      '5m',
      'True',
    ]);
    expect(cells('FlowSchema', fs('exempt', 0))).toEqual(['exempt', 'allee', 0, '<none>', '5m', '?']);
    const table = buildTable('FlowSchema', [fs('b', 10), fs('z', 1), fs('a', 10)], { now: NOW });
    expect(table.rows.map((r) => r.cells[0])).toEqual(['z', 'a', 'b']);
  });
});

describe('TestPrintEvent', () => {
  const base = {
    involvedObject: { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' },
    reason: 'Event Reason',
    message: 'Message Data',
    type: 'Warning',
  };
  it('basic event, no generate options', () => {
    const e = obj('v1', 'Event', {
      metadata: { name: 'event1' },
      source: { component: 'kubelet' },
      involvedObject: { kind: 'Pod', name: 'Pod Name', fieldPath: 'spec.containers{foo}' },
      reason: 'Event Reason',
      message: 'Message Data',
      firstTimestamp: at(-3 * DAY),
      lastTimestamp: at(-2 * DAY),
      count: 6,
      type: 'Normal',
    });
    expect(cells('Event', e)).toEqual(['2d', 'Normal', 'Event Reason', 'pod/Pod Name', 'Message Data']);
  });
  it('wide', () => {
    const e = obj('v1', 'Event', {
      metadata: { name: 'event2' },
      source: { component: 'kubelet', host: 'Node1' },
      ...base,
      firstTimestamp: at(-3 * DAY),
      lastTimestamp: at(-2 * DAY),
      count: 6,
    });
    expect(wideCells('Event', e)).toEqual([
      '2d',
      'Warning',
      'Event Reason',
      'deployment/Deployment Name',
      'spec.containers{foo}',
      'kubelet, Node1',
      'Message Data',
      '3d',
      6,
      'event2',
    ]);
  });
  it('event time when first/last timestamps are unset; series; singleton count', () => {
    const noTimes = obj('v1', 'Event', {
      metadata: { name: 'event5' },
      source: { component: 'kubelet', host: 'Node1' },
      ...base,
      eventTime: at(-3 * DAY),
      count: 1,
    });
    expect(wideCells('Event', noTimes)).toEqual([
      '3d',
      'Warning',
      'Event Reason',
      'deployment/Deployment Name',
      'spec.containers{foo}',
      'kubelet, Node1',
      'Message Data',
      '3d',
      1,
      'event5',
    ]);
    const series = obj('v1', 'Event', {
      metadata: { name: 'event6' },
      source: { component: 'kubelet', host: 'Node1' },
      ...base,
      series: { count: 2, lastObservedTime: at(-2 * DAY) },
      eventTime: at(-3 * DAY),
    });
    expect(wideCells('Event', series).filter((_, i) => [0, 7, 8].includes(i))).toEqual(['2d', '3d', 2]);
    const singleton = obj('v1', 'Event', { metadata: { name: 'event7' }, ...base, eventTime: at(-3 * DAY) });
    expect(wideCells('Event', singleton)[8]).toBe(1);
  });
  it('reporting controller and instance stand in for an empty source', () => {
    const e = obj('v1', 'Event', {
      metadata: { name: 'event2' },
      reportingController: 'kubelet',
      reportingInstance: 'test',
      ...base,
      firstTimestamp: at(-3 * DAY),
      lastTimestamp: at(-2 * DAY),
      count: 6,
    });
    expect(wideCells('Event', e)[5]).toBe('kubelet, test');
  });
  it('events.k8s.io/v1 events print through the same printer', () => {
    const e = obj('events.k8s.io/v1', 'Event', {
      metadata: { name: 'ev' },
      regarding: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' },
      note: 'Pulled image',
      reason: 'Pulled',
      type: 'Normal',
      reportingController: 'kubelet',
      reportingInstance: 'kind-control-plane',
      eventTime: at(-90 * SECOND),
    });
    expect(wideCells('Event', e)).toEqual([
      '90s',
      'Normal',
      'Pulled',
      'pod/web',
      'spec.containers{web}',
      'kubelet, kind-control-plane',
      'Pulled image',
      '90s',
      1,
      'ev',
    ]);
  });
});

describe('APIService (kube-aggregator etcd.go ConvertToTable)', () => {
  it('Local services and availability', () => {
    const svc = (spec: Record<string, unknown>, conditions: unknown[]) =>
      obj('apiregistration.k8s.io/v1', 'APIService', {
        metadata: { name: 'v1.apps', creationTimestamp: at(-2 * HOUR) },
        spec,
        status: { conditions },
      });
    expect(cells('APIService', svc({}, [{ type: 'Available', status: 'True' }]))).toEqual([
      'v1.apps',
      'Local',
      'True',
      '120m',
    ]);
    const metrics = svc({ service: { namespace: 'kube-system', name: 'metrics-server' } }, [
      { type: 'Available', status: 'False', reason: 'MissingEndpoints' },
    ]);
    expect(cells('APIService', metrics).slice(1, 3)).toEqual([
      'kube-system/metrics-server',
      'False (MissingEndpoints)',
    ]);
  });
});

describe('kinds without a print handler (rest.NewDefaultTableConvertor)', () => {
  it('Role, ClusterRole, LimitRange, CRDs and CSIStorageCapacity get NAME and CREATED AT', () => {
    for (const kind of [
      'Role',
      'ClusterRole',
      'LimitRange',
      'CustomResourceDefinition',
      'CSIStorageCapacity',
    ]) {
      expect(hasPrinter(kind)).toBe(false);
    }
    const role = obj('rbac.authorization.k8s.io/v1', 'Role', {
      metadata: { name: 'pod-reader', creationTimestamp: '2025-01-15T11:58:30Z' },
    });
    const table = buildTable('Role', [role], { now: NOW });
    expect(table.columns.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', undefined],
    ]);
    expect(table.rows[0].cells).toEqual(['pod-reader', '2025-01-15T11:58:30Z']);
  });
  it('an unset creation time formats as Go zero time', () => {
    const table = buildTable('LimitRange', [obj('v1', 'LimitRange', { metadata: { name: 'limits' } })], {
      now: NOW,
    });
    expect(table.rows[0].cells).toEqual(['limits', '0001-01-01T00:00:00Z']);
  });
});

describe('custom resources (apiextensions-apiserver tableconvertor)', () => {
  const widget = obj('example.com/v1', 'Widget', {
    metadata: { name: 'w1', creationTimestamp: at(-3 * MINUTE) },
    spec: { replicas: 3, ratio: 0.25, big: 2000000, enabled: true, tags: { b: '2', a: '1' } },
    status: {
      conditions: [
        { type: 'Synced', status: 'False' },
        { type: 'Ready', status: 'True', lastTransitionTime: at(-90 * SECOND) },
      ],
    },
  });
  it('without printer columns: NAME and AGE (serveDefaultColumnsIfEmpty)', () => {
    const table = buildTable('Widget', [widget], { now: NOW, customResourceColumns: [] });
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Age', 'date'],
    ]);
    expect(table.rows[0].cells).toEqual(['w1', '3m']);
  });
  it('typed cells from JSONPath columns', () => {
    const table = buildTable('Widget', [widget], {
      now: NOW,
      customResourceColumns: [
        { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
        { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
        { name: 'Enabled', type: 'boolean', jsonPath: '.spec.enabled' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        {
          name: 'Since',
          type: 'date',
          jsonPath: '.status.conditions[?(@.type=="Ready")].lastTransitionTime',
        },
        { name: 'Tags', type: 'string', jsonPath: '.spec.tags', priority: 1 },
        { name: 'Count', type: 'string', jsonPath: '.spec.replicas' },
        { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
        { name: 'Mistyped', type: 'integer', jsonPath: '.metadata.name' },
      ],
    });
    expect(table.columns[6]).toEqual({
      name: 'Tags',
      type: 'string',
      priority: 1,
      description: 'Custom resource definition column (in JSONPath format): .spec.tags',
    });
    expect(table.rows[0].cells).toEqual([
      'w1',
      3,
      0.25,
      true,
      'True',
      '90s',
      '{"a":"1","b":"2"}',
      '3',
      null,
      null,
    ]);
  });
});
