// Server-side apply's operations on objects of a kind (structured-merge-diff v4.4.2 typed/):
// the field set of an applied configuration (tofieldset.go), merging a configuration into the
// live object (merge.go, with its list order), removing paths (remove.go) and comparing two
// objects into added, modified and removed paths (compare.go).
import { isAtomicObject, isMapField, KEY_DEFAULTS, type ListType, listTypeAt } from './apply-schema.ts';
import {
  type FieldPath,
  FieldSet,
  fieldElement,
  type PathElement,
  sortElements,
  valueElement,
} from './field-set.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The element naming a list item: its key fields (defaults filled) or, in a set, its value. */
function itemElement(list: ListType, item: Json): PathElement {
  if (list.type === 'map' && isMap(item)) {
    // keyElement of the key fields that have a value, written at once
    let out = 'k:{';
    for (const [k, json] of list.members) {
      const v = item[k] ?? KEY_DEFAULTS[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out += `${out.length > 3 ? ',' : ''}${json}${JSON.stringify(v)}`;
    }
    return `${out}}`;
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
 * JSON.stringify(a) === JSON.stringify(b) for JSON data, without serialising: keys in order,
 * members whose value is undefined skipped (null in arrays), shared parts compared at once.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    const type = typeof a;
    if (type === typeof b && (type === 'string' || type === 'boolean')) return false;
    if (type === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) return false;
    return JSON.stringify(a) === JSON.stringify(b); // null, NaN, undefined, an object against a scalar
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const x = a as JsonMap;
  const y = b as JsonMap;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < kx.length && x[kx[i]] === undefined) i++;
    while (j < ky.length && y[ky[j]] === undefined) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j] || !sameJson(x[kx[i]], y[ky[j]])) return false;
    i++;
    j++;
  }
}

const hasOwn = (obj: JsonMap, key: string) => Object.hasOwn(obj, key);

/**
 * The same JSON, keys in the same order, with nothing undefined anywhere (an undefined member
 * counts as added): comparing the two finds no change, so compareObjects need not walk them.
 */
function identical(a: Json, b: Json): boolean {
  if (a === null || typeof a !== 'object') return a === b && a !== undefined;
  if (b === null || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!identical(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !identical((a as JsonMap)[ka[i]], (b as JsonMap)[kb[i]])) return false;
  }
  return true;
}

/**
 * oldObject.Compare(newObject): leaves and list items that appeared, changed or went away; a map
 * or list that appears or goes away as a whole is itself added or removed (compare.go: a null
 * value is there, so a list replacing null adds only its items).
 */
export function compareObjects(kind: string, before: JsonMap, after: JsonMap): Comparison {
  const result: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  // the path and the schema path (field names only) of the value being compared, as stacks
  const path: FieldPath = [];
  const schemaPath: string[] = [];
  const leaf = (lhs: Json, rhs: Json) => {
    if (lhs === undefined) result.added.insert(path);
    else if (rhs === undefined) result.removed.insert(path);
    else if (!sameJson(lhs, rhs)) result.modified.insert(path);
  };
  const whole = (lhs: Json, rhs: Json) => {
    if (lhs === undefined) result.added.insert(path);
    else if (rhs === undefined) result.removed.insert(path);
  };
  const field = (lhs: JsonMap, rhs: JsonMap, k: string) => {
    if (identical(lhs[k], rhs[k])) return;
    schemaPath.push(k);
    path.push(fieldElement(k));
    walk(lhs[k], rhs[k]);
    path.pop();
    schemaPath.pop();
  };
  const walk = (lhs: Json, rhs: Json): void => {
    const lhsAbsent = lhs === undefined || lhs === null;
    const rhsAbsent = rhs === undefined || rhs === null;
    const sample = lhsAbsent ? rhs : lhs;
    if (Array.isArray(sample) && (lhsAbsent || Array.isArray(lhs)) && (rhsAbsent || Array.isArray(rhs))) {
      const list = listTypeAt(kind, schemaPath);
      const l = Array.isArray(lhs) ? lhs : [];
      const r = Array.isArray(rhs) ? rhs : [];
      if (list.type === 'atomic' || (l.length === 0 && r.length === 0)) {
        leaf(lhs, rhs);
        return;
      }
      const left = indexItems(list, l);
      const right = indexItems(list, r);
      const item = (pe: PathElement) => {
        if (identical(left.get(pe), right.get(pe))) return;
        path.push(pe);
        if (!left.has(pe)) result.added.insert(path);
        if (!right.has(pe)) result.removed.insert(path);
        walk(left.get(pe), right.get(pe));
        path.pop();
      };
      for (const pe of left.keys()) item(pe);
      for (const pe of right.keys()) if (!left.has(pe)) item(pe);
      whole(lhs, rhs);
      return;
    }
    if (
      isMap(sample) &&
      (lhsAbsent || isMap(lhs)) &&
      (rhsAbsent || isMap(rhs)) &&
      !isAtomicObject(kind, schemaPath)
    ) {
      const l = isMap(lhs) ? lhs : {};
      const r = isMap(rhs) ? rhs : {};
      const lKeys = Object.keys(l);
      const rKeys = Object.keys(r);
      if (lKeys.length === 0 && rKeys.length === 0) {
        leaf(lhs, rhs);
        return;
      }
      for (const k of lKeys) field(l, r, k);
      for (const k of rKeys) if (!hasOwn(l, k)) field(l, r, k);
      if (path.length > 0) whole(lhs, rhs);
      return;
    }
    leaf(lhs, rhs);
  };
  walk(before, after);
  return result;
}

