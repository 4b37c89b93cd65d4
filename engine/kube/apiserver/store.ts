// The API server's storage and its one entry point for changes: create, update, patch-free
// update of status, delete with finalizers and graceful deletion, list with selectors, and a
// synchronous watch that controllers subscribe to. Every change gets a new resourceVersion.
import type { ResourceRegistry } from '../api/registry.ts';
import { groupVersion, type ResourceType, storageKey } from '../api/resources.ts';
import { matches, matchesFields } from '../api/selectors.ts';
import { clone, type KubeObject, rfc3339 } from '../api/types.ts';
import { sameJson } from './apply-typed.ts';
import { finishesDeletion, markForDeletion, orphanDependents } from './deletion.ts';
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound } from './errors.ts';
import { generateName, newUid } from './generated-names.ts';
import { cloneSharingManagedFields as copyOut } from './managed-fields.ts';
import type {
  DeleteOptions,
  ListOptions,
  StoreDeps,
  TypeStrategy,
  WatchEvent,
  WriteOptions,
} from './store-types.ts';
import { orderMeta, unchanged, withTypeMeta } from './stored-meta.ts';
import { type StrategyContext, strategyFor } from './strategy.ts';
import { type ManagedFieldsContext, recordManagedFields, validateFields } from './write-hooks.ts';

export type {
  DeleteOptions,
  FieldValidationRequest,
  ListOptions,
  StoreDeps,
  TypeStrategy,
  WatchEvent,
  WatchEventType,
  WriteOptions,
} from './store-types.ts';

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

  /** Whether a type is a built-in kind rather than one served at runtime (a custom resource). */
  private isBuiltIn(type: ResourceType): boolean {
    return !this.typeStrategies.has(storageKey(type));
  }

  /** What recording managedFields for a write of `type` needs (write-hooks.ts). */
  private managedFieldsContext(type: ResourceType, strategy: TypeStrategy): ManagedFieldsContext {
    return {
      builtIn: this.isBuiltIn(type),
      statusInMainResource: strategy.statusInMainResource,
      now: this.deps.now(),
    };
  }

  create(input: KubeObject, options: WriteOptions = {}): KubeObject {
    const type = this.typeOf(input);
    if (type.virtual) throw badRequest(`the server does not allow this method on the requested resource`);
    const obj = clone(input);
    if (options.fieldValidation && this.isBuiltIn(type)) validateFields(type, obj, options.fieldValidation);
    obj.apiVersion = groupVersion(type);
    const meta = (obj.metadata ??= {});
    const ctx = this.context();
    if (type.namespaced) meta.namespace ||= 'default';
    else delete meta.namespace;
    if (!meta.name && meta.generateName)
      meta.name = generateName(this.deps.random, meta.generateName, (name) =>
        Boolean(this.peek(type, meta.namespace ?? '', name)),
      );
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
    recordManagedFields(type, undefined, obj, options, this.managedFieldsContext(type, strategy), input);
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
      if (this.isBuiltIn(type)) validateFields(type, input, options.fieldValidation);
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
    recordManagedFields(type, old, obj, options, this.managedFieldsContext(type, strategy));
    if (options.dryRun) return withTypeMeta(obj, type);
    if (unchanged(obj, old)) return withTypeMeta(copyOut(old), type);
    obj.metadata.resourceVersion = String(++this.revision);
    const stored = orderMeta(obj);
    // A deleting object whose last finalizer went away is removed now.
    if (finishesDeletion(type, stored)) {
      this.put(type, `${ns}/${name}`, stored);
      this.remove(type, stored);
      return withTypeMeta(copyOut(stored), type);
    }
    this.put(type, `${ns}/${name}`, stored);
    this.emit({ type: 'MODIFIED', resource: type, object: stored, old });
    return withTypeMeta(copyOut(stored), type);
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
    const next = copyOut(obj);
    const now = rfc3339(this.deps.now());
    if (options.propagationPolicy === 'Orphan') orphanDependents(this, obj);
    const outcome = markForDeletion(type, name, next, options, now);
    if (outcome === 'remove') {
      this.remove(type, obj);
      return withTypeMeta(copyOut(obj), type);
    }
    if (outcome === 'pending') return withTypeMeta(copyOut(obj), type);
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

  /** A version 4 UUID from the seeded source. */
  uid(): string {
    return newUid(this.deps.random);
  }

  private emit(event: WatchEvent): void {
    for (const w of [...this.watchers]) w(event);
  }
}
