// metadata.managedFields as the API server keeps them (apimachinery util/managedfields/internal
// managedfields.go, conflict.go): entries keyed by their manager identifier, encoded in
// sortEncodedManagedFields order, and apply conflicts as a 409 with FieldManagerConflict causes.

import { clone, type KubeObject } from '../api/types.ts';
import { StatusError } from './errors.ts';
import { type FieldPath, FieldSet, fieldElement, pathString } from './field-set.ts';

/** Paths never kept in managedFields (internal/stripmeta.go NewStripMetaManager). */
export const STRIPPED_PATHS: FieldPath[] = [
  ['apiVersion'],
  ['kind'],
  ['metadata'],
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'selfLink'],
  ['metadata', 'uid'],
  ['metadata', 'clusterName'],
  ['metadata', 'generation'],
  ['metadata', 'managedFields'],
  ['metadata', 'resourceVersion'],
].map((p) => p.map(fieldElement));
export const STRIPPED_FIELDS = FieldSet.of(STRIPPED_PATHS);

/** metav1.ManagedFieldsEntry, its JSON fields in the type's order. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface ManagerFields {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
  /** Where encodeManagedFields last wrote this manager: its entry is reused while that holds. */
  written?: Written;
}

interface Written {
  entry: ManagedFieldsEntry;
  set: FieldSet;
  /** The array the entry was written in. */
  array: ManagedFieldsEntry[];
}

/** Identifiers made so far, by manager, operation, apiVersion and subresource. */
type IdentifierTree = Map<unknown, IdentifierTree | string>;
const identifiers: IdentifierTree = new Map();
let identifierCount = 0;

/**
 * BuildManagerIdentifier: the entry without fieldsType, fieldsV1 and time (and apiVersion for
 * Apply), as encoding/json writes it: `{"manager":"kubectl","operation":"Apply"}`.
 */
export function managerIdentifier(
  m: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  const apiVersion = m.operation === 'Update' && m.apiVersion ? m.apiVersion : undefined;
  const subresource = m.subresource ? m.subresource : undefined;
  // the same string each time: it keys maps, and a string made anew is hashed anew
  const byOperation = branch(identifiers, m.manager);
  const byVersion = branch(byOperation, m.operation);
  const bySubresource = branch(byVersion, apiVersion);
  let id = bySubresource.get(subresource) as string | undefined;
  if (id === undefined) {
    id = writeIdentifier(m.manager, m.operation, apiVersion, subresource);
    if (++identifierCount > 4096) {
      identifiers.clear();
      identifierCount = 0;
    } else bySubresource.set(subresource, id);
  }
  return id;
}

function branch(tree: IdentifierTree, key: unknown): IdentifierTree {
  let next = tree.get(key) as IdentifierTree | undefined;
  if (!next) {
    next = new Map();
    tree.set(key, next);
  }
  return next;
}

/** JSON.stringify of {manager, operation, apiVersion, subresource}, members undefined left out. */
function writeIdentifier(
  manager: unknown,
  operation: unknown,
  apiVersion?: string,
  subresource?: string,
): string {
  let out = '';
  const member = (name: string, value: unknown) => {
    if (value !== undefined) out += `${out ? ',' : ''}"${name}":${JSON.stringify(value)}`;
  };
  member('manager', manager);
  member('operation', operation);
  member('apiVersion', apiVersion);
  member('subresource', subresource);
  return `{${out}}`;
}

/**
 * What encodeManagedFields wrote: the decoded managers, kept in the (frozen) array it returned
 * under a symbol. The store keeps that array in the object, so the next write decodes it for free.
 */
const DECODED = Symbol('decoded managers');
type Encoded = ManagedFieldsEntry[] & { [DECODED]?: Map<string, ManagerFields> };

/** Fresh ManagerFields for the caller to change (the field sets themselves never change). */
function copyManagers(managers: Map<string, ManagerFields>): Map<string, ManagerFields> {
  const out = new Map<string, ManagerFields>();
  for (const [id, m] of managers) out.set(id, { ...m });
  return out;
}

/** DecodeManagedFields: identifier -> the manager's entry and field set. */
export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Map<string, ManagerFields> {
  const known = (entries as Encoded | undefined)?.[DECODED];
  if (known) return copyManagers(known);
  const out = new Map<string, ManagerFields>();
  for (const e of entries ?? []) {
    const m: ManagerFields = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      time: e.time,
      subresource: e.subresource,
      set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}),
    };
    out.set(managerIdentifier(m), m);
  }
  return out;
}

