// The patch kubectl edit sends: a two-way strategic merge patch from the original object to the
// edited one for built-in kinds, a JSON merge patch (RFC 7386) otherwise (apimachinery v0.32.4
// strategicpatch CreateTwoWayMergePatch, evanphx/json-patch CreateMergePatch).
import { type FieldRule, ruleFor } from '../patch/strategic-merge.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

/**
 * The patch metadata of `field` reached through `path` (field names from the root, list items
 * adding nothing) in an object of `kind`: the tags the engine's strategic merge applies.
 */
function patchMeta(kind: string, path: string[], field: string): Partial<FieldRule> {
  return ruleFor(kind, path, field) ?? {};
}

const isMap = (v: Json): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** reflect.TypeOf after json.Unmarshal into interface{}: the JSON kind of a value. */
function jsonKind(v: Json): string {
  if (v === null || v === undefined) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** reflect.DeepEqual of decoded JSON values (key order does not matter). */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (jsonKind(a) !== jsonKind(b) || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    const list = b as Json[];
    return a.length === list.length && a.every((item, i) => sameJson(item, list[i]));
  }
  const ka = Object.keys(a as JsonMap);
  const mb = b as JsonMap;
  return (
    ka.length === Object.keys(mb).length && ka.every((k) => k in mb && sameJson((a as JsonMap)[k], mb[k]))
  );
}

/** fmt's %v of a decoded JSON scalar (float64 with %g's shortest form: 1e+06 from a million up). */
function goString(v: Json): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '<nil>' : String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e21 || abs < 1e-4 || (Number.isInteger(v) && abs >= 1e6))) {
    const [mantissa, exponent] = v.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(v);
}

const byGoString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortScalars(list: Json[]): Json[] {
  return [...list].sort((a, b) => byGoString(goString(a), goString(b)));
}

/** The two-way strategic merge patch turning `original` into `modified` (an object of `kind`). */
export function twoWayMergePatch(kind: string, original: JsonMap, modified: JsonMap): JsonMap {
  return diffMaps(kind, [], original, modified, false);
}

function diffMaps(
  kind: string,
  path: string[],
  original: JsonMap,
  modified: JsonMap,
  retainKeys: boolean,
): JsonMap {
  const patch: JsonMap = {};
  const retained: string[] = [];
  for (const [key, value] of Object.entries(modified)) {
    if (retainKeys && value !== null) retained.push(key);
    if (!(key in original)) {
      patch[key] = value;
      continue;
    }
    const before = original[key];
    if (key === '$patch') {
      if (before !== value) patch[key] = value;
      continue;
    }
    if (jsonKind(before) !== jsonKind(value)) {
      patch[key] = value;
      continue;
    }
    const meta = patchMeta(kind, path, key);
    if (isMap(before) && isMap(value)) {
      if (meta.replace) {
        patch[key] = value;
        continue;
      }
      const sub = diffMaps(kind, [...path, key], before, value, meta.retainKeys === true);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (Array.isArray(before) && Array.isArray(value) && meta.merge) {
      diffListInto(patch, kind, [...path, key], key, before, value, meta);
    } else if (!sameJson(before, value)) patch[key] = value;
  }
  for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const removedField = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retained.length > 0 && (Object.keys(patch).length > 0 || removedField))
    patch.$retainKeys = sortScalars(retained);
  return patch;
}

/** handleSliceDiff for a list with the merge strategy: items, deletions and element order. */
function diffListInto(
  patch: JsonMap,
  kind: string,
  path: string[],
  key: string,
  original: Json[],
  modified: Json[],
  meta: Partial<FieldRule>,
): void {
  if (original.length === 0) {
    if (modified.length > 0) patch[key] = modified;
    return;
  }
  if ([...original, ...modified].every(isMap) && meta.mergeKey) {
    const { items, order } = diffListsOfMaps(kind, path, original as JsonMap[], modified as JsonMap[], meta);
    if (items.length > 0) patch[key] = items;
    if (order.length > 0) patch[`$setElementOrder/${key}`] = order;
    return;
  }
  const { added, deleted } = diffListsOfScalars(original, modified);
  if (added.length > 0) patch[key] = added;
  if (deleted.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = deleted;
  if (deleted.length > 0 || !sameJson(original, modified)) patch[`$setElementOrder/${key}`] = modified;
}

function diffListsOfMaps(
  kind: string,
  path: string[],
  original: JsonMap[],
  modified: JsonMap[],
  meta: Partial<FieldRule>,
): { items: JsonMap[]; order: JsonMap[] } {
  const mergeKey = meta.mergeKey ?? '';
  const keyOf = (item: JsonMap) => goString(item[mergeKey]);
  const sorted = (list: JsonMap[]) => [...list].sort((a, b) => byGoString(keyOf(a), keyOf(b)));
  const from = sorted(original);
  const to = sorted(modified);
  const changed: JsonMap[] = [];
  const deletions: JsonMap[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const a = from[i];
    const b = to[j];
    if (a && b && keyOf(a) === keyOf(b)) {
      const sub = diffMaps(kind, path, a, b, meta.retainKeys === true);
      if (Object.keys(sub).length > 0) changed.push({ ...sub, [mergeKey]: b[mergeKey] });
      i++;
      j++;
    } else if (!a || (b && keyOf(a) > keyOf(b))) {
      changed.push(b);
      j++;
    } else {
      deletions.push({ [mergeKey]: a[mergeKey], $patch: 'delete' });
      i++;
    }
  }
  // normalizeSliceOrder: the changed items in the modified list's order
  const position = (item: JsonMap) => modified.findIndex((m) => m[mergeKey] === item[mergeKey]);
  const items = [...changed].sort((a, b) => position(a) - position(b)).concat(deletions);
  const sameOrder =
    original.length === modified.length && modified.every((m, n) => original[n][mergeKey] === m[mergeKey]);
  const order = items.length > 0 || !sameOrder ? modified.map((m) => ({ [mergeKey]: m[mergeKey] })) : [];
  return { items, order };
}

function diffListsOfScalars(original: Json[], modified: Json[]): { added: Json[]; deleted: Json[] } {
  const from = sortScalars(original);
  const to = sortScalars(modified);
  const added: Json[] = [];
  const deleted: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const a = i < from.length ? goString(from[i]) : undefined;
    const b = j < to.length ? goString(to[j]) : undefined;
    if (a !== undefined && a === b) {
      i++;
      j++;
    } else if (a === undefined || (b !== undefined && a > b)) {
      added.push(to[j++]);
    } else {
      deleted.push(from[i++]);
    }
  }
  const positions = (v: Json) => modified.indexOf(v);
  return {
    added: added.sort((a, b) => positions(a) - positions(b)),
    deleted: deleted.filter((v, n) => deleted.indexOf(v) === n),
  };
}

/** jsonpatch.CreateMergePatch: changed values, removed keys as null, lists replaced whole. */
export function mergePatchBetween(original: JsonMap, modified: JsonMap): JsonMap {
  const patch: JsonMap = {};
  for (const [key, value] of Object.entries(modified)) {
    const before = original[key];
    if (!(key in original)) patch[key] = value;
    else if (isMap(before) && isMap(value)) {
      const sub = mergePatchBetween(before, value);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!sameJson(before, value)) patch[key] = value;
  }
  for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  return patch;
}
