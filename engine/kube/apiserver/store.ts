// The API server's storage and its one entry point for changes: create, update, patch-free
// update of status, delete with finalizers and graceful deletion, list with selectors, and a
// synchronous watch that controllers subscribe to. Every change gets a new resourceVersion.
import type { ResourceRegistry } from '../api/registry.ts';
import { groupVersion, type ResourceType, storageKey } from '../api/resources.ts';
import { type FieldRequirement, matches, matchesFields, type Selector } from '../api/selectors.ts';
import { clone, type KubeObject, rfc3339 } from '../api/types.ts';
import { sameJson } from './apply-typed.ts';
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound, StatusError } from './errors.ts';
import { enforceFieldValidation, type FieldValidation, pruneUnknownFields } from './field-validation.ts';
import { cloneSharingManagedFields as copyOut, freezeManagedFields } from './managed-fields.ts';
import { recordUpdate } from './managed-fields-update.ts';
import { type Strategy, type StrategyContext, strategyFor } from './strategy.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  resource: ResourceType;
  /** The stored object after the change (before removal for DELETED); do not mutate. */
  object: KubeObject;
  old?: KubeObject;
}

export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Checks the body's fields against the built-in kind's schema (the fieldValidation parameter). */
  fieldValidation?: FieldValidationRequest;
  /**
   * The writer's field manager (the fieldManager parameter or the User-Agent prefix), recorded
   * as an Update entry of metadata.managedFields; "unknown" when missing, as buildmanagerinfo.go.
   */
  manager?: string;
  /** The subresource written, as managedFields record it ("scale"); `status` implies "status". */
  subresource?: string;
  /** Server-side apply already set metadata.managedFields: store them as they are. */
  managedFieldsSet?: boolean;
}

export interface FieldValidationRequest {
  directive: FieldValidation;
  /** Receives the strict decoding errors as warnings under Warn. */
  warnings: string[];
  /** The body was a patch: errors are not wrapped as a decode failure of the kind. */
  patch?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The strategy of a resource type registered at runtime (custom resources): unlike built-in
 * kinds, its status may be part of the main resource (a CRD without the status subresource).
 */
export interface TypeStrategy extends Strategy {
  /** Status is written with the object itself (no status subresource): kept on create/update. */
  statusInMainResource?: boolean;
}

export interface StoreDeps {
  registry: ResourceRegistry;
  now(): number;
  random: { int(n: number): number; u32(): number };
}

export class Store {
  readonly registry: ResourceRegistry;
  private readonly deps: StoreDeps;
  /** storageKey -> "namespace/name" -> object. */
  private readonly data = new Map<string, Map<string, KubeObject>>();
  /** storageKey -> the bucket's keys in order, kept until a key is added or removed. */
  private readonly sortedKeys = new Map<string, string[]>();
  private readonly watchers: Array<(event: WatchEvent) => void> = [];
  /** storageKey -> strategy of types served at runtime (custom resources). */
  private readonly typeStrategies = new Map<string, TypeStrategy>();
  private revision = 1;

