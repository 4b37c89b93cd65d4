// Full `kubectl describe` outputs (of nodes, ingresses and events) for objects as a kind cluster stores them (API defaults
// filled in). describe_test.go mostly checks substrings; these expectations were worked out by
// hand from pkg/describe/describe.go and Go's text/tabwriter column rules (kubectl v0.32.4):
// every block of consecutive tab-carrying lines is padded to its widest cell plus two spaces.
// The same objects were also served to the real kubectl v1.32.4 binary from a loopback API server
// and its output matched these strings byte for byte.
import { expect, it, describe as suite } from 'vitest';
import { describable, describe, describeMatching } from '../../engine/kube/describe/index.ts';
import { clusterAt, k, kubeletEvent, lines, KIND_OUTPUTS_NOW as NOW, webPod } from './describe-fixtures.ts';

const cluster = clusterAt(NOW);

suite('nodes', () => {
  const node = k('v1', 'Node', {
    metadata: {
      name: 'kind-control-plane',
      uid: 'node-uid',
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'kind-control-plane',
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: '10.244.0.0/24',
      podCIDRs: ['10.244.0.0/24'],
      providerID: 'kind://docker/kind/kind-control-plane',
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'kind-control-plane' },
      ],
      allocatable: {
        cpu: '8',
        'ephemeral-storage': '263112772Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '32827340Ki',
        pods: '110',
      },
      capacity: {
        cpu: '8',
        'ephemeral-storage': '263112772Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '32827340Ki',
        pods: '110',
      },
      conditions: [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ].map(([type, status, reason, message]) => ({
        type,
        status,
        reason,
        message,
        lastHeartbeatTime: '2025-01-01T00:04:30Z',
        lastTransitionTime: type === 'Ready' ? '2025-01-01T00:00:20Z' : '2025-01-01T00:00:00Z',
      })),
      nodeInfo: {
        architecture: 'amd64',
        bootID: 'b-id',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.32.2',
        machineID: 'm-id',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: 's-uuid',
      },
    },
  });
  const lease = k('coordination.k8s.io/v1', 'Lease', {
    metadata: { name: 'kind-control-plane', namespace: 'kube-node-lease' },
    spec: {
      holderIdentity: 'kind-control-plane',
      leaseDurationSeconds: 40,
      renewTime: '2025-01-01T00:04:55.123456Z',
    },
  });
  const coredns = k('v1', 'Pod', {
    metadata: {
      name: 'coredns-668d6bf9bc-abcde',
      namespace: 'kube-system',
      creationTimestamp: '2025-01-01T00:00:10Z',
    },
    spec: {
      nodeName: 'kind-control-plane',
      containers: [
        {
          name: 'coredns',
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
        },
      ],
    },
    status: { phase: 'Running' },
  });
  const finished = k('v1', 'Pod', {
    metadata: { name: 'job-done', namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: {
      nodeName: 'kind-control-plane',
      containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }],
    },
    status: { phase: 'Succeeded' },
  });
  const nodeRef = { kind: 'Node', name: 'kind-control-plane' };
  const events = [
    kubeletEvent(
      'kind-control-plane.181a0000000001',
      'default',
      { ...nodeRef, uid: 'kind-control-plane' },
      'Starting',
      'Starting kubelet.',
      '2025-01-01T00:00:01Z',
    ),
    k('v1', 'Event', {
      metadata: { name: 'kind-control-plane.181a0000000002', namespace: 'default' },
      involvedObject: { ...nodeRef, uid: 'node-uid', apiVersion: 'v1' },
      reason: 'RegisteredNode',
      message: 'Node kind-control-plane event: Registered Node kind-control-plane in Controller',
      source: { component: 'node-controller' },
      firstTimestamp: '2025-01-01T00:00:15Z',
      lastTimestamp: '2025-01-01T00:00:15Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
    }),
  ];

  it('describes a kind node: conditions, capacity, non-terminated pods and allocation', () => {
    const out = describe('Node', node, cluster([node, lease, webPod, coredns, finished, ...events]));
    expect(out).toBe(
      lines(
        'Name:               kind-control-plane',
        'Roles:              control-plane',
        'Labels:             beta.kubernetes.io/arch=amd64',
        '                    beta.kubernetes.io/os=linux',
        '                    kubernetes.io/arch=amd64',
        '                    kubernetes.io/hostname=kind-control-plane',
        '                    kubernetes.io/os=linux',
        '                    node-role.kubernetes.io/control-plane=',
        '                    node.kubernetes.io/exclude-from-external-load-balancers=',
        'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock',
        '                    node.alpha.kubernetes.io/ttl: 0',
        '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
        'CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000',
        'Taints:             <none>',
        'Unschedulable:      false',
        'Lease:',
        '  HolderIdentity:  kind-control-plane',
        '  AcquireTime:     <unset>',
        '  RenewTime:       Wed, 01 Jan 2025 00:04:55 +0000',
        'Conditions:',
        '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
        '  ----             ------  -----------------                 ------------------                ------                       -------',
        '  MemoryPressure   False   Wed, 01 Jan 2025 00:04:30 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
        '  DiskPressure     False   Wed, 01 Jan 2025 00:04:30 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure',
        '  PIDPressure      False   Wed, 01 Jan 2025 00:04:30 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available',
        '  Ready            True    Wed, 01 Jan 2025 00:04:30 +0000   Wed, 01 Jan 2025 00:00:20 +0000   KubeletReady                 kubelet is posting ready status',
        'Addresses:',
        '  InternalIP:  172.18.0.2',
        '  Hostname:    kind-control-plane',
        'Capacity:',
        '  cpu:                8',
        '  ephemeral-storage:  263112772Ki',
        '  hugepages-1Gi:      0',
        '  hugepages-2Mi:      0',
        '  memory:             32827340Ki',
        '  pods:               110',
        'Allocatable:',
        '  cpu:                8',
        '  ephemeral-storage:  263112772Ki',
        '  hugepages-1Gi:      0',
        '  hugepages-2Mi:      0',
        '  memory:             32827340Ki',
        '  pods:               110',
        'System Info:',
        '  Machine ID:                 m-id',
        '  System UUID:                s-uuid',
        '  Boot ID:                    b-id',
        '  Kernel Version:             6.8.0-51-generic',
        '  OS Image:                   Debian GNU/Linux 12 (bookworm)',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.24',
        '  Kubelet Version:            v1.32.2',
        '  Kube-Proxy Version:         ',
        'PodCIDR:                      10.244.0.0/24',
        'PodCIDRs:                     10.244.0.0/24',
        'ProviderID:                   kind://docker/kind/kind-control-plane',
        'Non-terminated Pods:          (2 in total)',
        '  Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                        ------------  ----------  ---------------  -------------  ---',
        '  default                     web-7d8b49557c-abcde        0 (0%)        0 (0%)      0 (0%)           0 (0%)         5m',
        '  kube-system                 coredns-668d6bf9bc-abcde    100m (1%)     0 (0%)      70Mi (0%)        170Mi (0%)     4m50s',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests   Limits',
        '  --------           --------   ------',
        '  cpu                100m (1%)  0 (0%)',
        '  memory             70Mi (0%)  170Mi (0%)',
        '  ephemeral-storage  0 (0%)     0 (0%)',
        '  hugepages-1Gi      0 (0%)     0 (0%)',
        '  hugepages-2Mi      0 (0%)     0 (0%)',
        'Events:',
        '  Type    Reason          Age    From             Message',
        '  ----    ------          ----   ----             -------',
        '  Normal  Starting        4m59s  kubelet          Starting kubelet.',
        '  Normal  RegisteredNode  4m45s  node-controller  Node kind-control-plane event: Registered Node kind-control-plane in Controller',
      ),
    );
  });

  it('reports a missing lease as kubectl does', () => {
    const out = describe('Node', node, cluster([node], false));
    expect(out).toContain(
      'Lease:              Failed to get lease: leases.coordination.k8s.io "kind-control-plane" not found\n',
    );
  });
});

