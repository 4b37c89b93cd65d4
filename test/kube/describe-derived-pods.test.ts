// Full `kubectl describe` outputs (of pods) for objects as a kind cluster stores them (API defaults
// filled in). describe_test.go mostly checks substrings; these expectations were worked out by
// hand from pkg/describe/describe.go and Go's text/tabwriter column rules (kubectl v0.32.4):
// every block of consecutive tab-carrying lines is padded to its widest cell plus two spaces.
// The same objects were also served to the real kubectl v1.32.4 binary from a loopback API server
// and its output matched these strings byte for byte.
import { expect, it, describe as suite } from 'vitest';
import { describe } from '../../engine/kube/describe/index.ts';
import {
  clusterAt,
  k,
  kubeletEvent,
  lines,
  KIND_OUTPUTS_NOW as NOW,
  podTemplateSpec,
} from './describe-fixtures.ts';

const cluster = clusterAt(NOW);

const webPod = k('v1', 'Pod', {
  metadata: {
    name: 'web-7d8b49557c-abcde',
    generateName: 'web-7d8b49557c-',
    namespace: 'default',
    uid: 'pod-uid',
    resourceVersion: '600',
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels: { app: 'web', 'pod-template-hash': '7d8b49557c' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-7d8b49557c',
        uid: 'rs-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: {
    ...podTemplateSpec,
    containers: [
      {
        ...podTemplateSpec.containers[0],
        volumeMounts: [
          {
            name: 'kube-api-access-abcde',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ],
      },
    ],
    enableServiceLinks: true,
    nodeName: 'kind-control-plane',
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    serviceAccount: 'default',
    serviceAccountName: 'default',
    tolerations: [
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
    ],
    volumes: [
      {
        name: 'kube-api-access-abcde',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' },
                ],
              },
            },
          ],
        },
      },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:05Z',
      },
      {
        type: 'Initialized',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:00Z',
      },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:05Z' },
      {
        type: 'ContainersReady',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:05Z',
      },
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:00Z',
      },
    ],
    hostIP: '172.18.0.2',
    hostIPs: [{ ip: '172.18.0.2' }],
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }],
    qosClass: 'BestEffort',
    startTime: '2025-01-01T00:00:00Z',
    containerStatuses: [
      {
        name: 'nginx',
        containerID: 'containerd://4f5e6d',
        image: 'docker.io/library/nginx:latest',
        imageID: 'docker.io/library/nginx@sha256:0a399e',
        ready: true,
        restartCount: 0,
        started: true,
        lastState: {},
        state: { running: { startedAt: '2025-01-01T00:00:05Z' } },
      },
    ],
  },
});

const podRef = {
  kind: 'Pod',
  namespace: 'default',
  name: 'web-7d8b49557c-abcde',
  uid: 'pod-uid',
  apiVersion: 'v1',
};
const podEvents = [
  // the scheduler reports through events.k8s.io: no source, no first/last timestamps
  k('v1', 'Event', {
    metadata: { name: 'web-7d8b49557c-abcde.181a0000000000', namespace: 'default' },
    involvedObject: podRef,
    reason: 'Scheduled',
    message: 'Successfully assigned default/web-7d8b49557c-abcde to kind-control-plane',
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    type: 'Normal',
    eventTime: '2025-01-01T00:00:00.250000Z',
    action: 'Binding',
    reportingComponent: 'default-scheduler',
    reportingInstance: 'default-scheduler-kind-control-plane',
  }),
  kubeletEvent(
    'web-7d8b49557c-abcde.181a0000000001',
    'default',
    { ...podRef, fieldPath: 'spec.containers{nginx}' },
    'Pulling',
    'Pulling image "nginx"',
    '2025-01-01T00:00:01Z',
  ),
  kubeletEvent(
    'web-7d8b49557c-abcde.181a0000000002',
    'default',
    { ...podRef, fieldPath: 'spec.containers{nginx}' },
    'Pulled',
    'Successfully pulled image "nginx" in 2.5s (2.5s including waiting). Image size: 72950530 bytes.',
    '2025-01-01T00:00:04Z',
  ),
  kubeletEvent(
    'web-7d8b49557c-abcde.181a0000000003',
    'default',
    { ...podRef, fieldPath: 'spec.containers{nginx}' },
    'Created',
    'Created container: nginx',
    '2025-01-01T00:00:04Z',
  ),
  kubeletEvent(
    'web-7d8b49557c-abcde.181a0000000004',
    'default',
    { ...podRef, fieldPath: 'spec.containers{nginx}' },
    'Started',
    'Started container nginx',
    '2025-01-01T00:00:05Z',
  ),
];

