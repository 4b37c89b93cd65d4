// Full `kubectl describe` outputs (of services, configuration, RBAC and storage) for objects as a kind cluster stores them (API defaults
// filled in). describe_test.go mostly checks substrings; these expectations were worked out by
// hand from pkg/describe/describe.go and Go's text/tabwriter column rules (kubectl v0.32.4):
// every block of consecutive tab-carrying lines is padded to its widest cell plus two spaces.
// The same objects were also served to the real kubectl v1.32.4 binary from a loopback API server
// and its output matched these strings byte for byte (Secret and ConfigMap data come in Go's
// randomized map order: for maps this small mostly the API server's sorted key order, used here).
import { expect, it, describe as suite } from 'vitest';
import { describe } from '../../engine/kube/describe/index.ts';
import { clusterAt, k, lines, KIND_OUTPUTS_NOW as NOW } from './describe-fixtures.ts';

const cluster = clusterAt(NOW);

/** A pod mounting the claim "data", reduced to what the PVC describer reads. */
const appPod = k('v1', 'Pod', {
  metadata: { name: 'app', namespace: 'demo' },
  spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
  status: { phase: 'Running' },
});

suite('services and configuration', () => {
  const service = k('v1', 'Service', {
    metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { app: 'web' } },
    spec: {
      clusterIP: '10.96.123.45',
      clusterIPs: ['10.96.123.45'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  const slice = k('discovery.k8s.io/v1', 'EndpointSlice', {
    metadata: {
      name: 'web-x7k2p',
      namespace: 'default',
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': 'web',
      },
    },
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: ['10.244.0.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'kind-control-plane',
        targetRef: { kind: 'Pod', name: 'web-7d8b49557c-abcde', namespace: 'default', uid: 'pod-uid' },
      },
    ],
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
  });

  it('describes a ClusterIP Service with its endpoints', () => {
    expect(describe('Service', service, cluster([service, slice]))).toBe(
      lines(
        'Name:                     web',
        'Namespace:                default',
        'Labels:                   app=web',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.123.45',
        'IPs:                      10.96.123.45',
        'Port:                     <unset>  80/TCP',
        'TargetPort:               80/TCP',
        'Endpoints:                10.244.0.5:80',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
      ),
    );
  });

  it('describes a ConfigMap: each key, a dashed rule, the value and blank lines', () => {
    const cm = k('v1', 'ConfigMap', {
      metadata: { name: 'game-config', namespace: 'default' },
      data: { 'game.properties': 'enemies=aliens\nlives=3\n', ui: 'color=blue' },
    });
    expect(describe('ConfigMap', cm, cluster([cm]))).toBe(
      lines(
        'Name:         game-config',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'game.properties:',
        '----',
        'enemies=aliens',
        'lives=3',
        '',
        '',
        'ui:',
        '----',
        'color=blue',
        '',
        '',
        'BinaryData',
        '====',
        '',
        'Events:  <none>',
      ),
    );
  });

  it('describes a Secret with sizes only, and a service account token in clear', () => {
    const secret = k('v1', 'Secret', {
      metadata: { name: 'db', namespace: 'default' },
      type: 'Opaque',
      data: { password: btoa('s3cr3t'), username: btoa('admin') },
    });
    expect(describe('Secret', secret, cluster([secret]))).toBe(
      lines(
        'Name:         db',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Type:  Opaque',
        '',
        'Data',
        '====',
        'password:  6 bytes',
        'username:  5 bytes',
      ),
    );
    const token = k('v1', 'Secret', {
      metadata: {
        name: 'build-robot',
        namespace: 'default',
        annotations: { 'kubernetes.io/service-account.name': 'build-robot' },
      },
      type: 'kubernetes.io/service-account-token',
      data: { 'ca.crt': btoa('x'.repeat(1107)), namespace: btoa('default'), token: btoa('eyJhbGciOi') },
    });
    expect(describe('Secret', token, cluster([token]))).toBe(
      lines(
        'Name:         build-robot',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  kubernetes.io/service-account.name: build-robot',
        '',
        'Type:  kubernetes.io/service-account-token',
        '',
        'Data',
        '====',
        'ca.crt:     1107 bytes',
        'namespace:  7 bytes',
        'token:      eyJhbGciOi',
      ),
    );
  });

  it('describes a Namespace with its resource quota and limit range', () => {
    const ns = k('v1', 'Namespace', {
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      status: { phase: 'Active' },
    });
    const quota = k('v1', 'ResourceQuota', {
      metadata: { name: 'compute', namespace: 'team-a' },
      spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', pods: '10' } },
      status: {
        hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', pods: '10' },
        used: { 'requests.cpu': '250m', 'requests.memory': '128Mi', pods: '1' },
      },
    });
    const limits = k('v1', 'LimitRange', {
      metadata: { name: 'defaults', namespace: 'team-a' },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '500m', memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '128Mi' },
            max: { cpu: '1' },
          },
        ],
      },
    });
    expect(describe('Namespace', ns, cluster([ns, quota, limits]))).toBe(
      lines(
        'Name:         team-a',
        'Labels:       kubernetes.io/metadata.name=team-a',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'Resource Quotas',
        '  Name:            compute',
        '  Resource         Used   Hard',
        '  --------         ---    ---',
        '  pods             1      10',
        '  requests.cpu     250m   1',
        '  requests.memory  128Mi  1Gi',
        '',
        'Resource Limits',
        ' Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        ' ----       --------  ---  ---  ---------------  -------------  -----------------------',
        ' Container  cpu       -    1    100m             500m           -',
        ' Container  memory    -    -    128Mi            512Mi          -',
      ),
    );
  });

  it('describes the Endpoints of a service', () => {
    const ep = k('v1', 'Endpoints', {
      metadata: {
        name: 'web',
        namespace: 'default',
        labels: { app: 'web' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2025-01-01T00:00:05Z' },
      },
      subsets: [
        {
          addresses: [
            {
              ip: '10.244.0.5',
              nodeName: 'kind-control-plane',
              targetRef: { kind: 'Pod', name: 'web-7d8b49557c-abcde' },
            },
          ],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      ],
    });
    expect(describe('Endpoints', ep, cluster([ep]))).toBe(
      lines(
        'Name:         web',
        'Namespace:    default',
        'Labels:       app=web',
        'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2025-01-01T00:00:05Z',
        'Subsets:',
        '  Addresses:          10.244.0.5',
        '  NotReadyAddresses:  <none>',
        '  Ports:',
        '    Name     Port  Protocol',
        '    ----     ----  --------',
        '    <unset>  80    TCP',
        '',
        'Events:  <none>',
      ),
    );
  });

  it('describes a Namespace without quotas or limit ranges', () => {
    const ns = k('v1', 'Namespace', {
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    expect(describe('Namespace', ns, cluster([ns]))).toBe(
      lines(
        'Name:         default',
        'Labels:       kubernetes.io/metadata.name=default',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
      ),
    );
  });
});

suite('rbac', () => {
  it('describes a Role: rules broken down, merged per resource and sorted', () => {
    const role = k('rbac.authorization.k8s.io/v1', 'Role', {
      metadata: { name: 'pod-reader', namespace: 'default' },
      rules: [
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] },
        {
          apiGroups: ['apps'],
          resources: ['deployments', 'deployments/scale'],
          resourceNames: ['web'],
          verbs: ['get'],
        },
      ],
    });
    expect(describe('Role', role, cluster([role]))).toBe(
      lines(
        'Name:         pod-reader',
        'Labels:       <none>',
        'Annotations:  <none>',
        'PolicyRule:',
        '  Resources               Non-Resource URLs  Resource Names  Verbs',
        '  ---------               -----------------  --------------  -----',
        '  pods                    []                 []              [get watch list]',
        '  deployments.apps/scale  []                 [web]           [get]',
        '  deployments.apps        []                 [web]           [get]',
      ),
    );
  });

  it('describes a ClusterRole with non-resource URLs', () => {
    const role = k('rbac.authorization.k8s.io/v1', 'ClusterRole', {
      metadata: { name: 'health-reader' },
      rules: [
        { nonResourceURLs: ['/healthz', '/healthz/*'], verbs: ['get'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] },
      ],
    });
    expect(describe('ClusterRole', role, cluster([role]))).toBe(
      lines(
        'Name:         health-reader',
        'Labels:       <none>',
        'Annotations:  <none>',
        'PolicyRule:',
        '  Resources  Non-Resource URLs  Resource Names  Verbs',
        '  ---------  -----------------  --------------  -----',
        '  nodes      []                 []              [get list]',
        '             [/healthz/*]       []              [get]',
        '             [/healthz]         []              [get]',
      ),
    );
  });

  it('describes a RoleBinding', () => {
    const binding = k('rbac.authorization.k8s.io/v1', 'RoleBinding', {
      metadata: { name: 'read-pods', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
        { kind: 'ServiceAccount', name: 'build-robot', namespace: 'default' },
      ],
    });
    expect(describe('RoleBinding', binding, cluster([binding]))).toBe(
      lines(
        'Name:         read-pods',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Role:',
        '  Kind:  Role',
        '  Name:  pod-reader',
        'Subjects:',
        '  Kind            Name         Namespace',
        '  ----            ----         ---------',
        '  User            jane         ',
        '  ServiceAccount  build-robot  default',
      ),
    );
  });
});

