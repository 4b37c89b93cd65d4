// Update operations in metadata.managedFields, as apimachinery v0.32.4 util/managedfields/internal
// records them for create, update and patch (fieldmanager.go Update, structuredmerge.go,
// managedfieldsupdater.go, stripmeta.go, skipnonapplied.go, capmanagers.go, buildmanagerinfo.go)
// with structured-merge-diff v4.4.2 merge/update.go Updater.Update: the writer owns the fields it
// added or changed, fields removed leave every manager, and others lose what it changed.
import { clone, type KubeObject, rfc3339 } from '../api/types.ts';
import { compareObjects, createdFieldsV1, type OmittedFields } from './apply-typed.ts';
import { FieldSet } from './field-set.ts';
import {
  decodeManagedFields,
  encodeManagedFields,
  freezeManagedFields,
  type ManagedFieldsEntry,
  type ManagerFields,
  managerIdentifier,
  STRIPPED_PATHS,
} from './managed-fields.ts';

type Json = Record<string, unknown>;

/** handlers/rest.go managerOrUserAgent: the fieldManager parameter, else the User-Agent's prefix. */
export function managerOrUserAgent(fieldManager: string | null | undefined, userAgent?: string): string {
  if (fieldManager) return fieldManager;
  // prefixFromUserAgent: up to the first "/", printable characters only, at most 128 bytes
  let out = '';
  for (const ch of (userAgent ?? '').split('/')[0]) {
    if (/\p{C}/u.test(ch)) continue;
    if (new TextEncoder().encode(out + ch).length > 128) break;
    out += ch;
  }
  return out;
}

export interface UpdateWriter {
  manager?: string;
  /** "status" for writes through the status subresource. */
  subresource?: string;
}

/** DefaultMaxUpdateManagers: more Update entries than this are merged into "ancient-changes". */
export const MAX_UPDATE_MANAGERS = 10;

/**
 * Non-pointer structs of the built-in kinds: they exist (empty) in the Go zero value the create
 * handler compares against (scope.Creater.New), so creating them does not own the struct itself,
 * only its fields (`f:spec` and `f:strategy` without `.`). PodSpec.containers has no omitempty:
 * null in the zero value, so `f:containers` gets no `.` either.
 */
function podTemplate(): Json {
  return { metadata: {}, spec: { containers: null } };
}
const ZERO_SPECS: Record<string, () => Json> = {
  Deployment: () => ({ template: podTemplate(), strategy: {} }),
  ReplicaSet: () => ({ template: podTemplate() }),
  DaemonSet: () => ({ template: podTemplate(), updateStrategy: {} }),
  StatefulSet: () => ({ template: podTemplate(), updateStrategy: {} }),
  Job: () => ({ template: podTemplate() }),
  CronJob: () => ({ jobTemplate: { metadata: {}, spec: { template: podTemplate() } } }),
  Pod: () => ({ containers: null }),
};
const KINDS_WITH_SPEC = new Set([
  ...Object.keys(ZERO_SPECS),
  'Service',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'ReplicationController',
  'ResourceQuota',
  'LimitRange',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
]);

function zeroObject(kind: string, builtIn: boolean): Json {
  if (!builtIn) return {}; // unstructured.Unstructured: empty
  const obj: Json = { metadata: {} };
  if (KINDS_WITH_SPEC.has(kind)) obj.spec = ZERO_SPECS[kind]?.() ?? {};
  if (kind === 'PodTemplate') obj.template = podTemplate();
  return obj;
}

const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The created object as the field manager saw it: the create handler records managedFields
 * before admission and the REST storage's allocations, so what ServiceAccount, DefaultToleration,
 * Priority and DefaultStorageClass admission or the Service IP/port allocators add is owned by
 * nobody (real dumps: no f:serviceAccountName, f:volumes, f:tolerations or f:clusterIP).
 */
