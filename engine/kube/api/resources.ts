// The resource types the simulated API server serves, as discovery lists them: group,
// version, plural, short names, scope and verbs. kubectl resolves `po`, `deploy/x` and
// `deployments.apps` through this table, and `kubectl api-resources` prints it.

export interface ResourceType {
  group: string;
  version: string;
  /** Plural lower-case name used in URLs and by kubectl: "pods". */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Discovery categories; "all" is what `kubectl get all` expands. */
  categories: string[];
  /** Served only as a subresource-less virtual kind (bindings, reviews): no storage. */
  virtual?: boolean;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];

function r(
  groupVersion: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
  extra: Partial<ResourceType> = {},
): ResourceType {
  const slash = groupVersion.indexOf('/');
  const group = slash < 0 ? '' : groupVersion.slice(0, slash);
  const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames,
    verbs: CRUD,
    categories: [],
    ...extra,
  };
}

const ALL = { categories: ['all'] };

/** Built-in resources of Kubernetes 1.32 in discovery order (core group first). */
export const BUILTIN_RESOURCES: ResourceType[] = [
  r('v1', 'bindings', 'Binding', true, [], { verbs: CREATE_ONLY, virtual: true }),
  r('v1', 'componentstatuses', 'ComponentStatus', false, ['cs'], { verbs: ['get', 'list'], virtual: true }),
  r('v1', 'configmaps', 'ConfigMap', true, ['cm']),
  r('v1', 'endpoints', 'Endpoints', true, ['ep'], { singular: 'endpoints' }),
  r('v1', 'events', 'Event', true, ['ev']),
  r('v1', 'limitranges', 'LimitRange', true, ['limits']),
  r('v1', 'namespaces', 'Namespace', false, ['ns'], {
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  r('v1', 'nodes', 'Node', false, ['no']),
  r('v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  r('v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  r('v1', 'pods', 'Pod', true, ['po'], ALL),
  r('v1', 'podtemplates', 'PodTemplate', true),
  r('v1', 'replicationcontrollers', 'ReplicationController', true, ['rc'], ALL),
  r('v1', 'resourcequotas', 'ResourceQuota', true, ['quota']),
  r('v1', 'secrets', 'Secret', true),
  r('v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  r('v1', 'services', 'Service', true, ['svc'], ALL),
  r(
    'admissionregistration.k8s.io/v1',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    false,
  ),
  r('admissionregistration.k8s.io/v1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false),
  r(
    'admissionregistration.k8s.io/v1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    false,
  ),
  r(
    'admissionregistration.k8s.io/v1',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    false,
  ),
  r('apiextensions.k8s.io/v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, [
    'crd',
    'crds',
  ]),
  r('apiregistration.k8s.io/v1', 'apiservices', 'APIService', false),
  r('apps/v1', 'controllerrevisions', 'ControllerRevision', true),
  r('apps/v1', 'daemonsets', 'DaemonSet', true, ['ds'], ALL),
  r('apps/v1', 'deployments', 'Deployment', true, ['deploy'], ALL),
  r('apps/v1', 'replicasets', 'ReplicaSet', true, ['rs'], ALL),
  r('apps/v1', 'statefulsets', 'StatefulSet', true, ['sts'], ALL),
  r('authentication.k8s.io/v1', 'selfsubjectreviews', 'SelfSubjectReview', false, [], {
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  r('authentication.k8s.io/v1', 'tokenreviews', 'TokenReview', false, [], {
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  r('authorization.k8s.io/v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', true, [], {
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  r('authorization.k8s.io/v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, [], {
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  r('authorization.k8s.io/v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, [], {
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  r('authorization.k8s.io/v1', 'subjectaccessreviews', 'SubjectAccessReview', false, [], {
    verbs: CREATE_ONLY,
    virtual: true,
  }),
  r('autoscaling/v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa'], ALL),
  r('batch/v1', 'cronjobs', 'CronJob', true, ['cj'], ALL),
  r('batch/v1', 'jobs', 'Job', true, [], ALL),
  r('certificates.k8s.io/v1', 'certificatesigningrequests', 'CertificateSigningRequest', false, ['csr']),
  r('coordination.k8s.io/v1', 'leases', 'Lease', true),
  r('discovery.k8s.io/v1', 'endpointslices', 'EndpointSlice', true),
  r('events.k8s.io/v1', 'events', 'Event', true, ['ev']),
  r('flowcontrol.apiserver.k8s.io/v1', 'flowschemas', 'FlowSchema', false),
  r('flowcontrol.apiserver.k8s.io/v1', 'prioritylevelconfigurations', 'PriorityLevelConfiguration', false),
  r('networking.k8s.io/v1', 'ingressclasses', 'IngressClass', false),
  r('networking.k8s.io/v1', 'ingresses', 'Ingress', true, ['ing']),
  r('networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol']),
  r('node.k8s.io/v1', 'runtimeclasses', 'RuntimeClass', false),
  r('policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb']),
  r('rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  r('rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', false),
  r('rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding', true),
  r('rbac.authorization.k8s.io/v1', 'roles', 'Role', true),
  r('scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', false, ['pc']),
  r('storage.k8s.io/v1', 'csidrivers', 'CSIDriver', false),
  r('storage.k8s.io/v1', 'csinodes', 'CSINode', false),
  r('storage.k8s.io/v1', 'csistoragecapacities', 'CSIStorageCapacity', true),
  r('storage.k8s.io/v1', 'storageclasses', 'StorageClass', false, ['sc']),
  r('storage.k8s.io/v1', 'volumeattachments', 'VolumeAttachment', false),
];

/** Versions a group once served and 1.32 no longer does: kubectl reports "no matches". */
export const REMOVED_VERSIONS: Record<string, string> = {
  'autoscaling/v2beta1': 'v1.25',
  'autoscaling/v2beta2': 'v1.26',
  'batch/v1beta1': 'v1.25',
  'extensions/v1beta1': 'v1.22',
  'apps/v1beta1': 'v1.16',
  'apps/v1beta2': 'v1.16',
  'networking.k8s.io/v1beta1': 'v1.22',
  'policy/v1beta1': 'v1.25',
  'rbac.authorization.k8s.io/v1beta1': 'v1.22',
  'storage.k8s.io/v1beta1': 'v1.22',
};

/** Older versions 1.32 still serves besides the preferred one (same storage). */
export const EXTRA_VERSIONS: Record<string, string[]> = {
  autoscaling: ['v1'],
};

export function groupVersion(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** "deployments.apps", the name kubectl prints in `deployment.apps/x created`. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

/** "deployment.apps", the prefix of `-o name` and of kubectl's action lines. */
export function qualifiedKind(type: ResourceType): string {
  return type.group ? `${type.singular}.${type.group}` : type.singular;
}

/** The key the store files a resource under: "apps/deployments", "/pods". */
export function storageKey(type: ResourceType): string {
  return `${type.group}/${type.resource}`;
}