suite('pods', () => {
  it('describes a running deployment pod with its kube-api-access volume and events', () => {
    expect(describe('Pod', webPod, cluster([webPod, ...podEvents]))).toBe(
      lines(
        'Name:             web-7d8b49557c-abcde',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             kind-control-plane/172.18.0.2',
        'Start Time:       Wed, 01 Jan 2025 00:00:00 +0000',
        'Labels:           app=web',
        '                  pod-template-hash=7d8b49557c',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.0.5',
        'IPs:',
        '  IP:           10.244.0.5',
        'Controlled By:  ReplicaSet/web-7d8b49557c',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://4f5e6d',
        '    Image:          nginx',
        '    Image ID:       docker.io/library/nginx@sha256:0a399e',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Running',
        '      Started:      Wed, 01 Jan 2025 00:00:05 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  kube-api-access-abcde:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    ConfigMapOptional:       <nil>',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason     Age    From               Message',
        '  ----    ------     ----   ----               -------',
        '  Normal  Scheduled  4m59s  default-scheduler  Successfully assigned default/web-7d8b49557c-abcde to kind-control-plane',
        '  Normal  Pulling    4m59s  kubelet            Pulling image "nginx"',
        '  Normal  Pulled     4m56s  kubelet            Successfully pulled image "nginx" in 2.5s (2.5s including waiting). Image size: 72950530 bytes.',
        '  Normal  Created    4m56s  kubelet            Created container: nginx',
        '  Normal  Started    4m55s  kubelet            Started container nginx',
      ),
    );
  });

  it('leaves Events out with --show-events=false', () => {
    const out = describe('Pod', webPod, cluster([webPod, ...podEvents], false));
    expect(
      out.endsWith(
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n',
      ),
    ).toBe(true);
    expect(out).not.toContain('Events');
  });
});

const apiAccessVolume = (name: string) => ({
  name,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
        },
      },
    ],
  },
});
const apiAccessMount = {
  name: 'kube-api-access-xyz12',
  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
  readOnly: true,
};

const appPod = k('v1', 'Pod', {
  metadata: {
    name: 'app',
    namespace: 'demo',
    uid: 'app-uid',
    labels: { app: 'app' },
    creationTimestamp: '2025-01-01T00:00:00Z',
  },
  spec: {
    initContainers: [
      {
        name: 'init-db',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'until nslookup db; do sleep 2; done'],
        imagePullPolicy: 'IfNotPresent',
        resources: {},
        volumeMounts: [apiAccessMount],
      },
    ],
    containers: [
      {
        name: 'app',
        image: 'registry.example/app:1.2',
        imagePullPolicy: 'IfNotPresent',
        ports: [
          { containerPort: 8080, name: 'http', protocol: 'TCP' },
          { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
        ],
        envFrom: [{ configMapRef: { name: 'app-env' } }],
        env: [
          { name: 'MODE', value: 'production' },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          {
            name: 'LOG_LEVEL',
            valueFrom: { configMapKeyRef: { name: 'app-config', key: 'log-level', optional: true } },
          },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          {
            name: 'CPU_LIMIT',
            valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' } },
          },
        ],
        resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 10,
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        readinessProbe: {
          tcpSocket: { port: 'http' },
          periodSeconds: 5,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        startupProbe: {
          exec: { command: ['cat', '/tmp/ready'] },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 30,
        },
        volumeMounts: [
          { name: 'config', mountPath: '/etc/app' },
          { name: 'data', mountPath: '/data', subPath: 'app' },
          apiAccessMount,
        ],
      },
    ],
    nodeName: 'kind-control-plane',
    priority: 0,
    serviceAccountName: 'default',
    tolerations: [
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: 'app-config', defaultMode: 420 } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
      apiAccessVolume('kube-api-access-xyz12'),
    ],
  },
  status: {
    phase: 'Running',
    qosClass: 'Burstable',
    hostIP: '172.18.0.2',
    podIP: '10.244.0.7',
    podIPs: [{ ip: '10.244.0.7' }],
    startTime: '2025-01-01T00:00:00Z',
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    initContainerStatuses: [
      {
        name: 'init-db',
        containerID: 'containerd://i1',
        image: 'docker.io/library/busybox:1.36',
        imageID: 'docker.io/library/busybox@sha256:b1',
        ready: true,
        restartCount: 0,
        state: {
          terminated: {
            containerID: 'containerd://i1',
            exitCode: 0,
            reason: 'Completed',
            startedAt: '2025-01-01T00:00:02Z',
            finishedAt: '2025-01-01T00:00:06Z',
          },
        },
        lastState: {},
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        containerID: 'containerd://a1',
        image: 'registry.example/app:1.2',
        imageID: 'registry.example/app@sha256:a1',
        ready: true,
        restartCount: 1,
        started: true,
        state: { running: { startedAt: '2025-01-01T00:01:00Z' } },
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: '2025-01-01T00:00:07Z',
            finishedAt: '2025-01-01T00:00:59Z',
          },
        },
      },
    ],
  },
});