suite('networking and generic', () => {
  it('describes an Ingress whose backend service has endpoints', () => {
    const ingress = k('networking.k8s.io/v1', 'Ingress', {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'web.local',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
      status: { loadBalancer: { ingress: [{ hostname: 'localhost' }] } },
    });
    const service = k('v1', 'Service', {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
      },
    });
    const slice = k('discovery.k8s.io/v1', 'EndpointSlice', {
      metadata: { name: 'web-x7k2p', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true } }],
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
    });
    expect(describe('Ingress', ingress, cluster([ingress, service, slice]))).toBe(
      lines(
        'Name:             web',
        'Labels:           <none>',
        'Namespace:        default',
        'Address:          localhost',
        'Ingress Class:    nginx',
        'Default backend:  <default>',
        'Rules:',
        '  Host        Path  Backends',
        '  ----        ----  --------',
        '  web.local   ',
        '              /   web:80 (10.244.0.5:80)',
        'Annotations:  <none>',
        'Events:       <none>',
      ),
    );
  });

  it('describes an Event with the generic describer', () => {
    const event = kubeletEvent(
      'web-7d8b49557c-abcde.181a0000000002',
      'default',
      {
        apiVersion: 'v1',
        kind: 'Pod',
        name: 'web-7d8b49557c-abcde',
        namespace: 'default',
        uid: 'pod-uid',
        fieldPath: 'spec.containers{nginx}',
      },
      'Pulled',
      'Successfully pulled image "nginx" in 2.5s (2.5s including waiting). Image size: 72950530 bytes.',
      '2025-01-01T00:00:04Z',
    );
    event.metadata = {
      ...event.metadata,
      creationTimestamp: '2025-01-01T00:00:04Z',
      resourceVersion: '612',
      uid: 'ev-uid',
    };
    expect(describe('Event', event, cluster([event]))).toBe(
      lines(
        'Name:             web-7d8b49557c-abcde.181a0000000002',
        'Namespace:        default',
        'Labels:           <none>',
        'Annotations:      <none>',
        'API Version:      v1',
        'Count:            1',
        'Event Time:       <nil>',
        'First Timestamp:  2025-01-01T00:00:04Z',
        'Involved Object:',
        '  API Version:   v1',
        '  Field Path:    spec.containers{nginx}',
        '  Kind:          Pod',
        '  Name:          web-7d8b49557c-abcde',
        '  Namespace:     default',
        '  UID:           pod-uid',
        'Kind:            Event',
        'Last Timestamp:  2025-01-01T00:00:04Z',
        'Message:         Successfully pulled image "nginx" in 2.5s (2.5s including waiting). Image size: 72950530 bytes.',
        'Metadata:',
        '  Creation Timestamp:  2025-01-01T00:00:04Z',
        '  Resource Version:    612',
        '  UID:                 ev-uid',
        'Reason:                Pulled',
        'Reporting Component:   kubelet',
        'Reporting Instance:    kind-control-plane',
        'Source:',
        '  Component:  kubelet',
        '  Host:       kind-control-plane',
        'Type:         Normal',
        'Events:       <none>',
      ),
    );
  });
});

