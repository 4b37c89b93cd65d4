// Full `kubectl describe` outputs (of pod controllers) for objects as a kind cluster stores them (API defaults
// filled in). describe_test.go mostly checks substrings; these expectations were worked out by
// hand from pkg/describe/describe.go and Go's text/tabwriter column rules (kubectl v0.32.4):
// every block of consecutive tab-carrying lines is padded to its widest cell plus two spaces.
// The same objects were also served to the real kubectl v1.32.4 binary from a loopback API server
// and its output matched these strings byte for byte.
import { expect, it, describe as suite } from 'vitest';
import { describe, describeMany } from '../../engine/kube/describe/index.ts';
import {
  clusterAt,
  k,
  lines,
  KIND_OUTPUTS_NOW as NOW,
  podTemplateSpec,
  webPod,
} from './describe-fixtures.ts';

const cluster = clusterAt(NOW);

const deployment = k('apps/v1', 'Deployment', {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'deploy-uid',
    generation: 1,
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
  },
  spec: {
    progressDeadlineSeconds: 600,
    replicas: 1,
    revisionHistoryLimit: 10,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: podTemplateSpec },
  },
  status: {
    availableReplicas: 1,
    readyReplicas: 1,
    replicas: 1,
    updatedReplicas: 1,
    observedGeneration: 1,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastTransitionTime: '2025-01-01T00:00:05Z',
        lastUpdateTime: '2025-01-01T00:00:05Z',
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "web-7d8b49557c" has successfully progressed.',
        lastTransitionTime: '2025-01-01T00:00:00Z',
        lastUpdateTime: '2025-01-01T00:00:05Z',
      },
    ],
  },
});

const replicaSet = k('apps/v1', 'ReplicaSet', {
  metadata: {
    name: 'web-7d8b49557c',
    namespace: 'default',
    uid: 'rs-uid',
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels: { app: 'web', 'pod-template-hash': '7d8b49557c' },
    annotations: {
      'deployment.kubernetes.io/desired-replicas': '1',
      'deployment.kubernetes.io/max-replicas': '2',
      'deployment.kubernetes.io/revision': '1',
    },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: 'deploy-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d8b49557c' } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web', 'pod-template-hash': '7d8b49557c' } },
      spec: podTemplateSpec,
    },
  },
  status: {
    availableReplicas: 1,
    fullyLabeledReplicas: 1,
    readyReplicas: 1,
    replicas: 1,
    observedGeneration: 1,
  },
});

const deployRef = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'web',
  namespace: 'default',
  uid: 'deploy-uid',
  resourceVersion: '500',
};
const rsRef = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: 'web-7d8b49557c',
  namespace: 'default',
  uid: 'rs-uid',
  resourceVersion: '501',
};
const controllerEvents = [
  k('v1', 'Event', {
    metadata: { name: 'web.181a0000000000', namespace: 'default' },
    involvedObject: deployRef,
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-7d8b49557c from 0 to 1',
    source: { component: 'deployment-controller' },
    firstTimestamp: '2025-01-01T00:00:00Z',
    lastTimestamp: '2025-01-01T00:00:00Z',
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'deployment-controller',
    reportingInstance: '',
  }),
  k('v1', 'Event', {
    metadata: { name: 'web-7d8b49557c.181a0000000000', namespace: 'default' },
    involvedObject: rsRef,
    reason: 'SuccessfulCreate',
    message: 'Created pod: web-7d8b49557c-abcde',
    source: { component: 'replicaset-controller' },
    firstTimestamp: '2025-01-01T00:00:00Z',
    lastTimestamp: '2025-01-01T00:00:00Z',
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'replicaset-controller',
    reportingInstance: '',
  }),
];

