// How server-side apply treats lists and maps of the built-in kinds: the `+listType`,
// `+listMapKey`, `+mapType` and `+structType` markers of k8s.io/api v0.32.4 (core/v1, apps/v1)
// and apimachinery meta/v1, which the 1.32 OpenAPI carries as x-kubernetes-list-type,
// x-kubernetes-list-map-keys and x-kubernetes-map-type. Unlisted lists are atomic (the default).

export type ListType =
  | { type: 'atomic' }
  | { type: 'set' }
  /** `members`: the key fields sorted by name, each as its JSON name and `:` (`"name":`). */
  | { type: 'map'; keys: string[]; members: [field: string, json: string][] };

const ATOMIC: ListType = { type: 'atomic' };
const SET: ListType = { type: 'set' };
const listMaps = new Map<string, ListType>();
function byKeys(...keys: string[]): ListType {
  const id = keys.join('\u0000');
  let list = listMaps.get(id);
  if (!list) {
    const members = [...keys].sort().map((k): [string, string] => [k, `${JSON.stringify(k)}:`]);
    list = { type: 'map', keys, members };
    listMaps.set(id, list);
  }
  return list;
}

/**
 * Key fields with an OpenAPI default: the protocol of container and service ports defaults to
 * TCP (core/v1 ContainerPort.Protocol, ServicePort.Protocol `+default="TCP"`), so an item
 * without it is keyed as if it were given (structured-merge-diff keyFieldsWithDefaults).
 */
export const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** The list type of the list at `path` (field names from the object root). */
export function listTypeAt(kind: string, path: string[]): ListType {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  if (parent === 'metadata' && path.length === 2) {
    if (field === 'finalizers') return SET; // ObjectMeta.Finalizers +listType=set
    if (field === 'ownerReferences') return byKeys('uid'); // +listType=map +listMapKey=uid
    return ATOMIC; // managedFields +listType=atomic
  }
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      // PodSpec.Containers etc., Container.Env: +listType=map +listMapKey=name
      return byKeys('name');
    case 'volumeMounts':
      return byKeys('mountPath'); // Container.VolumeMounts +listMapKey=mountPath
    case 'volumeDevices':
      return byKeys('devicePath');
    case 'ports':
      // ServiceSpec.Ports: +listMapKey=port +listMapKey=protocol;
      // Container.Ports: +listMapKey=containerPort +listMapKey=protocol
      if (kind === 'Service' && path.length === 2) return byKeys('port', 'protocol');
      return byKeys('containerPort', 'protocol');
    case 'conditions':
      // DeploymentStatus.Conditions, PodStatus.Conditions, ...: +listType=map +listMapKey=type
      return path[0] === 'status' ? byKeys('type') : ATOMIC;
    case 'topologySpreadConstraints':
      return byKeys('topologyKey', 'whenUnsatisfiable');
    case 'hostAliases':
      return byKeys('ip');
    case 'podIPs':
      return path[0] === 'status' ? byKeys('ip') : ATOMIC; // PodStatus.PodIPs +listMapKey=ip
  }
  return ATOMIC;
}

/** Map-typed fields (map[string]...): their keys are map entries, not declared fields. */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'data',
  'binaryData',
  'stringData',
  'limits',
  'requests',
]);

export function isMapField(path: string[]): boolean {
  return MAP_FIELDS.has(path[path.length - 1]);
}

/**
 * Objects replaced as a whole: metav1.LabelSelector (+structType=atomic, every `selector` of the
 * workloads), ServiceSpec.Selector and PodSpec.NodeSelector (+mapType=atomic), and the items of
 * metadata.ownerReferences (metav1.OwnerReference +structType=atomic).
 */
export function isAtomicObject(_kind: string, path: string[]): boolean {
  const field = path[path.length - 1];
  // metav1.OwnerReference +structType=atomic: each item of metadata.ownerReferences is one value
  if (field === 'ownerReferences' && path.length === 2) return true;
  return field === 'selector' || field === 'nodeSelector';
}