type FieldsV1 = Record<string, unknown>;

/** Fields a created object's entry leaves out (stripmeta.go), by name: at the root and in metadata. */
export interface OmittedFields {
  root: ReadonlySet<string>;
  metadata: ReadonlySet<string>;
}

/** A FieldsV1 leaf; FieldsV1 objects are built frozen, so they may be shared. */
const LEAF: FieldsV1 = Object.freeze({});

/**
 * Created objects' FieldsV1 by key structure, for zero values without fields (an Event's
 * `{metadata: {}}`): against them every field is added, so values do not matter. A trie over
 * the structure written as tokens: `{`, each member's name and structure, `}`; `.` for a scalar
 * or an empty map. Objects holding lists are not kept.
 */
interface ShapeNode {
  next: Map<unknown, ShapeNode>;
  fields: FieldsV1 | undefined;
}
const OPEN = Symbol('{');
const CLOSE = Symbol('}');
const SCALAR = Symbol('.');
const shapeNode = (): ShapeNode => ({ next: new Map(), fields: undefined });
/** Per omitted fields, kind, and zero value (`{}` or `{metadata: {}}`). */
const createdByShape = new WeakMap<OmittedFields, Map<string, [ShapeNode, ShapeNode]>>();
let shapeNodes = 0;

/** The trie node after `value`'s structure, or undefined when it holds a list. */
function shapeOf(node: ShapeNode, value: Json): ShapeNode | undefined {
  const step = (at: ShapeNode, token: unknown): ShapeNode => {
    let next = at.next.get(token);
    if (!next) {
      next = shapeNode();
      at.next.set(token, next);
      shapeNodes++;
    }
    return next;
  };
  if (Array.isArray(value)) return undefined;
  if (!isMap(value)) return step(node, SCALAR);
  const keys = Object.keys(value);
  if (keys.length === 0) return step(node, SCALAR);
  let at: ShapeNode | undefined = step(node, OPEN);
  for (const k of keys) {
    at = shapeOf(step(at, k), value[k]);
    if (!at) return undefined;
  }
  return step(at, CLOSE);
}

/** `{}` is 0, `{metadata: {}}` is 1, anything else undefined. */
function trivialZero(zero: JsonMap): 0 | 1 | undefined {
  const keys = Object.keys(zero);
  if (keys.length === 0) return 0;
  const meta = zero.metadata;
  return keys.length === 1 && isMap(meta) && Object.keys(meta).length === 0 ? 1 : undefined;
}

/**
 * The FieldsV1 of compareObjects(zero, obj).added ∪ modified, built in one pass: what a create
 * owns (the added fields of the new object against the kind's zero value), without path sets.
 * With `omit`, those fields are left out, and metadata is never owned as a whole. The result
 * is frozen.
 */
