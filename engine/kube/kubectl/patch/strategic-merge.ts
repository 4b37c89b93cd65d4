// Strategic merge patch as the API server applies it (apimachinery strategicpatch): maps
// merge, lists merge by the patchMergeKey of the built-in types, `$patch`, `$retainKeys`,
// `$deleteFromPrimitiveList/` and `$setElementOrder/` directives.

type Json = unknown;
type JsonMap = Record<string, Json>;

export class StrategicMergeError extends Error {}

/** How one field merges: the patchStrategy / patchMergeKey struct tags of k8s.io/api. */
export interface FieldRule {
  mergeKey?: string;
  merge: boolean;
  retainKeys?: boolean;
  replace?: boolean;
}

const BY_NAME: FieldRule = { mergeKey: 'name', merge: true };
const BY_TYPE: FieldRule = { mergeKey: 'type', merge: true };
const BY_IP: FieldRule = { mergeKey: 'ip', merge: true };

/**
 * The rule for `field` reached through `path` (field names from the object root) in an
 * object of `kind`. Tags from k8s.io/api v0.32.4 core/v1, apps/v1, policy/v1 and
 * apimachinery's ObjectMeta (finalizers: merge; ownerReferences: merge on uid).
 */
export function ruleFor(kind: string, path: string[], field: string): FieldRule | undefined {
  const parent = path[path.length - 1];
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'imagePullSecrets':
    case 'schedulingGates':
    case 'allocatedResourcesStatus':
      return BY_NAME;
    case 'secrets':
      return kind === 'ServiceAccount' && path.length === 0 ? BY_NAME : undefined;
    case 'volumes':
    case 'resourceClaims':
    case 'resourceClaimStatuses':
      return { mergeKey: 'name', merge: true, retainKeys: true };
    case 'ports':
      // ServiceSpec.Ports merge on port; Container.Ports on containerPort
      if (kind === 'Service' && path.length === 1 && parent === 'spec')
        return { mergeKey: 'port', merge: true };
      return { mergeKey: 'containerPort', merge: true };
    case 'volumeMounts':
      return { mergeKey: 'mountPath', merge: true };
    case 'volumeDevices':
      return { mergeKey: 'devicePath', merge: true };
    case 'conditions':
      return BY_TYPE;
    case 'addresses':
      return kind === 'Node' ? BY_TYPE : undefined;
    case 'hostAliases':
    case 'podIPs':
    case 'hostIPs':
      return BY_IP;
    case 'topologySpreadConstraints':
      return { mergeKey: 'topologyKey', merge: true };
    case 'finalizers':
      return parent === 'metadata' ? { merge: true } : undefined;
    case 'ownerReferences':
      return parent === 'metadata' ? { mergeKey: 'uid', merge: true } : undefined;
    case 'podCIDRs':
      return kind === 'Node' ? { merge: true } : undefined;
    case 'strategy':
      return kind === 'Deployment' && parent === 'spec' ? { merge: false, retainKeys: true } : undefined;
    case 'selector':
      return kind === 'PodDisruptionBudget' && parent === 'spec'
        ? { merge: false, replace: true }
        : undefined;
  }
  return undefined;
}

const isMap = (v: Json): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

const DELETE_FROM = '$deleteFromPrimitiveList/';
const ELEMENT_ORDER = '$setElementOrder/';

/** Applies a strategic merge patch to an object of `kind`; returns the patched copy. */
export function strategicMerge(kind: string, original: JsonMap, patch: JsonMap): JsonMap {
  return mergeMap(kind, [], structuredClone(original), patch, undefined);
}

function mergeMap(
  kind: string,
  path: string[],
  original: JsonMap,
  patch: JsonMap,
  rule?: FieldRule,
): JsonMap {
  const directive = patch.$patch;
  if (directive === 'replace') {
    const replaced = { ...patch };
    delete replaced.$patch;
    return replaced;
  }
  if (directive === 'delete') return {};
  if (directive !== undefined && directive !== 'merge')
    throw new StrategicMergeError(
      `Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`,
    );
  if (rule?.replace) {
    const replaced = { ...patch };
    delete replaced.$patch;
    return replaced;
  }
  const retain = patch.$retainKeys;
  if (retain !== undefined) {
    if (!Array.isArray(retain))
      throw new StrategicMergeError('invalid patch: the value of $retainKeys must be a list');
    for (const key of Object.keys(original)) if (!retain.includes(key)) delete original[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(ELEMENT_ORDER)) continue;
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const current = original[field];
      if (Array.isArray(current) && Array.isArray(value))
        original[field] = current.filter((item) => !value.some((v) => sameJson(v, item)));
      continue;
    }
    if (value === null) {
      delete original[key];
      continue;
    }
    const fieldRule = ruleFor(kind, path, key);
    const current = original[key];
    if (isMap(value)) {
      if (value.$patch === 'delete') {
        delete original[key];
        continue;
      }
      original[key] = mergeMap(kind, [...path, key], isMap(current) ? current : {}, value, fieldRule);
      continue;
    }
    if (Array.isArray(value) && fieldRule?.merge) {
      original[key] = mergeList(
        kind,
        [...path, key],
        Array.isArray(current) ? current : [],
        value,
        fieldRule,
      );
      continue;
    }
    original[key] = stripDirectives(value);
  }
  return original;
}

function mergeList(kind: string, path: string[], original: Json[], patch: Json[], rule: FieldRule): Json[] {
  const replace = patch.find((p) => isMap(p) && p.$patch === 'replace');
  if (replace) return patch.filter((p) => p !== replace).map(stripDirectives);
  const key = rule.mergeKey;
  if (!key) {
    // a set of primitives: union, original order first
    const out = [...original];
    for (const item of patch) if (!out.some((o) => sameJson(o, item))) out.push(item);
    return out;
  }
  const out = [...original];
  for (const item of patch) {
    if (!isMap(item))
      throw new StrategicMergeError(`unable to find api field in struct for the list element`);
    if (!(key in item))
      throw new StrategicMergeError(`map: ${goMap(item)} does not contain declared merge key: ${key}`);
    const index = out.findIndex((o) => isMap(o) && sameJson(o[key], item[key]));
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = mergeMap(kind, path, out[index] as JsonMap, item, rule);
    else out.push(mergeMap(kind, path, {}, item, rule));
  }
  return out;
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isMap(value)) return value;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Go's %v of a map[string]interface{}: map[k:v ...] with sorted keys. */
function goMap(value: JsonMap): string {
  const parts = Object.keys(value)
    .sort()
    .map((k) => {
      const v = value[k];
      return `${k}:${isMap(v) ? goMap(v) : Array.isArray(v) ? `[${v.map(String).join(' ')}]` : String(v)}`;
    });
  return `map[${parts.join(' ')}]`;
}
