// metadata.managedFields as the API server keeps them (apimachinery util/managedfields/internal
// managedfields.go, conflict.go): entries keyed by their manager identifier, encoded in
// sortEncodedManagedFields order, and apply conflicts as a 409 with FieldManagerConflict causes.

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
}

/**
 * BuildManagerIdentifier: the entry without fieldsType, fieldsV1 and time (and apiVersion for
 * Apply), as encoding/json writes it: `{"manager":"kubectl","operation":"Apply"}`.
 */
export function managerIdentifier(
  m: Pick<ManagerFields, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  const id: Record<string, string> = { manager: m.manager, operation: m.operation };
  if (m.operation === 'Update' && m.apiVersion) id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id);
}

/** DecodeManagedFields: identifier -> the manager's entry and field set. */
export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Map<string, ManagerFields> {
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

const seconds = (time?: string) => (time ? Math.floor(Date.parse(time) / 1000) : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** encodeManagedFields: sorted by operation, time (seconds), manager, apiVersion, subresource. */
export function encodeManagedFields(managers: Map<string, ManagerFields>): ManagedFieldsEntry[] | undefined {
  const entries: ManagedFieldsEntry[] = [];
  for (const m of managers.values()) {
    if (m.set.empty) continue;
    const e: ManagedFieldsEntry = {
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: m.set.toFieldsV1(),
    };
    if (m.subresource) e.subresource = m.subresource;
    entries.push(e);
  }
  if (entries.length === 0) return undefined;
  return entries.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
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