function asRequested(kind: string, request: Json, stored: KubeObject): KubeObject {
  if (kind !== 'Pod' && kind !== 'Service' && kind !== 'PersistentVolumeClaim') return stored;
  if (!stored.spec) return stored;
  const asked = (request.spec ?? {}) as Json;
  const unasked = (...fields: string[]) => new Set(fields.filter((f) => asked[f] === undefined));
  let spec: Json;
  if (kind === 'Pod') spec = podSpecAsRequested(stored.spec, asked);
  else if (kind === 'Service') {
    spec = withoutKeys(
      stored.spec,
      unasked('clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'healthCheckNodePort'),
    );
    const askedPorts = (asked.ports as Json[] | undefined) ?? [];
    if (Array.isArray(spec.ports))
      spec.ports = (spec.ports as Json[]).map((p, i) =>
        askedPorts[i]?.nodePort === undefined ? withoutKeys(p, NODE_PORT) : p,
      );
  } else spec = withoutKeys(stored.spec, unasked('storageClassName', 'volumeName'));
  return { ...stored, spec } as KubeObject;
}

const NODE_PORT = new Set(['nodePort']);
const VOLUME_MOUNTS = new Set(['volumeMounts']);

/** A copy of a map without some of its keys (copied rather than deleted: objects stay fast). */
function withoutKeys(map: Json, drop: ReadonlySet<string>): Json {
  const out: Json = {};
  for (const k of Object.keys(map)) if (!drop.has(k)) out[k] = map[k];
  return out;
}

/** A pod's spec without what admission added: see asRequested. */
function podSpecAsRequested(stored: Json, asked: Json): Json {
  const drop = new Set(
    ['serviceAccountName', 'serviceAccount', 'priority', 'preemptionPolicy', 'imagePullSecrets'].filter(
      (f) => asked[f] === undefined,
    ),
  );
  const askedNames = (list: unknown, key: string) =>
    new Set(((list as Json[] | undefined) ?? []).map((x) => x[key]));
  const tolerations = asked.tolerations === undefined ? undefined : clone(asked.tolerations as Json[]);
  const spec: Json = {};
  for (const k of Object.keys(stored)) {
    const value = stored[k];
    if (drop.has(k)) continue;
    if (k === 'tolerations') {
      if (tolerations !== undefined) spec[k] = tolerations;
      continue;
    }
    if (k === 'volumes' && Array.isArray(value)) {
      const volumes = askedNames(asked.volumes, 'name');
      const kept = (value as Json[]).filter(
        (v) => volumes.has(v.name) || !String(v.name).startsWith('kube-api-access-'),
      );
      if (kept.length > 0) spec[k] = kept;
      continue;
    }
    if ((k === 'initContainers' || k === 'containers') && Array.isArray(value)) {
      const requested = new Map(((asked[k] as Json[] | undefined) ?? []).map((c) => [c.name, c]));
      spec[k] = (value as Json[]).map((c) => {
        if (!Array.isArray(c.volumeMounts)) return c;
        const mine = askedNames(requested.get(c.name)?.volumeMounts, 'mountPath');
        const mounts = (c.volumeMounts as Json[]).filter(
          (m) => m.mountPath !== SA_MOUNT_PATH || mine.has(SA_MOUNT_PATH),
        );
        return mounts.length > 0 ? { ...c, volumeMounts: mounts } : withoutKeys(c, VOLUME_MOUNTS);
      });
      continue;
    }
    spec[k] = value;
  }
  if (tolerations !== undefined && !Object.hasOwn(stored, 'tolerations')) spec.tolerations = tolerations;
  return spec;
}

/** Where metadata may hold `creationTimestamp: null` (the zero metav1.Time, omitted when typed). */
const METADATA_PATHS = [
  ['metadata'],
  ['template', 'metadata'],
  ['spec', 'template', 'metadata'],
  ['spec', 'jobTemplate', 'metadata'],
  ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
];

/** `obj` with `change` applied to the map at `path`, copying only the maps along the way. */
function updateAt(obj: Json, path: string[], change: (m: Json) => Json, depth = 0): Json {
  const head = path[depth];
  const child = obj[head];
  if (!child || typeof child !== 'object' || Array.isArray(child)) return obj;
  const changed =
    depth + 1 < path.length ? updateAt(child as Json, path, change, depth + 1) : change(child as Json);
  return changed === child ? obj : { ...obj, [head]: changed };
}

/** A map without `managedFields` and a null `creationTimestamp` (the same map when it has neither). */
function plainMetadata(meta: Json): Json {
  if (meta.creationTimestamp !== null && meta.managedFields === undefined) return meta;
  const out: Json = {};
  for (const k of Object.keys(meta)) {
    if (k === 'managedFields' || (k === 'creationTimestamp' && meta[k] === null)) continue;
    out[k] = meta[k];
  }
  return out;
}

/** The object as compared: no managedFields, no top-level fields the write resets, no null timestamps. */
function comparable(obj: KubeObject | Json, ignored: string[]): Json {
  let out: Json = {};
  for (const k of Object.keys(obj)) if (!ignored.includes(k)) out[k] = (obj as Json)[k];
  for (const path of METADATA_PATHS) out = updateAt(out, path, plainMetadata);
  return out;
}

/** capManagersManager: the oldest Update managers beyond the cap merge into "ancient-changes". */
export function capUpdateManagers(managers: Map<string, ManagerFields>, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managers.keys()].filter((id) => managers.get(id)?.operation === 'Update');
  if (updaters.length <= max) return;
  const seconds = (id: string) => {
    const t = managers.get(id)?.time;
    return t ? Math.floor(Date.parse(t) / 1000) : 0;
  };
  updaters.sort((a, b) => seconds(a) - seconds(b) || (a < b ? -1 : a > b ? 1 : 0));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (const id of updaters) {
    if (length <= max) break;
    const m = managers.get(id) as ManagerFields;
    const bucket: ManagerFields = {
      manager: 'ancient-changes',
      operation: 'Update',
      apiVersion: m.apiVersion,
      set: new FieldSet(),
    };
    const bucketId = managerIdentifier(bucket);
    const first = firstOfVersion.get(m.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(m.apiVersion, id);
      continue;
    }
    if (!managers.has(bucketId)) {
      const moved = managers.get(first) as ManagerFields;
      managers.delete(first);
      managers.set(bucketId, { ...bucket, set: moved.set });
    }
    const held = managers.get(bucketId) as ManagerFields;
    managers.set(bucketId, { ...held, set: m.set.union(held.set), time: m.time });
    managers.delete(id);
    length--;
  }
}

