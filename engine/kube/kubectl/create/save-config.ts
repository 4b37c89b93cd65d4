// --save-config: the kubectl.kubernetes.io/last-applied-configuration annotation that
// util.CreateOrUpdateAnnotation writes, the object as Go's JSON encoder prints it (compact,
// struct fields in declaration order, map keys sorted, a trailing newline).
import type { KubeObject } from '../../api/types.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Fields that are Go maps (keys sorted) rather than structs (keys in declaration order). */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'data',
  'matchLabels',
  'selector',
  'hard',
  'nodeSelector',
]);

/** ObjectMeta's field order. */
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

function quote(text: string): string {
  // encoding/json escapes <, > and & (HTML-safe) and U+2028/2029
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function encode(value: unknown, isMap: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => encode(v, false)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = isMap ? Object.keys(obj).sort() : Object.keys(obj);
  // a map whose values are strings under a selector-like key is a map; selector structs (with
  // matchLabels) are not
  return `{${keys
    .map((k) => {
      const v = obj[k];
      const childIsMap =
        MAP_FIELDS.has(k) && !(k === 'selector' && v && typeof v === 'object' && 'matchLabels' in v);
      return `${quote(k)}:${encode(v, childIsMap)}`;
    })
    .join(',')}}`;
}

/** Go's JSON of a typed object: kind and apiVersion (TypeMeta) first, then the rest in order. */
export function goJson(obj: KubeObject): string {
  const { kind, apiVersion, metadata, ...rest } = obj;
  const orderedMeta: Record<string, unknown> = {};
  for (const key of META_ORDER)
    if (key in metadata) orderedMeta[key] = (metadata as Record<string, unknown>)[key];
  return encode({ kind, apiVersion, metadata: orderedMeta, ...rest }, false);
}

/** Adds the annotation (computed without itself, as GetModifiedConfiguration does). */
export function saveConfig(obj: KubeObject): void {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const copy = structuredClone(obj);
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  const json = `${goJson(copy)}\n`;
  const meta: Record<string, unknown> = {};
  for (const key of META_ORDER) {
    if (key === 'annotations') meta.annotations = { ...annotations, [LAST_APPLIED]: json };
    else if (key in obj.metadata) meta[key] = (obj.metadata as Record<string, unknown>)[key];
  }
  obj.metadata = meta as KubeObject['metadata'];
}
