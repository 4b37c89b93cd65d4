// The apiextensions-apiserver inside the simulated API server: the naming and establishing
// controllers that accept a CustomResourceDefinition's names and mark it Established
// (pkg/controller/status/naming_controller.go, pkg/controller/establish), serving its resource
// through discovery and storage once established, the custom resource strategy (pruning,
// defaulting and schema validation of custom objects, pkg/registry/customresource), and removing
// the resource with all its objects when the CRD goes away.
//
// Simplifications: only the preferred served version is served (other versions of a
// multi-version CRD give kubectl's "no matches"); a deleted CRD is removed at once and its
// objects afterwards, where the real server holds it Terminating behind the
// customresourcecleanup finalizer until the objects are gone (the end state is the same).
import type { ResourceType } from '../api/resources.ts';
import { type Condition, type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { keyOf, WorkQueue } from '../controllers/queue.ts';
import {
  applyDefaults,
  dropNulls,
  type JSONSchemaProps,
  prune,
  validateAgainstSchema,
} from './crd-schema.ts';
import { badRequest, type FieldError } from './errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './kinds/meta.ts';
import { nameIsDNSSubdomain } from './kinds/names.ts';
import type { Store, TypeStrategy } from './store.ts';

// biome-ignore lint/suspicious/noExplicitAny: a CRD's spec and status are open JSON here
type Json = Record<string, any>;

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** version.CompareKubeAwareVersionStrings' ranking: GA, then beta, then alpha, then the rest. */
function versionRank(v: string): [number, number, number, string] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [0, 0, 0, v];
  const stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [stage, Number(m[1]), m[3] === undefined ? 0 : Number(m[3]), v];
}

/** Kube-aware priority order: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > other names (by name). */
function comparePriority(a: string, b: string): number {
  const ra = versionRank(a);
  const rb = versionRank(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return (rb[i] as number) - (ra[i] as number);
  return ra[3] < rb[3] ? -1 : ra[3] > rb[3] ? 1 : 0;
}

/** The version discovery prefers: the highest-priority served version. */
export function preferredVersion(crd: KubeObject): string | undefined {
  const served = ((crd.spec?.versions ?? []) as Json[]).filter((v) => v.served).map((v) => String(v.name));
  return served.sort(comparePriority)[0];
}

/** The CRD defining a served type, or undefined for built-in types. */
export function definitionOf(store: Store, type: ResourceType): KubeObject | undefined {
  const crdType = store.registry.resolve('customresourcedefinitions.apiextensions.k8s.io');
  if (!crdType || !type.group) return undefined;
  return store.peek(crdType, '', `${type.resource}.${type.group}`);
}

function conditionTrue(crd: KubeObject, type: string): boolean {
  return (crd.status?.conditions ?? []).some((c: Condition) => c.type === type && c.status === 'True');
}

/** SetCRDCondition: the transition time moves only when the status changes. */
function setCondition(crd: KubeObject, next: Condition, now: number): void {
  const conditions: Condition[] = crd.status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === next.type);
  const entry: Condition = {
    type: next.type,
    status: next.status,
    lastTransitionTime: rfc3339(now),
    reason: next.reason,
    message: next.message,
  };
  if (i < 0) conditions.push(entry);
  else {
    if (conditions[i].status === next.status) entry.lastTransitionTime = conditions[i].lastTransitionTime;
    conditions[i] = entry;
  }
  crd.status.conditions = conditions;
}

/** The names of the CRD's group other CRDs have already been granted. */
function namesInUse(
  store: Store,
  crdType: ResourceType,
  crd: KubeObject,
): { resources: Set<string>; kinds: Set<string> } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const other of store.scan(crdType)) {
    if (other.spec?.group !== crd.spec?.group || other.metadata.name === crd.metadata.name) continue;
    const n = other.status?.acceptedNames ?? {};
    for (const r of [n.plural, n.singular, ...(n.shortNames ?? [])]) if (r) resources.add(r);
    for (const k of [n.kind, n.listKind]) if (k) kinds.add(k);
  }
  return { resources, kinds };
}

