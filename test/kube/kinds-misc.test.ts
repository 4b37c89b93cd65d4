// The other kinds through the Store: Namespace, ConfigMap, Secret, storage (PV, PVC,
// StorageClass), HPA, RBAC, networking and Node, with defaults from pkg/apis/*/v1/defaults.go,
// the registry strategies and admission plugins, and messages from pkg/apis/*/validation.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/core/random.ts';
import { ResourceRegistry } from '../../engine/kube/api/registry.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { StatusError } from '../../engine/kube/apiserver/errors.ts';
import '../../engine/kube/apiserver/kinds/index.ts';
import { Store } from '../../engine/kube/apiserver/store.ts';

function cluster(): Store {
  const store = new Store({
    registry: new ResourceRegistry(),
    now: () => Date.parse('2025-01-01T00:00:00Z'),
    random: createRandom('kinds-misc'),
  });
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return store;
}

function failure(run: () => unknown): StatusError {
  try {
    run();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('operation succeeded');
}

describe('Namespace', () => {
  it('gets its name label, the kubernetes finalizer and phase Active', () => {
    const ns = cluster().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.generation).toBeUndefined();
  });

  it('needs a DNS label name (ValidateNamespaceName)', () => {
    expect(
      failure(() => cluster().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }))
        .message,
    ).toBe('Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots');
  });
});

describe('ConfigMap and Secret', () => {
  it('validates config keys', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { 'a b': 'x' },
      }),
    );
    expect(err.message).toBe(
      "ConfigMap \"c\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  });

  it('limits a ConfigMap to 1 MiB (core.MaxSecretSize)', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { big: 'x'.repeat(1024 * 1024 + 1) },
      }),
    );
    expect(err.message).toBe('ConfigMap "c" is invalid: []: Too long: may not be more than 1048576 bytes');
  });

  it('folds stringData into base64 data and defaults the type', () => {
    const s = cluster().create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { password: 'héllo' },
    });
    expect(s.data).toEqual({ password: 'aMOpbGxv' });
    expect(s.stringData).toBeUndefined();
    expect(s.type).toBe('Opaque');
  });

  it('checks typed secrets and keeps the type immutable', () => {
    const store = cluster();
    const err = failure(() =>
      store.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 't' },
        type: 'kubernetes.io/tls',
        data: {},
      }),
    );
    expect(err.message).toBe(
      'Secret "t" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    const s = store.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: 'Yg==' },
    });
    s.type = 'kubernetes.io/basic-auth';
    expect(failure(() => store.update(s)).message).toBe(
      'Secret "s" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data[username]: Required value, data[password]: Required value]',
    );
  });

  it('rejects data that is not base64 while decoding', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { a: 'not base64!' },
      }),
    );
    expect(err.code).toBe(400);
    expect(err.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it('forbids changing immutable ConfigMaps', () => {
    const store = cluster();
    const cm = store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'b' },
      immutable: true,
    });
    cm.data = { a: 'c' };
    expect(failure(() => store.update(cm)).message).toBe(
      'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});

describe('storage', () => {
  it('defaults a PersistentVolume (SetDefaults_PersistentVolume, pv-protection)', () => {
    const pv = cluster().create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    expect(pv.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      hostPath: { path: '/data', type: '' },
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
    });
    expect(pv.status).toEqual({ phase: 'Pending' });
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it("gives claims kind's default class (DefaultStorageClass, pvc-protection)", () => {
    const store = cluster();
    const sc = store.create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(sc.reclaimPolicy).toBe('Delete');
    const pvc = store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(pvc.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    });
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('validates claims (ValidatePersistentVolumeClaimSpec)', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'p' },
        spec: { accessModes: ['ReadWriteSometimes'] },
      }),
    );
    expect(err.message).toBe(
      'PersistentVolumeClaim "p" is invalid: [spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod", spec.resources[storage]: Required value]',
    );
  });

  it('defaults a StorageClass binding mode', () => {
    const sc = cluster().create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast' },
      provisioner: 'example.com/fast',
    });
    expect(sc.volumeBindingMode).toBe('Immediate');
    expect(
      failure(() =>
        cluster().create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' } }),
      ).message,
    ).toBe('StorageClass.storage.k8s.io "x" is invalid: provisioner: Required value');
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('converts autoscaling/v1 targets and applies the v2 defaults', () => {
    const store = cluster();
    store.create({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        targetCPUUtilizationPercentage: 50,
      },
    });
    const hpa = store.get(store.registry.resolve('hpa')!, 'default', 'web');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      maxReplicas: 5,
      metrics: [
        {
          resource: { name: 'cpu', target: { averageUtilization: 50, type: 'Utilization' } },
          type: 'Resource',
        },
      ],
      minReplicas: 1,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    });
    expect(hpa.status).toEqual({ currentMetrics: null, desiredReplicas: 0 });
  });

  it('checks replica bounds', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 },
      }),
    );
    expect(err.message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
  });
});

describe('RBAC', () => {
  it('defaults API groups of roleRef and subjects', () => {
    const rb = cluster().create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'ServiceAccount', name: 'default' },
      ],
    });
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    expect(rb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
      { apiGroup: '', kind: 'ServiceAccount', name: 'default' },
    ]);
  });

  it('validates rules and keeps roleRef fixed (ValidatePolicyRule, ValidateRoleBindingUpdate)', () => {
    const store = cluster();
    const err = failure(() =>
      store.create({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'r' },
        rules: [{ apiGroups: [''], resources: ['pods'] }],
      }),
    );
    expect(err.message).toBe(
      'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
    const rb = store.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      roleRef: { kind: 'Role', name: 'a' },
    });
    rb.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'b' };
    expect(failure(() => store.update(rb)).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef',
    );
  });
});

describe('networking', () => {
  it('defaults policyTypes and port protocols (SetDefaults_NetworkPolicy)', () => {
    const np = cluster().create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] },
    });
    expect(np.spec).toEqual({
      egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }],
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(np.metadata.generation).toBe(1);
  });

  it('requires rules or a default backend on an Ingress', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i' },
        spec: {},
      }),
    );
    expect(err.message).toBe(
      'Ingress.networking.k8s.io "i" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    );
  });

  it('checks Ingress paths (validateHTTPIngressPath)', () => {
    const err = failure(() =>
      cluster().create({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i' },
        spec: {
          rules: [
            { http: { paths: [{ path: 'web', pathType: 'Prefix', backend: { service: { name: 'web' } } }] } },
          ],
        },
      }),
    );
    expect(err.message).toBe(
      'Ingress.networking.k8s.io "i" is invalid: [spec.rules[0].http.paths[0].path: Invalid value: "web": must be an absolute path, spec.rules[0].http.paths[0].backend: Required value: port name or number is required]',
    );
  });
});

describe('Node', () => {
  it('starts with the not-ready taint (TaintNodesByCondition)', () => {
    const node = cluster().create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'kind-control-plane' },
    } as KubeObject);
    expect(node.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready' }]);
  });
});
