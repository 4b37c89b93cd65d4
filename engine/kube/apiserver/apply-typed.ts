// Server-side apply's operations on objects of a kind (structured-merge-diff v4.4.2 typed/):
// the field set of an applied configuration (tofieldset.go), merging a configuration into the
// live object (merge.go, with its list order), removing paths (remove.go) and comparing two
// objects into added, modified and removed paths (compare.go).
import { isAtomicObject, isMapField, KEY_DEFAULTS, type ListType, listTypeAt } from './apply-schema.ts';
import {
  compareElements,
  type FieldPath,
  FieldSet,
  fieldElement,
  keyElement,
  type PathElement,
  valueElement,
} from './field-set.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The element naming a list item: its key fields (defaults filled) or, in a set, its value. */
function itemElement(list: ListType, item: Json): PathElement {
  if (list.type === 'map' && isMap(item)) {
    const key: JsonMap = {};
    for (const k of list.keys) {
      const v = item[k] ?? KEY_DEFAULTS[k];
      if (v !== undefined) key[k] = v;
    }
    return keyElement(key);
  }
  return valueElement(item);
}

/** Items of a non-atomic list by element; later duplicates are dropped. */
function indexItems(list: ListType, items: Json[]): Map<PathElement, Json> {
  const out = new Map<PathElement, Json>();
  for (const item of items) {
    const pe = itemElement(list, item);
    if (!out.has(pe)) out.set(pe, item);
  }
  return out;
}

/** ToFieldSet: every scalar, atomic value, list item, empty map and map entry of `obj`. */
export function toFieldSet(kind: string, obj: JsonMap): FieldSet {
  const set = new FieldSet();
  const walk = (v: Json, schemaPath: string[], path: FieldPath): void => {
    if (Array.isArray(v)) {
      const list = listTypeAt(kind, schemaPath);
      if (list.type === 'atomic') {
        set.insert(path);
        return;
      }
      for (const [pe, item] of indexItems(list, v)) {
        walk(item, schemaPath, [...path, pe]);
        set.insert([...path, pe]);
      }
      return;
    }
    if (!isMap(v)) {
      set.insert(path);
      return;
    }
    if (path.length > 0 && isAtomicObject(kind, schemaPath)) {
      set.insert(path);
      return;
    }
    const mapEntries = isMapField(schemaPath);
    for (const [k, child] of Object.entries(v)) {
      const childPath = [...path, fieldElement(k)];
      walk(child, [...schemaPath, k], childPath);
      if (child === null || (isMap(child) && Object.keys(child).length === 0) || mapEntries)
        set.insert(childPath);
    }
  };
  walk(obj, [], []);
  return set;
}

/** live.Merge(config): config values win; granular maps and keyed lists merge item by item. */
export function mergeObjects(kind: string, live: JsonMap, config: JsonMap): JsonMap {
  const merge = (lhs: Json, rhs: Json, schemaPath: string[]): Json => {
    if (rhs === undefined) return lhs;
    if (lhs === undefined) return rhs;
    if (Array.isArray(lhs) && Array.isArray(rhs)) {
      const list = listTypeAt(kind, schemaPath);
      return list.type === 'atomic' ? rhs : mergeList(list, lhs, rhs, schemaPath);
    }
    if (isMap(lhs) && isMap(rhs) && !isAtomicObject(kind, schemaPath)) {
      const out: JsonMap = { ...lhs };
      for (const [k, v] of Object.entries(rhs)) out[k] = merge(lhs[k], v, [...schemaPath, k]);
      return out;
    }
    return rhs;
  };
  // merge.go visitListItems: live items keep their places; shared items follow the config's order
  const mergeList = (list: ListType, lhs: Json[], rhs: Json[], schemaPath: string[]): Json[] => {
    const left = indexItems(list, lhs);
    const right = indexItems(list, rhs);
    const lhsPEs = [...left.keys()];
    const rhsPEs = [...right.keys()];
    const shared = rhsPEs.filter((pe) => left.has(pe));
    let nextShared = shared.shift();
    const merged = new Set<PathElement>();
    const out: Json[] = [];
    const item = (pe: PathElement) => merge(left.get(pe), right.get(pe), schemaPath);
    let l = 0;
    let r = 0;
    while (l < lhsPEs.length || r < rhsPEs.length) {
      if (l < lhsPEs.length && r < rhsPEs.length) {
        const pe = lhsPEs[l];
        if (pe === rhsPEs[r]) {
          merged.add(pe);
          out.push(item(pe));
          l++;
          r++;
          nextShared = shared.shift();
          continue;
        }
        if (right.has(pe) && nextShared !== undefined && nextShared !== pe) {
          l++;
          continue;
        }
      }
      if (l < lhsPEs.length) {
        const pe = lhsPEs[l];
        if (!right.has(pe)) {
          out.push(left.get(pe));
          l++;
          continue;
        }
        if (merged.has(pe)) l++;
      }
      if (r < rhsPEs.length) {
        const pe = rhsPEs[r];
        merged.add(pe);
        out.push(item(pe));
        r++;
        if (nextShared === pe) nextShared = shared.shift();
      }
    }
    return out;
  };
  return merge(live, config, []) as JsonMap;
}