/** calculateNamesAndConditions: the names granted and the NamesAccepted/Established conditions. */
function acceptNames(
  store: Store,
  crdType: ResourceType,
  crd: KubeObject,
): { names: Json; accepted: Condition; established: Condition } {
  const { resources, kinds } = namesInUse(store, crdType, crd);
  const requested: Json = crd.spec?.names ?? {};
  const current: Json = crd.status?.acceptedNames ?? {};
  const names: Json = { ...current };
  let accepted: Condition = { type: 'NamesAccepted', status: 'Unknown' };
  const conflict = (reason: string, name: string) => {
    accepted = { type: 'NamesAccepted', status: 'False', reason, message: `"${name}" is already in use` };
  };
  const fresh = (want: string | undefined, have: string | undefined, used: Set<string>) =>
    want === have || !used.has(want ?? '');
  if (fresh(requested.plural, current.plural, resources)) names.plural = requested.plural;
  else conflict('PluralConflict', requested.plural);
  if (fresh(requested.singular, current.singular, resources)) names.singular = requested.singular;
  else conflict('SingularConflict', requested.singular);
  const shortNames: string[] = requested.shortNames ?? [];
  const taken = shortNames.filter((s) => !(current.shortNames ?? []).includes(s) && resources.has(s));
  if (taken.length > 0) {
    accepted = {
      type: 'NamesAccepted',
      status: 'False',
      reason: 'ShortNamesConflict',
      message:
        taken.length === 1
          ? `"${taken[0]}" is already in use`
          : `[${taken.map((t) => `"${t}" is already in use`).join(', ')}]`,
    };
  } else if (requested.shortNames !== undefined) names.shortNames = shortNames;
  if (fresh(requested.kind, current.kind, kinds)) names.kind = requested.kind;
  else conflict('KindConflict', requested.kind);
  if (fresh(requested.listKind, current.listKind, kinds)) names.listKind = requested.listKind;
  else conflict('ListKindConflict', requested.listKind);
  if (requested.categories !== undefined) names.categories = requested.categories;
  if (accepted.status === 'Unknown') {
    accepted = {
      type: 'NamesAccepted',
      status: 'True',
      reason: 'NoConflicts',
      message: 'no conflicts found',
    };
  }
  let established: Condition = {
    type: 'Established',
    status: 'False',
    reason: 'NotAccepted',
    message: 'not all names are accepted',
  };
  const old = (crd.status?.conditions ?? []).find((c: Condition) => c.type === 'Established');
  if (old) established = old;
  if (established.status !== 'True' && accepted.status === 'True') {
    established = {
      type: 'Established',
      status: 'False',
      reason: 'Installing',
      message: 'the initial names have been accepted',
    };
  }
  return { names, accepted, established };
}

/** The resource type discovery lists for an established CRD. */
function servedType(crd: KubeObject): ResourceType | undefined {
  const version = preferredVersion(crd);
  const names: Json = crd.status?.acceptedNames ?? {};
  if (!version || !names.plural || !names.kind) return undefined;
  return {
    group: crd.spec.group,
    version,
    resource: names.plural,
    singular: names.singular || String(names.kind).toLowerCase(),
    kind: names.kind,
    namespaced: crd.spec.scope === 'Namespaced',
    shortNames: [...(names.shortNames ?? [])],
    verbs: CRUD,
    categories: [...(names.categories ?? [])],
  };
}

function schemaOf(crd: KubeObject, version: string): JSONSchemaProps | undefined {
  const v = ((crd.spec?.versions ?? []) as Json[]).find((x) => x.name === version);
  return v?.schema?.openAPIV3Schema;
}

function hasStatusSubresource(crd: KubeObject, version: string): boolean {
  const v = ((crd.spec?.versions ?? []) as Json[]).find((x) => x.name === version);
  return Boolean(v?.subresources && 'status' in v.subresources);
}

/**
 * kubectl sends fieldValidation=Strict by default (--validate=strict), so fields the schema
 * prunes fail the request as the decoder's strict error, wrapped by transformDecodeError.
 */
function strictDecodingError(obj: KubeObject, unknown: string[]): Error {
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  const list = unknown.map((p) => `unknown field "${p}"`).join(', ');
  return badRequest(
    `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: strict decoding error: ${list}`,
  );
}

