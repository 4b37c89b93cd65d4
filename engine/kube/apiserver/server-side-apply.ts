// Server-side apply against the store (apiserver fieldmanager + structured-merge-diff
// merge/update.go Updater.Apply): merge the configuration into the live object, drop what the
// manager applied before and no longer applies (unless another manager owns it), refuse fields
// owned by other managers with other values (409) unless forced, and record managedFields.
import { groupVersion } from '../api/resources.ts';
import { clone, type KubeObject, rfc3339 } from '../api/types.ts';
import { compareObjects, mergeObjects, removePaths, toFieldSet } from './apply-typed.ts';
import { FieldSet } from './field-set.ts';
import {
  type Conflict,
  conflictError,
  decodeManagedFields,
  encodeManagedFields,
  type ManagedFieldsEntry,
  type ManagerFields,
  managerIdentifier,
  STRIPPED_FIELDS,
} from './managed-fields.ts';
import { recordUpdate } from './managed-fields-update.ts';
import type { Store } from './store.ts';

export interface ServerSideApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
  /** The simulated time, ms since the epoch (the entry's `time`). */
  now: number;
}

export interface ServerSideApplyResult {
  object: KubeObject;
  created: boolean;
}

/** The object without managedFields and status (status is reset on the main resource). */
function body(obj: KubeObject): KubeObject {
  const out = clone(obj);
  delete out.metadata.managedFields;
  delete out.status;
  return out;
}

/** Paths of `set` no other manager owns, neither the path nor anything under it. */
function unownedBy(set: FieldSet, others: FieldSet): FieldSet {
  const owned = others.paths().map((p) => JSON.stringify(p).slice(0, -1));
  return FieldSet.of(
    set.paths().filter((p) => {
      const prefix = JSON.stringify(p).slice(0, -1);
      return !owned.some((o) => o === prefix || o.startsWith(`${prefix},`));
    }),
  );
}

/** Applies `config` as `options.fieldManager` (PATCH application/apply-patch+yaml). */
export function serverSideApply(
  store: Store,
  config: KubeObject,
  options: ServerSideApplyOptions,
): ServerSideApplyResult {
  const type = store.typeOf(config);
  const cfg = body(config);
  cfg.apiVersion = groupVersion(type);
  if (type.namespaced) cfg.metadata.namespace ||= 'default';
  const live = store.peek(
    type,
    type.namespaced ? (cfg.metadata.namespace ?? '') : '',
    cfg.metadata.name ?? '',
  );
  let entries = live?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  if (live && !entries?.length) {
    // skipNonAppliedManager.Apply: the fields of an object nobody managed yet go to
    // "before-first-apply", as if it had been created by an Update
    entries = recordUpdate({
      kind: type.kind,
      apiVersion: cfg.apiVersion,
      next: { ...live, apiVersion: cfg.apiVersion, kind: type.kind },
      writer: { manager: 'before-first-apply' },
      builtIn: !type.group.includes('.') || type.group.endsWith('.k8s.io'),
      now: options.now,
    });
  }
  const managers = decodeManagedFields(entries);
  const id = managerIdentifier({
    manager: options.fieldManager,
    operation: 'Apply',
    apiVersion: cfg.apiVersion,
  });
  const liveBody = live ? body({ ...live, apiVersion: cfg.apiVersion, kind: type.kind }) : ({} as KubeObject);

  const applied = toFieldSet(type.kind, cfg as never).difference(STRIPPED_FIELDS);
  const previous = managers.get(id);
  let others = new FieldSet();
  for (const [key, m] of managers) if (key !== id) others = others.union(m.set);
  const merged = mergeObjects(type.kind, liveBody as never, cfg as never);
  const dropped = previous ? unownedBy(previous.set.difference(applied), others) : new FieldSet();
  const next = removePaths(type.kind, merged, dropped) as unknown as KubeObject;

  const changes = compareObjects(type.kind, liveBody as never, next as never);
  const touched = changes.modified.union(changes.added);
  const conflicts: Conflict[] = [];
  for (const [key, m] of managers) {
    if (key === id) continue;
    for (const path of m.set.intersection(touched).paths()) conflicts.push({ id: key, manager: m, path });
  }
  if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);
  for (const [key, m] of managers) {
    if (key === id) continue;
    m.set = m.set.difference(touched).difference(changes.removed);
    if (m.set.empty) managers.delete(key);
  }
  const changed = !changes.added.empty || !changes.modified.empty || !changes.removed.empty;
  const unchangedTime = previous?.set.equals(applied) && !changed ? previous.time : undefined;
  const entry: ManagerFields = {
    manager: options.fieldManager,
    operation: 'Apply',
    apiVersion: cfg.apiVersion,
    time: unchangedTime ?? rfc3339(options.now),
    set: applied,
  };
  managers.set(id, entry);

  next.metadata.managedFields = encodeManagedFields(managers);
  if (!next.metadata.managedFields) delete next.metadata.managedFields;
  if (!live)
    return { object: store.create(next, { dryRun: options.dryRun, managedFieldsSet: true }), created: true };
  if (live.status !== undefined) next.status = clone(live.status);
  return { object: store.update(next, { dryRun: options.dryRun, managedFieldsSet: true }), created: false };
}