export interface RecordUpdateInput {
  kind: string;
  apiVersion: string;
  /** The stored object before the write; undefined for a create. */
  live?: KubeObject;
  /** The object to store (after defaulting). */
  next: KubeObject;
  /** A create: the request object, before admission and allocation. */
  request?: KubeObject;
  writer: UpdateWriter;
  /** Built-in kind (false for custom resources, compared against an empty object). */
  builtIn: boolean;
  /** Status travels with the main resource (custom resources without a status subresource). */
  statusInMainResource?: boolean;
  now: number;
}

/** The fields stripmeta.go drops, by name: at the top level and in metadata. */
const OMITTED: OmittedFields = {
  root: new Set(['apiVersion', 'kind']),
  metadata: new Set([
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ]),
};

/** rfc3339 of the last time asked (writes come many to a second). */
let lastSecond = Number.NaN;
let lastTime = '';
function entryTime(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== lastSecond) {
    lastTime = rfc3339(now);
    lastSecond = second;
  }
  return lastTime;
}

/** The entries last made for each created FieldsV1: events come in bursts of one shape and second. */
const createdEntries = new WeakMap<Record<string, unknown>, ManagedFieldsEntry[]>();

/** The one entry of a created object: the fields it was created with, stripped (frozen, shared). */
function createdEntry(
  input: RecordUpdateInput,
  manager: string,
  fields: Record<string, unknown>,
): ManagedFieldsEntry[] | undefined {
  for (const _ in fields) {
    const time = entryTime(input.now);
    const subresource = input.writer.subresource;
    const known = createdEntries.get(fields)?.[0];
    if (
      known &&
      known.manager === manager &&
      known.apiVersion === input.apiVersion &&
      known.time === time &&
      known.subresource === (subresource ? subresource : undefined)
    )
      return createdEntries.get(fields);
    const entry: ManagedFieldsEntry = {
      manager,
      operation: 'Update',
      apiVersion: input.apiVersion,
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
    };
    if (subresource) entry.subresource = subresource;
    const entries = freezeManagedFields([entry]);
    createdEntries.set(fields, entries);
    return entries;
  }
  return undefined;
}

