// Update operations in metadata.managedFields, as apimachinery v0.32.4 util/managedfields/internal
// records them for create, update and patch (fieldmanager.go Update, structuredmerge.go,
// managedfieldsupdater.go, stripmeta.go, skipnonapplied.go, capmanagers.go, buildmanagerinfo.go)
// with structured-merge-diff v4.4.2 merge/update.go Updater.Update: the writer owns the fields it
// added or changed, fields removed leave every manager, and others lose what it changed.
import { clone, type KubeObject, rfc3339 } from '../api/types.ts';
import { compareObjects, createdFieldsV1 } from './apply-typed.ts';
import { FieldSet } from './field-set.ts';
import {
  decodeManagedFields,
  encodeManagedFields,
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
  // copies of what changes below: spec, its containers and their ports
  const spec: Json = { ...stored.spec };
  for (const group of ['initContainers', 'containers', 'ports'])
    if (Array.isArray(spec[group])) spec[group] = (spec[group] as Json[]).map((c) => ({ ...c }));
  const obj = { ...stored, spec } as KubeObject;
  const asked = (request.spec ?? {}) as Json;
  const dropUnasked = (...fields: string[]) => {
    for (const f of fields) if (asked[f] === undefined) delete spec[f];
  };
  if (kind === 'Pod') {
    dropUnasked('serviceAccountName', 'serviceAccount', 'priority', 'preemptionPolicy', 'imagePullSecrets');
    const askedNames = (list: unknown, key: string) =>
      new Set(((list as Json[] | undefined) ?? []).map((x) => x[key]));
    if (asked.tolerations === undefined) delete spec.tolerations;
    else spec.tolerations = clone(asked.tolerations as Json[]);
    const volumes = askedNames(asked.volumes, 'name');
    if (Array.isArray(spec.volumes)) {
      spec.volumes = (spec.volumes as Json[]).filter(
        (v) => volumes.has(v.name) || !String(v.name).startsWith('kube-api-access-'),
      );
      if ((spec.volumes as Json[]).length === 0) delete spec.volumes;
    }
    for (const group of ['initContainers', 'containers']) {
      const requested = new Map(((asked[group] as Json[] | undefined) ?? []).map((c) => [c.name, c]));
      for (const c of (spec[group] as Json[] | undefined) ?? []) {
        if (!Array.isArray(c.volumeMounts)) continue;
        const mine = askedNames(requested.get(c.name)?.volumeMounts, 'mountPath');
        c.volumeMounts = (c.volumeMounts as Json[]).filter(
          (m) => m.mountPath !== SA_MOUNT_PATH || mine.has(SA_MOUNT_PATH),
        );
        if ((c.volumeMounts as Json[]).length === 0) delete c.volumeMounts;
      }
    }
  }
  if (kind === 'Service') {
    dropUnasked('clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'healthCheckNodePort');
    const askedPorts = (asked.ports as Json[] | undefined) ?? [];
    (spec.ports as Json[] | undefined)?.forEach((p, i) => {
      if (askedPorts[i]?.nodePort === undefined) delete p.nodePort;
    });
  }
  if (kind === 'PersistentVolumeClaim') dropUnasked('storageClassName', 'volumeName');
  return obj;
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
function updateAt(obj: Json, path: string[], change: (m: Json) => Json): Json {
  const [head, ...rest] = path;
  const child = obj[head];
  if (!child || typeof child !== 'object' || Array.isArray(child)) return obj;
  const changed = rest.length ? updateAt(child as Json, rest, change) : change(child as Json);
  return changed === child ? obj : { ...obj, [head]: changed };
}

/** The object as compared: no managedFields, no top-level fields the write resets, no null timestamps. */
function comparable(obj: KubeObject | Json, ignored: string[]): Json {
  let out: Json = { ...(obj as Json) };
  for (const f of ignored) delete out[f];
  for (const path of METADATA_PATHS) {
    out = updateAt(out, path, (meta) => {
      if (meta.creationTimestamp !== null && meta.managedFields === undefined) return meta;
      const { managedFields: _m, ...rest } = meta;
      if (rest.creationTimestamp === null) delete rest.creationTimestamp;
      return rest;
    });
  }
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

/** Top-level and metadata fields stripmeta.go drops, as FieldsV1 keys. */
const STRIPPED_KEYS = ['f:apiVersion', 'f:kind'];
const STRIPPED_METADATA_KEYS = [
  'f:name',
  'f:namespace',
  'f:creationTimestamp',
  'f:selfLink',
  'f:uid',
  'f:clusterName',
  'f:generation',
  'f:managedFields',
  'f:resourceVersion',
];

/** The one entry of a created object: the fields it was created with, stripped. */
function createdEntry(
  input: RecordUpdateInput,
  manager: string,
  fields: Record<string, unknown>,
): ManagedFieldsEntry[] | undefined {
  for (const k of STRIPPED_KEYS) delete fields[k];
  const meta = fields['f:metadata'] as Record<string, unknown> | undefined;
  if (meta) {
    delete meta['.'];
    for (const k of STRIPPED_METADATA_KEYS) delete meta[k];
    if (Object.keys(meta).length === 0) delete fields['f:metadata'];
  }
  if (Object.keys(fields).length === 0) return undefined;
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Update',
    apiVersion: input.apiVersion,
    time: rfc3339(input.now),
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
  };
  if (input.writer.subresource) entry.subresource = input.writer.subresource;
  return [entry];
}

/** The managedFields the object is stored with after an Update operation (undefined: none). */
export function recordUpdate(input: RecordUpdateInput): ManagedFieldsEntry[] | undefined {
  const { live, next, writer } = input;
  const subresource = writer.subresource;
  // decodeLiveOrNew: a subresource write keeps the live entries; otherwise the request's own
  // managedFields win when it carries some (an explicit [] resets them)
  const sent = (input.request ?? next).metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const base = subresource
    ? live?.metadata.managedFields
    : sent?.length
      ? sent
      : live?.metadata.managedFields;
  if (!subresource && Array.isArray(sent) && sent.length === 0 && live) return undefined;
  const managers = decodeManagedFields(base as ManagedFieldsEntry[] | undefined);
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
    return createdEntry(input, manager, createdFieldsV1(input.kind, before, after));
  const changes = compareObjects(input.kind, before, after as never);
  const touched = changes.modified.empty ? changes.added : changes.modified.union(changes.added);

  const id = managerIdentifier({
    manager,
    operation: 'Update',
    apiVersion: input.apiVersion,
    subresource,
  });
  // Updater.Update with force: others lose what changed; removed fields leave everyone
  const removed = !changes.removed.empty;
  for (const [key, m] of managers) {
    let set = m.set.difference(touched);
    if (removed) set = set.difference(changes.removed);
    if (set.empty) managers.delete(key);
    else m.set = set;
  }
  const owned = touched.without(STRIPPED_PATHS);
  if (!owned.empty) {
    const previous = managers.get(id);
    managers.set(id, {
      manager,
      operation: 'Update',
      apiVersion: input.apiVersion,
      subresource,
      time: rfc3339(input.now),
      set: previous ? owned.union(previous.set) : owned,
    });
  }
  capUpdateManagers(managers);
  return encodeManagedFields(managers);
}