/** RemoveItems: drops every member path of `remove`; maps and lists left empty go too. */
export function removePaths(kind: string, obj: JsonMap, remove: FieldSet): JsonMap {
  const strip = (v: Json, schemaPath: string[], path: FieldPath): Json => {
    if (Array.isArray(v)) {
      const list = listTypeAt(kind, schemaPath);
      if (list.type === 'atomic') return v;
      const out: Json[] = [];
      for (const item of v) {
        const itemPath = [...path, itemElement(list, item)];
        if (remove.has(itemPath)) continue;
        out.push(strip(item, schemaPath, itemPath));
      }
      return out.length > 0 ? out : undefined;
    }
    if (!isMap(v) || (path.length > 0 && isAtomicObject(kind, schemaPath))) return v;
    const out: JsonMap = {};
    for (const [k, child] of Object.entries(v)) {
      const childPath = [...path, fieldElement(k)];
      if (remove.has(childPath)) continue;
      const kept = strip(child, [...schemaPath, k], childPath);
      if (kept !== undefined) out[k] = kept;
    }
    return Object.keys(out).length > 0 || Object.keys(v).length === 0 ? out : undefined;
  };
  return (strip(obj, [], []) ?? {}) as JsonMap;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * oldObject.Compare(newObject): leaves and list items that appeared, changed or went away; a map
 * or list that appears or goes away as a whole is itself added or removed (compare.go: a null
 * value is there, so a list replacing null adds only its items).
 */
export function compareObjects(kind: string, before: JsonMap, after: JsonMap): Comparison {
  const result: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const leaf = (lhs: Json, rhs: Json, path: FieldPath) => {
    if (lhs === undefined) result.added.insert(path);
    else if (rhs === undefined) result.removed.insert(path);
    else if (JSON.stringify(lhs) !== JSON.stringify(rhs)) result.modified.insert(path);
  };
  const whole = (lhs: Json, rhs: Json, path: FieldPath) => {
    if (lhs === undefined) result.added.insert(path);
    else if (rhs === undefined) result.removed.insert(path);
  };
  const walk = (lhs: Json, rhs: Json, schemaPath: string[], path: FieldPath): void => {
    const sample = lhs === undefined || lhs === null ? rhs : lhs;
    const fits = (v: Json, test: (x: Json) => boolean) => v === undefined || v === null || test(v);
    if (Array.isArray(sample) && fits(lhs, Array.isArray) && fits(rhs, Array.isArray)) {
      const list = listTypeAt(kind, schemaPath);
      const l = Array.isArray(lhs) ? lhs : [];
      const r = Array.isArray(rhs) ? rhs : [];
      if (list.type === 'atomic' || (l.length === 0 && r.length === 0)) {
        leaf(lhs, rhs, path);
        return;
      }
      const left = indexItems(list, l);
      const right = indexItems(list, r);
      for (const pe of new Set([...left.keys(), ...right.keys()])) {
        const itemPath = [...path, pe];
        if (!left.has(pe)) result.added.insert(itemPath);
        if (!right.has(pe)) result.removed.insert(itemPath);
        walk(left.get(pe), right.get(pe), schemaPath, itemPath);
      }
      whole(lhs, rhs, path);
      return;
    }
    if (isMap(sample) && fits(lhs, isMap) && fits(rhs, isMap) && !isAtomicObject(kind, schemaPath)) {
      const l = isMap(lhs) ? lhs : {};
      const r = isMap(rhs) ? rhs : {};
      if (Object.keys(l).length === 0 && Object.keys(r).length === 0) {
        leaf(lhs, rhs, path);
        return;
      }
      for (const k of new Set([...Object.keys(l), ...Object.keys(r)]))
        walk(l[k], r[k], [...schemaPath, k], [...path, fieldElement(k)]);
      if (path.length > 0) whole(lhs, rhs, path);
      return;
    }
    leaf(lhs, rhs, path);
  };
  walk(before, after, [], []);
  return result;
}

type FieldsV1 = Record<string, unknown>;

/** A FieldsV1 level with its keys in PathElement order. */
function sortedFields(fields: FieldsV1, member: boolean): FieldsV1 {
  const out: FieldsV1 = {};
  if (member) out['.'] = {};
  const keys = Object.keys(fields);
  // field names alone sort as strings; other elements need PathElement.Compare
  const plain = keys.every((k) => k.charCodeAt(0) === 102); // 'f'
  for (const k of plain ? keys.sort() : keys.sort(compareElements)) out[k] = fields[k];
  return out;
}

/**
 * The FieldsV1 of compareObjects(zero, obj).added ∪ modified, built in one pass: what a create
 * owns (the added fields of the new object against the kind's zero value), without path sets.
 */
export function createdFieldsV1(kind: string, zero: JsonMap, obj: JsonMap): FieldsV1 {
  // returns undefined when nothing under (and at) this value is owned
  const walk = (lhs: Json, rhs: Json, schemaPath: string[], top: boolean): FieldsV1 | undefined => {
    const leaf = () =>
      lhs === undefined || JSON.stringify(lhs) !== JSON.stringify(rhs) ? ({} as FieldsV1) : undefined;
    const member = (children: FieldsV1, added: boolean): FieldsV1 | undefined => {
      let any = false;
      for (const _ in children) {
        any = true;
        break;
      }
      if (!added) return any ? sortedFields(children, false) : undefined;
      return any ? sortedFields(children, true) : {};
    };
    if (Array.isArray(rhs) && (lhs === undefined || lhs === null || Array.isArray(lhs))) {
      const list = listTypeAt(kind, schemaPath);
      const l = Array.isArray(lhs) ? lhs : [];
      if (list.type === 'atomic' || (l.length === 0 && rhs.length === 0)) return leaf();
      const left = indexItems(list, l);
      const children: FieldsV1 = {};
      for (const [pe, item] of indexItems(list, rhs)) {
        const had = left.get(pe);
        const sub = walk(had, item, schemaPath, false);
        if (had === undefined) children[pe] = sub ?? {};
        else if (sub) children[pe] = sub;
      }
      return member(children, lhs === undefined);
    }
    if (
      isMap(rhs) &&
      (lhs === undefined || lhs === null || isMap(lhs)) &&
      (top || !isAtomicObject(kind, schemaPath))
    ) {
      const l = isMap(lhs) ? lhs : {};
      if (Object.keys(l).length === 0 && Object.keys(rhs).length === 0) return leaf();
      const children: FieldsV1 = {};
      for (const [k, v] of Object.entries(rhs)) {
        const sub = walk(l[k], v, [...schemaPath, k], false);
        if (sub) children[fieldElement(k)] = sub;
      }
      return member(children, !top && lhs === undefined);
    }
    return leaf();
  };
  return walk(zero, obj, [], true) ?? {};
}