suite('storage', () => {
  const pvc = k('v1', 'PersistentVolumeClaim', {
    metadata: {
      name: 'data',
      namespace: 'demo',
      annotations: {
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
        'volume.kubernetes.io/selected-node': 'kind-control-plane',
        'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      volumeName: 'pvc-1234',
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
  });

  it('describes a bound PersistentVolumeClaim and the pod using it', () => {
    expect(describe('PersistentVolumeClaim', pvc, cluster([pvc, appPod]))).toBe(
      lines(
        'Name:          data',
        'Namespace:     demo',
        'StorageClass:  standard',
        'Status:        Bound',
        'Volume:        pvc-1234',
        'Labels:        <none>',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        '               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path',
        '               volume.kubernetes.io/selected-node: kind-control-plane',
        '               volume.kubernetes.io/storage-provisioner: rancher.io/local-path',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       app',
        'Events:        <none>',
      ),
    );
  });

  it('describes a local-path PersistentVolume with node affinity', () => {
    const pv = k('v1', 'PersistentVolume', {
      metadata: {
        name: 'pvc-1234',
        annotations: {
          'local.path.provisioner/selected-node': 'kind-control-plane',
          'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path',
        },
        finalizers: ['kubernetes.io/pv-protection'],
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '1Gi' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: 'data',
          namespace: 'demo',
          uid: 'pvc-uid',
        },
        hostPath: { path: '/var/local-path-provisioner/pvc-1234_demo_data', type: 'DirectoryOrCreate' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-control-plane'] },
                ],
              },
            ],
          },
        },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    });
    expect(describe('PersistentVolume', pv, cluster([pv]))).toBe(
      lines(
        'Name:              pvc-1234',
        'Labels:            <none>',
        'Annotations:       local.path.provisioner/selected-node: kind-control-plane',
        '                   pv.kubernetes.io/provisioned-by: rancher.io/local-path',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      standard',
        'Status:            Bound',
        'Claim:             demo/data',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          1Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        kubernetes.io/hostname in [kind-control-plane]',
        'Message:           ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /var/local-path-provisioner/pvc-1234_demo_data',
        '    HostPathType:  DirectoryOrCreate',
        'Events:            <none>',
      ),
    );
  });

  it("describes kind's standard StorageClass, whose last-applied annotation breaks the alignment", () => {
    const lastApplied =
      '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}\n';
    const sc = k('storage.k8s.io/v1', 'StorageClass', {
      metadata: {
        name: 'standard',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
          'storageclass.kubernetes.io/is-default-class': 'true',
        },
      },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(describe('StorageClass', sc, cluster([sc]))).toBe(
      lines(
        'Name:            standard',
        'IsDefaultClass:  Yes',
        `Annotations:     kubectl.kubernetes.io/last-applied-configuration=${lastApplied.trimEnd()}`,
        ',storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           rancher.io/local-path',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     WaitForFirstConsumer',
        'Events:                <none>',
      ),
    );
  });
});