suite('containers in detail', () => {
  it('describes init containers, ports, last state, resources, probes, environment and volumes', () => {
    expect(describe('Pod', appPod, cluster([appPod]))).toBe(
      lines(
        'Name:             app',
        'Namespace:        demo',
        'Priority:         0',
        'Service Account:  default',
        'Node:             kind-control-plane/172.18.0.2',
        'Start Time:       Wed, 01 Jan 2025 00:00:00 +0000',
        'Labels:           app=app',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.0.7',
        'IPs:',
        '  IP:  10.244.0.7',
        'Init Containers:',
        '  init-db:',
        '    Container ID:  containerd://i1',
        '    Image:         busybox:1.36',
        '    Image ID:      docker.io/library/busybox@sha256:b1',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Command:',
        '      sh',
        '      -c',
        '      until nslookup db; do sleep 2; done',
        '    State:          Terminated',
        '      Reason:       Completed',
        '      Exit Code:    0',
        '      Started:      Wed, 01 Jan 2025 00:00:02 +0000',
        '      Finished:     Wed, 01 Jan 2025 00:00:06 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-xyz12 (ro)',
        'Containers:',
        '  app:',
        '    Container ID:   containerd://a1',
        '    Image:          registry.example/app:1.2',
        '    Image ID:       registry.example/app@sha256:a1',
        '    Ports:          8080/TCP, 9090/TCP',
        '    Host Ports:     0/TCP, 0/TCP',
        '    State:          Running',
        '      Started:      Wed, 01 Jan 2025 00:01:00 +0000',
        '    Last State:     Terminated',
        '      Reason:       OOMKilled',
        '      Exit Code:    137',
        '      Started:      Wed, 01 Jan 2025 00:00:07 +0000',
        '      Finished:     Wed, 01 Jan 2025 00:00:59 +0000',
        '    Ready:          True',
        '    Restart Count:  1',
        '    Limits:',
        '      cpu:     500m',
        '      memory:  256Mi',
        '    Requests:',
        '      cpu:      250m',
        '      memory:   128Mi',
        '    Liveness:   http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3',
        '    Readiness:  tcp-socket :http delay=0s timeout=1s period=5s #success=1 #failure=3',
        '    Startup:    exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=30',
        '    Environment Variables from:',
        '      app-env  ConfigMap  Optional: false',
        '    Environment:',
        `      MODE:         production`,
        `      DB_PASSWORD:  <set to the key 'password' in secret 'db'>${' '.repeat(15)}Optional: false`,
        `      LOG_LEVEL:    <set to the key 'log-level' of config map 'app-config'>  Optional: true`,
        '      POD_NAME:     app (v1:metadata.name)',
        '      POD_IP:        (v1:status.podIP)',
        '      CPU_LIMIT:    500 (limits.cpu)',
        '    Mounts:',
        '      /data from data (rw,path="app")',
        '      /etc/app from config (rw)',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-xyz12 (ro)',
        'Conditions:',
        '  Type           Status',
        '  Ready          True ',
        '  PodScheduled   True ',
        'Volumes:',
        '  config:',
        '    Type:      ConfigMap (a volume populated by a ConfigMap)',
        '    Name:      app-config',
        '    Optional:  false',
        '  data:',
        '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:  data',
        '    ReadOnly:   false',
        '  cache:',
        "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
        '    Medium:     ',
        '    SizeLimit:  1Gi',
        '  kube-api-access-xyz12:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    ConfigMapOptional:       <nil>',
        '    DownwardAPI:             true',
        'QoS Class:                   Burstable',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:                      <none>',
      ),
    );
  });
});

suite('event order', () => {
  it("orders events with equal lastTimestamps as Go's unstable sort.Sort does", () => {
    // The order below is what the kubectl v1.32.4 binary printed for these objects, served to it
    // from a loopback API server: with more than 12 events pdqsort no longer keeps list order.
    const pod = k('v1', 'Pod', {
      metadata: { name: 'busy', namespace: 'default', uid: 'busy-uid' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
    const io = { apiVersion: 'v1', kind: 'Pod', name: 'busy', namespace: 'default', uid: 'busy-uid' };
    const events = Array.from({ length: 20 }, (_, i) =>
      k('v1', 'Event', {
        metadata: { name: `busy.${String(i).padStart(2, '0')}`, namespace: 'default' },
        involvedObject: io,
        reason: i % 4 === 0 ? 'BackOff' : 'Failed',
        message: `attempt ${i}`,
        source: { component: 'kubelet', host: 'kind-control-plane' },
        firstTimestamp: i % 5 === 0 ? '2025-01-01T00:01:00Z' : '2025-01-01T00:02:00Z',
        lastTimestamp: i % 5 === 0 ? '2025-01-01T00:01:00Z' : '2025-01-01T00:02:00Z',
        count: 1,
        type: 'Warning',
        eventTime: null,
      }),
    );
    const out = describe('Pod', pod, cluster([pod, ...events]));
    const row = (i: number, age: string) =>
      `  Warning  ${i % 4 === 0 ? 'BackOff' : 'Failed '}  ${age}    kubelet  attempt ${i}`;
    expect(out.slice(out.indexOf('Events:'))).toBe(
      lines(
        'Events:',
        '  Type     Reason   Age   From     Message',
        '  ----     ------   ----  ----     -------',
        ...[10, 5, 15, 0].map((i) => row(i, '4m')),
        ...[17, 11, 6, 3, 19, 1, 7, 4, 12, 13, 14, 2, 16, 9, 18, 8].map((i) => row(i, '3m')),
      ),
    );
  });
});
