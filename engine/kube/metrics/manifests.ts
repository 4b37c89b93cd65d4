// The objects of metrics-server v0.7.2's components.yaml (manifests/base and the release
// component of kubernetes-sigs/metrics-server), with the `--kubelet-insecure-tls` argument kind
// users add, as `kubectl apply -f components.yaml` would create them.
import type { KubeObject } from '../api/types.ts';

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server:v0.7.2';

/** manifests/base/kustomization.yaml: commonLabels. */
const labels = { 'k8s-app': 'metrics-server' };

export function metricsServerObjects(): KubeObject[] {
  const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({
    apiGroups,
    resources,
    verbs,
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'system:aggregated-metrics-reader',
        labels: {
          ...labels,
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        },
      },
      rules: [rule(['metrics.k8s.io'], ['pods', 'nodes'], ['get', 'list', 'watch'])],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'system:metrics-server', labels },
      rules: [
        rule([''], ['nodes/metrics'], ['get']),
        rule([''], ['pods', 'nodes'], ['get', 'list', 'watch']),
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'metrics-server-auth-reader', namespace: 'kube-system', labels },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'extension-apiserver-authentication-reader',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'metrics-server:system:auth-delegator', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'system:metrics-server', labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:metrics-server' },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }],
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels },
      spec: {
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }],
        selector: labels,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels },
      spec: {
        selector: { matchLabels: labels },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'metrics-server',
                image: METRICS_SERVER_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  '--cert-dir=/tmp',
                  '--secure-port=10250',
                  '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
                  '--kubelet-use-node-status-port',
                  '--metric-resolution=15s',
                  '--kubelet-insecure-tls',
                ],
                ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
                readinessProbe: {
                  httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' },
                  periodSeconds: 10,
                  failureThreshold: 3,
                  initialDelaySeconds: 20,
                },
                livenessProbe: {
                  httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' },
                  periodSeconds: 10,
                  failureThreshold: 3,
                },
                resources: { requests: { cpu: '100m', memory: '200Mi' } },
                securityContext: {
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  runAsUser: 1000,
                  allowPrivilegeEscalation: false,
                  seccompProfile: { type: 'RuntimeDefault' },
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'metrics-server',
            volumes: [{ name: 'tmp-dir', emptyDir: {} }],
          },
        },
      },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io', labels },
      spec: {
        service: { name: 'metrics-server', namespace: 'kube-system' },
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ];
}
