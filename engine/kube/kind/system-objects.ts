// The objects kubeadm and kind install in a new cluster: namespaces, the API server and DNS
// Services, CoreDNS, kube-proxy, kindnet, the local-path provisioner, the control-plane
// static pods (as mirror pods) and the default StorageClass.

import type { KubeObject } from '../api/types.ts';
import { bootstrapPolicyObjects } from '../auth/bootstrap-policy.ts';
import type { Cluster } from '../cluster.ts';
import type { NodePlan } from './bootstrap.ts';

const CRITICAL = { priorityClassName: 'system-cluster-critical' };
const NODE_CRITICAL = { priorityClassName: 'system-node-critical', hostNetwork: true };

function ns(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function staticPod(component: string, image: string, node: string, command: string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.source': 'file' },
    },
    spec: {
      nodeName: node,
      ...NODE_CRITICAL,
      containers: [{ name: component, image, command }],
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  };
}

export function systemObjects(cluster: Cluster, plans: NodePlan[]): KubeObject[] {
  void cluster;
  const plane = plans.find((p) => p.role === 'control-plane')?.name ?? 'kind-control-plane';
  const controlPlaneToleration = [
    { key: 'CriticalAddonsOnly', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
  ];
  return [
    ns('default'),
    ns('kube-node-lease'),
    ns('kube-public'),
    ns('kube-system'),
    ns('local-path-storage'),
    ...bootstrapPolicyObjects(),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: {
        Corefile:
          '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n',
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            ...CRITICAL,
            serviceAccountName: 'coredns',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: controlPlaneToleration,
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.3',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              },
            ],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kindnet', namespace: 'kube-system' } },
    daemonSet('kube-proxy', { 'k8s-app': 'kube-proxy' }, 'registry.k8s.io/kube-proxy:v1.32.2', [
      '/usr/local/bin/kube-proxy',
      '--config=/var/lib/kube-proxy/config.conf',
      '--hostname-override=$(NODE_NAME)',
    ]),
    daemonSet(
      'kindnet',
      { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
      'docker.io/kindest/kindnetd:v20250214-acbabc1a',
      undefined,
    ),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'local-path-provisioner-service-account', namespace: 'local-path-storage' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'local-path-provisioner' } },
        template: {
          metadata: { labels: { app: 'local-path-provisioner' } },
          spec: {
            serviceAccountName: 'local-path-provisioner-service-account',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
            ],
            containers: [
              {
                name: 'local-path-provisioner',
                image: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
                command: [
                  'local-path-provisioner',
                  '--debug',
                  'start',
                  '--helper-image',
                  'docker.io/kindest/local-path-helper:v20241212-8ac705d0',
                  '--config',
                  '/etc/config/config.json',
                ],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
    staticPod('etcd', 'registry.k8s.io/etcd:3.5.16-0', plane, ['etcd']),
    staticPod('kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.32.2', plane, ['kube-apiserver']),
    staticPod('kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.32.2', plane, [
      'kube-controller-manager',
    ]),
    staticPod('kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.2', plane, ['kube-scheduler']),
  ];
}

function daemonSet(
  name: string,
  labels: Record<string, string>,
  image: string,
  command: string[] | undefined,
): KubeObject {
  const selectorKey = labels['k8s-app'] ? { 'k8s-app': labels['k8s-app'] } : labels;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', labels: selectorKey },
    spec: {
      selector: { matchLabels: selectorKey },
      template: {
        metadata: { labels },
        spec: {
          ...NODE_CRITICAL,
          serviceAccountName: name,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          containers: [
            { name: name === 'kindnet' ? 'kindnet-cni' : name, image, ...(command ? { command } : {}) },
          ],
        },
      },
    },
  };
}