/** Deep equality of JSON values, keys in order (a request's managedFields against the live ones). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameValue((a as Json)[ka[i]], (b as Json)[kb[i]])) return false;
  }
  return true;
}

/** The managedFields the object is stored with after an Update operation (undefined: none). */
export function recordUpdate(input: RecordUpdateInput): ManagedFieldsEntry[] | undefined {
  const { live, next, writer } = input;
  const subresource = writer.subresource;
  // decodeLiveOrNew: a subresource write keeps the live entries; otherwise the request's own
  // managedFields win when it carries some (an explicit [] resets them)
  const sent = (input.request ?? next).metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const liveEntries = live?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const base = subresource ? liveEntries : sent?.length ? sent : liveEntries;
  if (!subresource && Array.isArray(sent) && sent.length === 0 && live) return undefined;
  // a request carrying the live entries back (read, changed, written) decodes them as stored
  const managers = decodeManagedFields(
    base === sent && liveEntries && sameValue(sent, liveEntries) ? liveEntries : base,
  );
  // skipNonAppliedManager (track-on-create probability 1): an existing object without
  // managedFields stays without them until someone applies
  if (live && managers.size === 0) return undefined;

  const ignored = subresource === 'status' ? ['spec'] : input.statusInMainResource ? [] : ['status'];
  const before = live ? comparable(live, ignored) : zeroObject(input.kind, input.builtIn);
  const after = comparable(
    live || !input.request ? next : asRequested(input.kind, input.request, next),
    ignored,
  );
  const manager = writer.manager || 'unknown';
  if (!live && managers.size === 0)
    return createdEntry(input, manager, createdFieldsV1(input.kind, before, after, OMITTED));
  const changes = compareObjects(input.kind, before, after as never);
  const touched = changes.modified.empty ? changes.added : changes.modified.union(changes.added);

  const id = managerIdentifier({
    manager,
    operation: 'Update',
    apiVersion: input.apiVersion,
    subresource,
  });
  const had = managers.get(id)?.set;
  const owned = touched.without(STRIPPED_PATHS);
  // Updater.Update with force: others lose what changed; removed fields leave everyone. The
  // writer gets all it touched back below, so it need not lose it first unless some was stripped.
  const removed = !changes.removed.empty;
  for (const [key, m] of managers) {
    let set = key === id && owned === touched ? m.set : m.set.difference(touched);
    if (removed) set = set.difference(changes.removed);
    if (set.empty) managers.delete(key);
    else m.set = set;
  }
  if (!owned.empty) {
    const previous = managers.get(id);
    let set = previous ? previous.set.union(owned) : owned;
    // the writer often owned those fields already: keep its set (and its FieldsV1) then
    if (had && set.equals(had)) set = had;
    managers.set(id, {
      manager,
      operation: 'Update',
      apiVersion: input.apiVersion,
      subresource,
      time: entryTime(input.now),
      set,
    });
  }
  capUpdateManagers(managers);
  return encodeManagedFields(managers);
}