/** The custom resource strategy of one served version, reading the CRD afresh on every call. */
function customResourceStrategy(store: Store, type: ResourceType): TypeStrategy {
  const current = () => definitionOf(store, type);
  const schema = () => {
    const crd = current();
    return crd ? schemaOf(crd, type.version) : undefined;
  };
  const decode = (obj: KubeObject) => {
    const s = schema();
    const unknown = prune(obj, s);
    if (unknown.length > 0) throw strictDecodingError(obj, unknown);
    dropNulls(obj, s);
    applyDefaults(obj, s);
  };
  const crd = current();
  const withStatus = crd ? hasStatusSubresource(crd, type.version) : false;
  const validate = (obj: KubeObject): FieldError[] => [
    ...validateObjectMeta(obj.metadata, type.namespaced, nameIsDNSSubdomain),
    ...validateAgainstSchema(obj, schema()),
  ];
  return {
    generation: true,
    statusInMainResource: !withStatus,
    prepareForCreate: (obj) => decode(obj),
    prepareForUpdate(obj, old) {
      decode(obj);
      // the generation moves on any change but metadata (and status, with the subresource)
      const strip = (o: KubeObject) => {
        const { metadata: _m, status: s, ...rest } = o;
        return JSON.stringify(withStatus ? rest : { ...rest, status: s });
      };
      if (strip(obj) !== strip(old)) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    },
    validate,
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  };
}

/** Runs the naming and establishing controllers and serves established CRDs' resources. */
export function startCustomResourceDefinitionController(cluster: Cluster): void {
  const store = cluster.store;
  const crdType = cluster.type('customresourcedefinitions');
  const queue = new WorkQueue();
  /** CRD name -> the type it serves. */
  const served = new Map<string, ResourceType>();

  store.watch((event) => {
    if (event.resource !== crdType) return;
    queue.add(keyOf('', event.object.metadata.name));
    // a CRD going away frees names others in its group may have asked for
    if (event.type === 'DELETED') {
      for (const other of store.scan(crdType))
        if (other.spec?.group === event.object.spec?.group) queue.add(keyOf('', other.metadata.name));
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const name = key.slice(1);
    const crd = store.peek(crdType, '', name);
    if (crd) sync(crd);
    else stopServing(name);
    return true;
  });

  function updateStatus(name: string, change: (crd: KubeObject) => void): void {
    store.mutate(crdType, '', name, change, { status: true });
  }

  function sync(crd: KubeObject): void {
    const name = crd.metadata.name ?? '';
    const now = cluster.now();
    if (JSON.stringify(crd.spec?.names) !== JSON.stringify(crd.status?.acceptedNames)) {
      const { names, accepted, established } = acceptNames(store, crdType, crd);
      const before = (crd.status?.conditions ?? []).find((c: Condition) => c.type === 'NamesAccepted');
      const sameCondition =
        before?.status === accepted.status &&
        before?.reason === accepted.reason &&
        before?.message === accepted.message;
      if (JSON.stringify(names) !== JSON.stringify(crd.status?.acceptedNames) || !sameCondition) {
        updateStatus(name, (c) => {
          c.status.acceptedNames = names;
          setCondition(c, accepted, now);
          setCondition(c, established, now);
        });
        return;
      }
    }
    if (conditionTrue(crd, 'NamesAccepted') && !conditionTrue(crd, 'Established')) {
      updateStatus(name, (c) =>
        setCondition(
          c,
          {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
          },
          now,
        ),
      );
      return;
    }
    if (conditionTrue(crd, 'Established')) serve(crd);
  }

  function serve(crd: KubeObject): void {
    const name = crd.metadata.name ?? '';
    const type = servedType(crd);
    if (!type) return;
    const previous = served.get(name);
    if (previous && (previous.resource !== type.resource || previous.version !== type.version))
      stopServing(name);
    // keep the object identity stable: watchers compare resource types by reference
    const existing = store.registry.all().find((t) => t.group === type.group && t.resource === type.resource);
    const same = existing && JSON.stringify(existing) === JSON.stringify(type);
    const entry = same ? existing : type;
    if (!same) store.registry.add(entry);
    served.set(name, entry);
    store.setTypeStrategy(entry, customResourceStrategy(store, entry));
  }

  /** The CRD is gone: its objects are deleted and its resource leaves discovery. */
  function stopServing(name: string): void {
    const type = served.get(name);
    if (!type) return;
    served.delete(name);
    for (const obj of store.scan(type)) store.remove(type, obj);
    store.registry.remove(type.group, type.resource);
    store.setTypeStrategy(type, undefined);
  }
}