suite('workloads', () => {
  const objects = [deployment, replicaSet, webPod, ...controllerEvents];

  it('describes a Deployment with its ReplicaSets and events', () => {
    expect(describe('Deployment', deployment, cluster(objects))).toBe(
      lines(
        'Name:                   web',
        'Namespace:              default',
        'CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 +0000',
        'Labels:                 app=web',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               app=web',
        'Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=web',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   web-7d8b49557c (1/1 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set web-7d8b49557c from 0 to 1',
      ),
    );
  });

  it('describes its ReplicaSet with the pod phases it controls', () => {
    expect(describe('ReplicaSet', replicaSet, cluster(objects))).toBe(
      lines(
        'Name:           web-7d8b49557c',
        'Namespace:      default',
        'Selector:       app=web,pod-template-hash=7d8b49557c',
        'Labels:         app=web',
        '                pod-template-hash=7d8b49557c',
        'Annotations:    deployment.kubernetes.io/desired-replicas: 1',
        '                deployment.kubernetes.io/max-replicas: 2',
        '                deployment.kubernetes.io/revision: 1',
        'Controlled By:  Deployment/web',
        'Replicas:       1 current / 1 desired',
        'Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=web',
        '           pod-template-hash=7d8b49557c',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age   From                   Message',
        '  ----    ------            ----  ----                   -------',
        '  Normal  SuccessfulCreate  5m    replicaset-controller  Created pod: web-7d8b49557c-abcde',
      ),
    );
  });

  it('joins several descriptions with a blank line, as kubectl describe deploy,rs does', () => {
    const ctx = cluster(objects);
    const both = describeMany(
      [
        { kind: 'Deployment', obj: deployment },
        { kind: 'ReplicaSet', obj: replicaSet },
      ],
      ctx,
    );
    expect(both).toBe(
      `${describe('Deployment', deployment, ctx)}\n\n${describe('ReplicaSet', replicaSet, ctx)}`,
    );
    expect(both).toContain('from 0 to 1\n\n\nName:           web-7d8b49557c\n');
  });
});

suite('stateful and daemon sets', () => {
  it('describes a StatefulSet with a volume claim template', () => {
    const sts = k('apps/v1', 'StatefulSet', {
      metadata: {
        name: 'db',
        namespace: 'default',
        uid: 'sts-uid',
        creationTimestamp: '2025-01-01T00:00:00Z',
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        serviceName: 'db',
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        revisionHistoryLimit: 10,
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'db' } },
          spec: {
            containers: [
              {
                name: 'postgres',
                image: 'postgres:16',
                ports: [{ containerPort: 5432, name: 'pg', protocol: 'TCP' }],
                volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { creationTimestamp: null, name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
              volumeMode: 'Filesystem',
            },
            status: { phase: 'Pending' },
          },
        ],
      },
      status: { replicas: 2, readyReplicas: 2 },
    });
    const pod = (name: string) =>
      k('v1', 'Pod', {
        metadata: {
          name,
          namespace: 'default',
          labels: { app: 'db' },
          ownerReferences: [{ kind: 'StatefulSet', name: 'db', uid: 'sts-uid', controller: true }],
        },
        status: { phase: 'Running' },
      });
    expect(describe('StatefulSet', sts, cluster([sts, pod('db-0'), pod('db-1')]))).toBe(
      lines(
        'Name:               db',
        'Namespace:          default',
        'CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000',
        'Selector:           app=db',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Replicas:           2 desired | 2 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=db',
        '  Containers:',
        '   postgres:',
        '    Image:        postgres:16',
        '    Port:         5432/TCP',
        '    Host Port:    0/TCP',
        '    Environment:  <none>',
        '    Mounts:',
        '      /var/lib/postgresql/data from data (rw)',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Volume Claims:',
        '  Name:          data',
        '  StorageClass:  ',
        '  Labels:        <none>',
        '  Annotations:   <none>',
        '  Capacity:      1Gi',
        '  Access Modes:  [ReadWriteOnce]',
        'Events:          <none>',
      ),
    );
  });

  it('describes a DaemonSet', () => {
    const labels = { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' };
    const ds = k('apps/v1', 'DaemonSet', {
      metadata: {
        name: 'kindnet',
        namespace: 'kube-system',
        uid: 'ds-uid',
        labels,
        annotations: { 'deprecated.daemonset.template.generation': '1' },
      },
      spec: {
        selector: { matchLabels: { app: 'kindnet' } },
        template: {
          metadata: { creationTimestamp: null, labels },
          spec: {
            serviceAccountName: 'kindnet',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ operator: 'Exists' }],
            containers: [
              {
                name: 'kindnet-cni',
                image: 'docker.io/kindest/kindnetd:v20250214-acbabc1a',
                env: [
                  {
                    name: 'HOST_IP',
                    valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.hostIP' } },
                  },
                ],
                resources: {
                  limits: { cpu: '100m', memory: '50Mi' },
                  requests: { cpu: '100m', memory: '50Mi' },
                },
                volumeMounts: [{ name: 'cni-cfg', mountPath: '/etc/cni/net.d' }],
              },
            ],
            volumes: [{ name: 'cni-cfg', hostPath: { path: '/etc/cni/net.d', type: '' } }],
          },
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      },
      status: {
        currentNumberScheduled: 1,
        desiredNumberScheduled: 1,
        numberAvailable: 1,
        numberMisscheduled: 0,
        numberReady: 1,
        updatedNumberScheduled: 1,
      },
    });
    const pod = k('v1', 'Pod', {
      metadata: {
        name: 'kindnet-abcde',
        namespace: 'kube-system',
        labels,
        ownerReferences: [{ kind: 'DaemonSet', name: 'kindnet', uid: 'ds-uid', controller: true }],
      },
      status: { phase: 'Running' },
    });
    expect(describe('DaemonSet', ds, cluster([ds, pod]))).toBe(
      lines(
        'Name:           kindnet',
        'Selector:       app=kindnet',
        'Node-Selector:  kubernetes.io/os=linux',
        'Labels:         app=kindnet',
        '                k8s-app=kindnet',
        '                tier=node',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 1',
        'Current Number of Nodes Scheduled: 1',
        'Number of Nodes Scheduled with Up-to-date Pods: 1',
        'Number of Nodes Scheduled with Available Pods: 1',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:           app=kindnet',
        '                    k8s-app=kindnet',
        '                    tier=node',
        '  Service Account:  kindnet',
        '  Containers:',
        '   kindnet-cni:',
        '    Image:      docker.io/kindest/kindnetd:v20250214-acbabc1a',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Limits:',
        '      cpu:     100m',
        '      memory:  50Mi',
        '    Requests:',
        '      cpu:     100m',
        '      memory:  50Mi',
        '    Environment:',
        '      HOST_IP:   (v1:status.hostIP)',
        '    Mounts:',
        '      /etc/cni/net.d from cni-cfg (rw)',
        '  Volumes:',
        '   cni-cfg:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /etc/cni/net.d',
        '    HostPathType:  ',
        '  Node-Selectors:  kubernetes.io/os=linux',
        '  Tolerations:     op=Exists',
        'Events:            <none>',
      ),
    );
  });
});