/** Unix seconds of entry times (few distinct ones: they are kept by the second). */
const secondsOf = new Map<string, number>();
function seconds(time?: string): number {
  if (!time) return 0;
  let s = secondsOf.get(time);
  if (s === undefined) {
    if (secondsOf.size >= 1024) secondsOf.clear();
    s = Math.floor(Date.parse(time) / 1000);
    secondsOf.set(time, s);
  }
  return s;
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * encodeManagedFields: sorted by operation, time (seconds), manager, apiVersion, subresource.
 * The entries are frozen, their fieldsV1 shared with the field sets (copy them to change them).
 */
export function encodeManagedFields(managers: Map<string, ManagerFields>): ManagedFieldsEntry[] | undefined {
  const pairs: { entry: ManagedFieldsEntry; m: ManagerFields; seconds: number }[] = [];
  for (const m of managers.values()) {
    if (m.set.empty) continue;
    pairs.push({ entry: writtenEntry(m) ?? newEntry(m), m, seconds: seconds(m.time) });
  }
  if (pairs.length === 0) return undefined;
  pairs.sort(
    ({ entry: p, seconds: ps }, { entry: q, seconds: qs }) =>
      cmp(p.operation, q.operation) ||
      ps - qs ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  // nothing changed: the array written last time, as it was
  const last = pairs[0].m.written?.array;
  if (last && last.length === pairs.length && pairs.every((p, i) => last[i] === p.entry)) return last;
  const entries = pairs.map((p) => p.entry);
  // as decodeManagedFields would read the entries back
  const decoded = new Map<string, ManagerFields>();
  for (const { entry, m } of pairs) {
    const again: ManagerFields = {
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      time: entry.time,
      subresource: entry.subresource,
      set: m.set,
      written: { entry, set: m.set, array: entries },
    };
    decoded.set(managerIdentifier(again), again);
  }
  // a hidden member: JSON, copies and Object.keys do not see it
  Object.defineProperty(entries, DECODED, { value: decoded });
  freezeManagedFields(entries);
  return entries;
}

/** The entry last written for this manager, if it still says the same. */
function writtenEntry(m: ManagerFields): ManagedFieldsEntry | undefined {
  const w = m.written;
  if (!w || w.set !== m.set) return undefined;
  const e = w.entry;
  const same =
    e.manager === m.manager &&
    e.operation === m.operation &&
    e.apiVersion === m.apiVersion &&
    e.time === (m.time ? m.time : undefined) &&
    e.subresource === (m.subresource ? m.subresource : undefined);
  return same ? e : undefined;
}

function newEntry(m: ManagerFields): ManagedFieldsEntry {
  const fieldsV1 = m.set.toFieldsV1();
  const entry: ManagedFieldsEntry = m.time
    ? {
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        time: m.time,
        fieldsType: 'FieldsV1',
        fieldsV1,
      }
    : {
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1,
      };
  if (m.subresource) entry.subresource = m.subresource;
  return entry;
}

/** printManager: `"kubectl"`, or for an Update `"kubectl-edit" using apps/v1 at <time>`. */
function printManager(m: ManagerFields): string {
  let out = JSON.stringify(m.manager);
  if (m.subresource) out += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update')
    return m.time ? `${out} using ${m.apiVersion} at ${m.time}` : `${out} using ${m.apiVersion}`;
  return out;
}

export interface Conflict {
  /** The manager identifier (managerIdentifier). */
  id: string;
  manager: ManagerFields;
  path: FieldPath;
}

/** NewConflictError: `Apply failed with N conflict(s): ...`, managers in identifier order. */
export function conflictError(conflicts: Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [c] = conflicts;
    message = `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${pathString(c.path)}`;
  } else {
    const ids = [...new Set(conflicts.map((c) => c.id))].sort(cmp);
    const lines: string[] = [];
    for (const id of ids) {
      const mine = conflicts.filter((c) => c.id === id);
      lines.push(`conflicts with ${printManager(mine[0].manager)}:`);
      for (const c of mine) lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes });
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
}

/** Freezes the entries an object is stored with, so that copies of it can share them. */
export function freezeManagedFields(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  for (const e of entries) {
    deepFreeze(e.fieldsV1);
    Object.freeze(e);
  }
  return Object.freeze(entries) as ManagedFieldsEntry[];
}

/**
 * A deep copy of an object, except that frozen metadata.managedFields (freezeManagedFields) are
 * shared: nothing can change them, and they are the largest part of most stored objects.
 */
export function cloneSharingManagedFields(obj: KubeObject): KubeObject {
  const shared = obj.metadata?.managedFields;
  if (!shared || !Object.isFrozen(shared)) return clone(obj);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (key !== 'metadata') {
      out[key] = clone(obj[key]);
      continue;
    }
    const meta: Record<string, unknown> = {};
    for (const k of Object.keys(obj.metadata))
      meta[k] = k === 'managedFields' ? shared : clone(obj.metadata[k]);
    out.metadata = meta;
  }
  return out as KubeObject;
}
