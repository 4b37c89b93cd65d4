// The RBAC objects an API server and kubeadm create at start that `kubectl auth can-i` relies
// on: cluster-admin and the discovery/basic-user roles with their bindings
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml and
// cluster-role-bindings.yaml) and kubeadm's kubeadm:cluster-admins binding (kubeadm >= 1.29).
// kind/system-objects.ts installs them with the other objects of a new cluster.
// (system:service-account-issuer-discovery is left out: its 1.32 URL list is unverified.)
import type { KubeObject } from '../api/types.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC = 'rbac.authorization.k8s.io';
const DEFAULTS = {
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
};

function clusterRole(name: string, rules: Record<string, string[]>[]): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRole',
    metadata: { name, ...structuredClone(DEFAULTS) },
    rules,
  } as KubeObject;
}

function binding(name: string, role: string, groups: string[], bootstrap = true): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: bootstrap ? { name, ...structuredClone(DEFAULTS) } : { name },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({ apiGroup: RBAC, kind: 'Group', name: g })),
  } as KubeObject;
}

export function bootstrapPolicyObjects(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole('system:basic-user', [
      {
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        verbs: ['create'],
      },
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
    ]),
    clusterRole('system:discovery', [
      {
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ]),
    clusterRole('system:public-info-viewer', [
      { nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] },
    ]),
    binding('cluster-admin', 'cluster-admin', ['system:masters']),
    binding('system:basic-user', 'system:basic-user', ['system:authenticated']),
    binding('system:discovery', 'system:discovery', ['system:authenticated']),
    binding('system:public-info-viewer', 'system:public-info-viewer', [
      'system:authenticated',
      'system:unauthenticated',
    ]),
    binding('kubeadm:cluster-admins', 'cluster-admin', ['kubeadm:cluster-admins'], false),
  ];
}