suite('dispatch', () => {
  it('uses the dedicated describers kubectl has and the generic one for the rest', () => {
    expect(describable('Pod')).toBe(true);
    expect(describable('Ingress')).toBe(true);
    expect(describable('Lease')).toBe(false);
    expect(describable('Event')).toBe(false);
    const lease = k('coordination.k8s.io/v1', 'Lease', {
      metadata: { name: 'kind-control-plane', namespace: 'kube-node-lease' },
      spec: { holderIdentity: 'kind-control-plane', leaseDurationSeconds: 40 },
    });
    expect(describe('Lease', lease, cluster([lease], false))).toBe(
      lines(
        'Name:         kind-control-plane',
        'Namespace:    kube-node-lease',
        'Labels:       <none>',
        'Annotations:  <none>',
        'API Version:  coordination.k8s.io/v1',
        'Kind:         Lease',
        'Metadata:',
        'Spec:',
        '  Holder Identity:         kind-control-plane',
        '  Lease Duration Seconds:  40',
      ),
    );
  });

  it('prints each prefix match followed by a newline (kubectl describe TYPE PREFIX)', () => {
    const ctx = cluster([], false);
    const a = k('v1', 'Namespace', { metadata: { name: 'team-a' }, status: { phase: 'Active' } });
    const b = k('v1', 'Namespace', { metadata: { name: 'team-b' }, status: { phase: 'Active' } });
    expect(
      describeMatching(
        [
          { kind: 'Namespace', obj: a },
          { kind: 'Namespace', obj: b },
        ],
        ctx,
      ),
    ).toBe(`${describe('Namespace', a, ctx)}\n${describe('Namespace', b, ctx)}\n`);
  });
});