  constructor(deps: StoreDeps) {
    this.deps = deps;
    this.registry = deps.registry;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  watch(fn: (event: WatchEvent) => void): () => void {
    this.watchers.push(fn);
    return () => {
      const i = this.watchers.indexOf(fn);
      if (i >= 0) this.watchers.splice(i, 1);
    };
  }

  /** Serves a runtime-registered type (a CRD's resource) with its own strategy; undefined drops it. */
  setTypeStrategy(type: ResourceType, strategy: TypeStrategy | undefined): void {
    if (strategy) this.typeStrategies.set(storageKey(type), strategy);
    else this.typeStrategies.delete(storageKey(type));
  }

  private strategyOf(type: ResourceType): TypeStrategy {
    return this.typeStrategies.get(storageKey(type)) ?? strategyFor(type.kind);
  }

  /** The type serving an object's apiVersion and kind, or a kubectl-style mapping error. */
  typeOf(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceType {
    const type = this.registry.forKind(obj.apiVersion, obj.kind);
    if (!type) throw badRequest(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    return type;
  }

  /** Stores an object under its key; a new key invalidates the bucket's cached key order. */
  private put(type: ResourceType, key: string, obj: KubeObject): void {
    const b = this.bucket(type);
    if (!b.has(key)) this.sortedKeys.delete(storageKey(type));
    b.set(key, obj);
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = storageKey(type);
    let b = this.data.get(key);
    if (!b) {
      b = new Map();
      this.data.set(key, b);
    }
    return b;
  }

  private context(): StrategyContext {
    return {
      now: this.deps.now(),
      random: this.deps.random,
      lookup: (resource, namespace, name) => {
        const type = this.registry.resolve(resource);
        return type ? this.peek(type, namespace, name) : undefined;
      },
    };
  }

  /** The stored object itself, for controllers that only read it. */
  peek(type: ResourceType, namespace: string, name: string): KubeObject | undefined {
    return this.data.get(storageKey(type))?.get(`${type.namespaced ? namespace : ''}/${name}`);
  }

  /** Stored objects in key order (namespace, then name), without copying. */
  scan(type: ResourceType, namespace?: string, options: ListOptions = {}): KubeObject[] {
    const storage = storageKey(type);
    const b = this.data.get(storage);
    if (!b) return [];
    let keys = this.sortedKeys.get(storage);
    if (!keys) {
      // "namespace/name" keys sort as the API server lists: by namespace, then name
      keys = [...b.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      this.sortedKeys.set(storage, keys);
    }
    const prefix = namespace !== undefined && type.namespaced ? `${namespace}/` : undefined;
    const out: KubeObject[] = [];
    for (const key of keys) {
      if (prefix !== undefined && !key.startsWith(prefix)) continue;
      const obj = b.get(key) as KubeObject;
      if (options.labelSelector && !matches(options.labelSelector, obj.metadata.labels)) continue;
      if (options.fieldSelector && !matchesFields(options.fieldSelector, obj)) continue;
      out.push(obj);
    }
    return out;
  }

  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const obj = this.peek(type, namespace, name);
    if (!obj) throw notFound(type.group, type.resource, name);
    return withTypeMeta(copyOut(obj), type);
  }

  list(type: ResourceType, namespace?: string, options: ListOptions = {}): KubeObject[] {
    return this.scan(type, namespace, options).map((o) => withTypeMeta(copyOut(o), type));
  }

  /**
   * The request body's unknown fields under its fieldValidation directive (built-in kinds):
   * a failure under Strict, else dropped as decoding into the Go type drops them.
   */
  private validateFields(type: ResourceType, body: KubeObject, options: WriteOptions): void {
    const request = options.fieldValidation;
    if (!request || this.typeStrategies.has(storageKey(type))) return;
    const errors = pruneUnknownFields(body, type.group, type.version, type.kind);
    const wrap = request.patch ? undefined : { kind: type.kind, version: type.version };
    request.warnings.push(...enforceFieldValidation(errors, request.directive, wrap));
  }

  create(input: KubeObject, options: WriteOptions = {}): KubeObject {
    const type = this.typeOf(input);
    if (type.virtual) throw badRequest(`the server does not allow this method on the requested resource`);
    const obj = clone(input);
    this.validateFields(type, obj, options);
    obj.apiVersion = groupVersion(type);
    const meta = (obj.metadata ??= {});
    const ctx = this.context();
    if (type.namespaced) meta.namespace ||= 'default';
    else delete meta.namespace;
    if (!meta.name && meta.generateName)
      meta.name = this.generateName(type, meta.namespace ?? '', meta.generateName);
    if (!meta.name) {
      throw invalid(type.group, type.kind, '', [
        { field: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' },
      ]);
    }
    if (type.namespaced) this.admitNamespace(type, meta.namespace ?? 'default', meta.name);
    const strategy = this.strategyOf(type);
    // status is the controllers' to write; a kubelet registers its Node with one
    if (type.kind !== 'Node' && !strategy.statusInMainResource) delete obj.status;
    meta.uid = this.uid();
    meta.creationTimestamp = rfc3339(ctx.now);
    strategy.prepareForCreate?.(obj, ctx);
    const errors = strategy.validate?.(obj) ?? [];
    if (errors.length > 0) throw invalid(type.group, type.kind, meta.name, errors);
    const key = `${meta.namespace ?? ''}/${meta.name}`;
    if (this.bucket(type).has(key)) throw alreadyExists(type.group, type.resource, meta.name);
    if (strategy.generation ?? obj.spec !== undefined) meta.generation = 1;
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    this.recordManagedFields(type, undefined, obj, options, input);
    if (options.dryRun) return withTypeMeta(obj, type);
    meta.resourceVersion = String(++this.revision);
    const stored = orderMeta(obj);
    this.put(type, key, stored);
    this.emit({ type: 'ADDED', resource: type, object: stored });
    return withTypeMeta(copyOut(stored), type);
  }

  /**
   * Replaces an object (PUT). With `status`, only the status changes (the /status
   * subresource); otherwise status is kept and generation moves when the spec changed.
   */
  update(input: KubeObject, options: WriteOptions & { status?: boolean } = {}): KubeObject {
    const type = this.typeOf(input);
    if (options.fieldValidation) {
      input = clone(input);
      this.validateFields(type, input, options);
    }
    const ns = type.namespaced ? (input.metadata.namespace ?? 'default') : '';
    const name = input.metadata.name ?? '';
    const old = this.peek(type, ns, name);
    if (!old) throw notFound(type.group, type.resource, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw conflict(
        type.group,
        type.resource,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const obj = copyOut(input);
    obj.apiVersion = groupVersion(type);
    const strategy = this.strategyOf(type);
    const ctx = this.context();
    // metadata the client cannot change
    for (const f of [
      'uid',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generation',
      'namespace',
    ] as const) {
      if (old.metadata[f] === undefined) delete obj.metadata[f];
      else obj.metadata[f] = old.metadata[f] as never;
    }
    if (options.status) {
      const status = obj.status;
      const kept = copyOut(old);
      kept.status = status;
      kept.metadata = obj.metadata;
      Object.assign(obj, kept);
    } else if (options.subresource === 'finalize' && type.kind === 'Namespace') {
      // namespaces/NAME/finalize (pkg/registry/core/namespace strategy.go
      // namespaceFinalizeStrategy): only spec.finalizers change, which a plain update keeps
      const finalizers = obj.spec?.finalizers;
      const kept = copyOut(old);
      if (finalizers?.length) kept.spec = { ...kept.spec, finalizers };
      else if (kept.spec) delete kept.spec.finalizers;
      kept.metadata = obj.metadata;
      Object.assign(obj, kept);
    } else {
      // without a status subresource the status travels with the object
      if (!strategy.statusInMainResource) {
        if (old.status !== undefined) obj.status = clone(old.status);
        else delete obj.status;
      }
      strategy.prepareForUpdate?.(obj, old, ctx);
      const errors = [...(strategy.validate?.(obj) ?? []), ...(strategy.validateUpdate?.(obj, old) ?? [])];
      if (errors.length > 0) throw invalid(type.group, type.kind, name, errors);
      if (old.metadata.generation !== undefined && !sameJson(obj.spec, old.spec)) {
        obj.metadata.generation = old.metadata.generation + 1;
      }
    }
    this.recordManagedFields(type, old, obj, options);
    if (options.dryRun) return withTypeMeta(obj, type);
    if (unchanged(obj, old)) return withTypeMeta(copyOut(old), type);
    obj.metadata.resourceVersion = String(++this.revision);
    const stored = orderMeta(obj);
    // A deleting object whose last finalizer went away is removed now.
    const specFinalizers = type.kind === 'Namespace' ? (stored.spec?.finalizers?.length ?? 0) : 0;
    if (
      stored.metadata.deletionTimestamp &&
      !stored.metadata.finalizers?.length &&
      !specFinalizers &&
      type.kind !== 'Pod'
    ) {
      this.put(type, `${ns}/${name}`, stored);
      this.remove(type, stored);
      return withTypeMeta(copyOut(stored), type);
    }
    this.put(type, `${ns}/${name}`, stored);
    this.emit({ type: 'MODIFIED', resource: type, object: stored, old });
    return withTypeMeta(copyOut(stored), type);
  }

  /** metadata.managedFields after an Update operation by `options.manager` (managed-fields-update.ts). */
  private recordManagedFields(
    type: ResourceType,
    live: KubeObject | undefined,
    next: KubeObject,
    options: WriteOptions & { status?: boolean },
    request?: KubeObject,
  ): void {
    if (options.managedFieldsSet) {
      if (Array.isArray(next.metadata.managedFields)) freezeManagedFields(next.metadata.managedFields);
      return;
    }
    const fields = recordUpdate({
      kind: type.kind,
      apiVersion: groupVersion(type),
      live,
      next,
      request,
      writer: { manager: options.manager, subresource: options.status ? 'status' : options.subresource },
      builtIn: !this.typeStrategies.has(storageKey(type)),
      statusInMainResource: this.strategyOf(type).statusInMainResource,
      now: this.deps.now(),
    });
    if (fields) next.metadata.managedFields = freezeManagedFields(fields);
    else delete next.metadata.managedFields;
  }

  /**
   * The pods/binding subresource: assigns a pod to a node and marks it scheduled
   * (pkg/registry/core/pod/storage assignPod). Fails if the pod is already bound.
   */
  bind(namespace: string, name: string, node: string): KubeObject {
    const type = this.registry.resolve('pods');
    if (!type) throw new Error('pods resource missing');
    const pod = this.peek(type, namespace, name);
    if (!pod) throw notFound('', 'pods', name);
    if (pod.spec?.nodeName)
      throw conflict('', 'pods', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    const next = copyOut(pod);
    next.spec.nodeName = node;
    const now = rfc3339(this.deps.now());
    const conditions = (next.status?.conditions ?? []).filter(
      (c: { type: string }) => c.type !== 'PodScheduled',
    );
    conditions.push({ lastProbeTime: null, lastTransitionTime: now, status: 'True', type: 'PodScheduled' });
    next.status = { ...(next.status ?? {}), conditions };
    next.metadata.resourceVersion = String(++this.revision);
    const stored = orderMeta(next);
    this.put(type, `${namespace}/${name}`, stored);
    this.emit({ type: 'MODIFIED', resource: type, object: stored, old: pod });
    return withTypeMeta(copyOut(stored), type);
  }

  /** Reads, changes and writes an object in one step (what controllers and kubectl patch do). */
  mutate(
    type: ResourceType,
    namespace: string,
    name: string,
    change: (obj: KubeObject) => void,
    options: WriteOptions & { status?: boolean } = {},
  ): KubeObject {
    const obj = this.get(type, namespace, name);
    change(obj);
    return this.update(obj, options);
  }

  /**
   * Deletes an object. Objects with finalizers, and pods given a grace period, get a
   * deletionTimestamp and stay until their finalizers are removed (the kubelet finishes pods).
   */
  delete(type: ResourceType, namespace: string, name: string, options: DeleteOptions = {}): KubeObject {
    const obj = this.peek(type, namespace, name);
    if (!obj) throw notFound(type.group, type.resource, name);
    if (options.dryRun) return withTypeMeta(copyOut(obj), type);
    const policy = options.propagationPolicy ?? 'Background';
    const next = copyOut(obj);
    const now = rfc3339(this.deps.now());
    if (policy === 'Orphan') this.orphanDependents(obj);
    if (policy === 'Foreground' && !next.metadata.finalizers?.includes('foregroundDeletion')) {
      next.metadata.finalizers = [...(next.metadata.finalizers ?? []), 'foregroundDeletion'];
    }
    let grace = 0;
    if (type.kind === 'Pod') {
      grace = options.gracePeriodSeconds ?? next.spec?.terminationGracePeriodSeconds ?? 30;
      // an unscheduled or finished pod goes at once (pkg/registry/core/pod/strategy.go)
      const phase = next.status?.phase;
      if (!next.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    }
    if (type.kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(name)) {
      throw forbidden('', 'namespaces', name, 'this namespace may not be deleted');
    }
    const finalizers = [
      ...(next.metadata.finalizers ?? []),
      ...(type.kind === 'Namespace' ? (next.spec?.finalizers ?? []) : []),
    ];
    if (finalizers.length === 0 && grace === 0) {
      this.remove(type, obj);
      return withTypeMeta(copyOut(obj), type);
    }
    if (next.metadata.deletionTimestamp) return withTypeMeta(copyOut(obj), type);
    next.metadata.deletionTimestamp = now;
    if (type.kind === 'Namespace') next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    if (type.kind === 'Pod' || grace > 0) next.metadata.deletionGracePeriodSeconds = grace;
    else next.metadata.deletionGracePeriodSeconds = 0;
    if (next.metadata.generation !== undefined) next.metadata.generation += 1;
    next.metadata.resourceVersion = String(++this.revision);
    const stored = orderMeta(next);
    this.put(type, `${type.namespaced ? namespace : ''}/${name}`, stored);
    this.emit({ type: 'MODIFIED', resource: type, object: stored, old: obj });
    return withTypeMeta(copyOut(stored), type);
  }

  /** Removes an object for good (after its grace period or last finalizer). */
  remove(type: ResourceType, obj: KubeObject): void {
    const key = `${type.namespaced ? obj.metadata.namespace : ''}/${obj.metadata.name}`;
    const b = this.bucket(type);
    const stored = b.get(key);
    if (!stored) return;
    b.delete(key);
    this.sortedKeys.delete(storageKey(type));
    ++this.revision;
    this.strategyOf(type).afterDelete?.(stored, this.context());
    this.emit({ type: 'DELETED', resource: type, object: stored });
  }

  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    for (const type of this.registry.all()) {
      for (const dep of this.scan(type)) {
        if (!dep.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
        this.mutate(type, dep.metadata.namespace ?? '', dep.metadata.name ?? '', (o) => {
          o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== uid);
          if (o.metadata.ownerReferences?.length === 0) delete o.metadata.ownerReferences;
        });
      }
    }
  }

  private admitNamespace(type: ResourceType, namespace: string, name: string): void {
    const nsType = this.registry.resolve('namespaces');
    if (!nsType) return;
    const ns = this.peek(nsType, '', namespace);
    if (!ns) throw notFound('', 'namespaces', namespace);
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
      throw forbidden(
        type.group,
        type.resource,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private generateName(type: ResourceType, namespace: string, prefix: string): string {
    // names.SimpleNameGenerator: prefix (cut to 58) + 5 characters from a fixed alphabet
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
    for (let attempt = 0; attempt < 100; attempt++) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += NAME_CHARS[this.deps.random.int(NAME_CHARS.length)];
      const name = base + suffix;
      if (!this.peek(type, namespace, name)) return name;
    }
    throw new StatusError(500, 'InternalError', 'could not generate a unique name');
  }

  /** A version 4 UUID from the seeded source. */
  uid(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += this.deps.random.int(16).toString(16);
      return s;
    };
    const variant = '89ab'[this.deps.random.int(4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }

  private emit(event: WatchEvent): void {
    for (const w of [...this.watchers]) w(event);
  }
}

function withTypeMeta(obj: KubeObject, type: ResourceType): KubeObject {
  obj.apiVersion = groupVersion(type);
  obj.kind = type.kind;
  return obj;
}

function unchanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return sameJson(strip(a), strip(b));
}

/** Keeps metadata fields in the order the API server serialises them. */
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

function orderMeta(obj: KubeObject): KubeObject {
  const meta: Record<string, unknown> = {};
  for (const k of META_ORDER) if (obj.metadata[k] !== undefined) meta[k] = obj.metadata[k];
  for (const [k, v] of Object.entries(obj.metadata)) if (!(k in meta) && v !== undefined) meta[k] = v;
  obj.metadata = meta;
  return obj;
}
