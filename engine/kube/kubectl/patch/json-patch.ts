// JSON patch (RFC 6902: add, remove, replace, move, copy, test) and JSON merge patch
// (RFC 7386), the two non-strategic patch types of `kubectl patch --type json|merge`.

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** RFC 7386: null removes a key, objects merge recursively, everything else replaces. */
export function mergePatch(original: Json, patch: Json): Json {
  if (!isMap(patch)) return structuredClone(patch);
  const out: JsonMap = isMap(original) ? structuredClone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** A JSON patch that could not be decoded (the API server answers 400 with this text). */
export class JsonPatchDecodeError extends Error {}
/** A JSON patch whose operation does not apply to the document (the API server answers 422). */
export class JsonPatchApplyError extends Error {}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

export function decodeJsonPatch(patch: Json): Operation[] {
  if (!Array.isArray(patch))
    throw new JsonPatchDecodeError(
      `json: cannot unmarshal ${isMap(patch) ? 'object' : typeof patch} into Go value of type jsonpatch.Patch`,
    );
  return patch.map((op) => {
    if (!isMap(op))
      throw new JsonPatchDecodeError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    return op as unknown as Operation;
  });
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchApplyError(`Unable to find path: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function container(doc: Json, parts: string[], op: string, path: string): Json {
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isMap(node)) node = node[part];
    else node = undefined;
    if (node === undefined)
      throw new JsonPatchApplyError(`${op} operation does not apply: doc is missing path: ${path}`);
  }
  return node;
}

function arrayIndex(list: Json[], key: string, forInsert: boolean, path: string): number {
  if (forInsert && key === '-') return list.length;
  const i = Number(key);
  if (!/^\d+$/.test(key) || i > list.length || (!forInsert && i >= list.length))
    throw new JsonPatchApplyError(`Unable to access invalid index: ${key}`);
  void path;
  return i;
}

function get(doc: Json, path: string, op: string): Json {
  const parts = pointer(path);
  if (parts.length === 0) return doc;
  const parent = container(doc, parts, op, path);
  const key = parts[parts.length - 1];
  const value = Array.isArray(parent)
    ? parent[arrayIndex(parent, key, false, path)]
    : isMap(parent)
      ? parent[key]
      : undefined;
  if (value === undefined)
    throw new JsonPatchApplyError(`${op} operation does not apply: doc is missing key: ${path}`);
  return value;
}

function remove(doc: Json, path: string, op: string): Json {
  const parts = pointer(path);
  const parent = container(doc, parts, op, path);
  const key = parts[parts.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false, path), 1)[0];
  if (!isMap(parent) || !(key in parent))
    throw new JsonPatchApplyError(`${op} operation does not apply: doc is missing key: ${path}`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function add(doc: Json, path: string, value: Json, op: string): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const parent = container(doc, parts, op, path);
  const key = parts[parts.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, path), 0, value);
  else if (isMap(parent)) parent[key] = value;
  else throw new JsonPatchApplyError(`${op} operation does not apply: doc is missing path: ${path}`);
  return doc;
}

/** Applies the operations in order to a copy of `doc`. */
export function applyJsonPatch(doc: Json, ops: Operation[]): Json {
  let out = structuredClone(doc);
  for (const o of ops) {
    switch (o.op) {
      case 'add':
        out = add(out, o.path, structuredClone(o.value ?? null), 'add');
        break;
      case 'remove':
        remove(out, o.path, 'remove');
        break;
      case 'replace':
        get(out, o.path, 'replace');
        remove(out, o.path, 'replace');
        out = add(out, o.path, structuredClone(o.value ?? null), 'replace');
        break;
      case 'move': {
        const value = remove(out, o.from ?? '', 'move');
        out = add(out, o.path, value, 'move');
        break;
      }
      case 'copy':
        out = add(out, o.path, structuredClone(get(out, o.from ?? '', 'copy')), 'copy');
        break;
      case 'test':
        if (JSON.stringify(get(out, o.path, 'test')) !== JSON.stringify(o.value))
          throw new JsonPatchApplyError(`testing value ${o.path} failed: test failed`);
        break;
      default:
        throw new JsonPatchApplyError(`Unexpected kind: ${o.op}`);
    }
  }
  return out;
}