export function createdFieldsV1(kind: string, zero: JsonMap, obj: JsonMap, omit?: OmittedFields): FieldsV1 {
  const zeroKind = omit && trivialZero(zero);
  if (!omit || zeroKind === undefined) return buildCreatedFieldsV1(kind, zero, obj, omit);
  let byKind = createdByShape.get(omit);
  if (!byKind) {
    byKind = new Map();
    createdByShape.set(omit, byKind);
  }
  let roots = byKind.get(kind);
  if (!roots || shapeNodes > 100_000) {
    if (shapeNodes > 100_000) {
      byKind.clear();
      shapeNodes = 0;
    }
    roots = [shapeNode(), shapeNode()];
    byKind.set(kind, roots);
  }
  const node = shapeOf(roots[zeroKind], obj);
  if (!node) return buildCreatedFieldsV1(kind, zero, obj, omit);
  node.fields ??= buildCreatedFieldsV1(kind, zero, obj, omit);
  return node.fields;
}

function buildCreatedFieldsV1(kind: string, zero: JsonMap, obj: JsonMap, omit?: OmittedFields): FieldsV1 {
  const schemaPath: string[] = [];
  // the FieldsV1 of one value; undefined when nothing under (and at) it is owned
  const walk = (lhs: Json, rhs: Json, top: boolean): FieldsV1 | undefined => {
    const lhsAbsent = lhs === undefined || lhs === null;
    if (Array.isArray(rhs) && (lhsAbsent || Array.isArray(lhs))) {
      const list = listTypeAt(kind, schemaPath);
      const l = Array.isArray(lhs) ? lhs : [];
      if (list.type === 'atomic' || (l.length === 0 && rhs.length === 0)) return leaf(lhs, rhs);
      const left = indexItems(list, l);
      const items = indexItems(list, rhs);
      const out: FieldsV1 = lhs === undefined ? { '.': LEAF } : {};
      let owned = 0;
      for (const pe of sortElements([...items.keys()])) {
        const had = left.get(pe);
        const sub = walk(had, items.get(pe), false);
        if (had === undefined) out[pe] = sub ?? LEAF;
        else if (sub) out[pe] = sub;
        else continue;
        owned++;
      }
      return owned > 0 ? Object.freeze(out) : lhs === undefined ? LEAF : undefined;
    }
    if (isMap(rhs) && (lhsAbsent || isMap(lhs)) && (top || !isAtomicObject(kind, schemaPath))) {
      const l = isMap(lhs) ? lhs : {};
      const keys = Object.keys(rhs);
      if (keys.length === 0 && Object.keys(l).length === 0) return leaf(lhs, rhs);
      const added = !top && lhs === undefined;
      const out: FieldsV1 = added ? { '.': LEAF } : {};
      let owned = 0;
      for (const k of keys.sort()) {
        if (top && omit?.root.has(k)) continue;
        schemaPath.push(k);
        const sub = top && omit && k === 'metadata' ? metadata(l[k], rhs[k]) : walk(l[k], rhs[k], false);
        schemaPath.pop();
        if (!sub) continue;
        out[fieldElement(k)] = sub;
        owned++;
      }
      return owned > 0 ? Object.freeze(out) : added ? LEAF : undefined;
    }
    return leaf(lhs, rhs);
  };
  const leaf = (lhs: Json, rhs: Json): FieldsV1 | undefined =>
    lhs === undefined || !sameJson(lhs, rhs) ? LEAF : undefined;
  // the object's own metadata: its fields, without the omitted ones and never `.`
  const metadata = (lhs: Json, rhs: Json): FieldsV1 | undefined => {
    if (!isMap(rhs) || !(lhs === undefined || lhs === null || isMap(lhs))) return undefined;
    const l = isMap(lhs) ? lhs : {};
    const out: FieldsV1 = {};
    let owned = 0;
    for (const k of Object.keys(rhs).sort()) {
      if (omit?.metadata.has(k)) continue;
      schemaPath.push(k);
      const sub = walk(l[k], rhs[k], false);
      schemaPath.pop();
      if (!sub) continue;
      out[fieldElement(k)] = sub;
      owned++;
    }
    return owned > 0 ? Object.freeze(out) : undefined;
  };
  return walk(zero, obj, true) ?? LEAF;
}
