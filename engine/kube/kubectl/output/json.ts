// `kubectl -o json`: Go encoding/json output (MarshalIndent with four spaces, HTML-safe escaping).
import type { KubeObject } from '../../api/types.ts';
import { GoNumber, isMap, presentKeys, sortedKeys, wellFormed } from './go-values.ts';

export interface JsonOptions {
  /**
   * Objects kubectl decoded into maps (everything `kubectl get` prints) come out with sorted keys;
   * typed objects (`kubectl create --dry-run=client -o json`) keep struct field order, which is
   * the insertion order of the plain object here, so their maps (labels, data, ...) must be built
   * in sorted key order by the caller.
   */
  sortKeys: boolean;
}

/**
 * The JSON printer (cli-runtime pkg/printers/json.go): json.MarshalIndent(obj, "", "    ") plus a
 * newline. Strings are escaped as encoding/json does by default (escapeHTML on): <, > and & as
 * \u003c \u003e \u0026, U+2028/U+2029 escaped, control characters as \b \f \n \r \t or \u00XX.
 */
export function toJson(value: unknown, options: JsonOptions = { sortKeys: true }): string {
  return `${encode(value, options.sortKeys, '    ', '')}\n`;
}

/** encoding/json.Marshal: compact, map keys sorted (what the JSONPath printer uses for maps and lists). */
export function marshalCompact(value: unknown): string {
  return encode(value, true, '', '');
}

/** json.MarshalIndent with sorted keys and a given indent (jsonpath-as-json uses four spaces). */
export function marshalIndent(value: unknown, indent: string): string {
  return encode(value, true, indent, '');
}

/**
 * What `kubectl get -o json` prints for zero or several objects (kubectl pkg/cmd/get/get.go
 * printGeneric): an unstructured v1 List whose metadata holds only an empty resourceVersion;
 * being unstructured, every key comes out sorted.
 */
export function toJsonList(objects: readonly KubeObject[]): string {
  return toJson(listOf(objects), { sortKeys: true });
}

/** The List object kubectl get builds around several items (get.go printGeneric). */
export function listOf(objects: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: [...objects], kind: 'List', metadata: { resourceVersion: '' } };
}

function encode(value: unknown, sortKeys: boolean, indent: string, prefix: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoteJson(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return jsonNumber(value);
  if (value instanceof GoNumber) return jsonNumber(value.value);
  const inner = prefix + indent;
  const open = indent ? `\n${inner}` : '';
  const close = indent ? `\n${prefix}` : '';
  const comma = indent ? `,\n${inner}` : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((v) => encode(v, sortKeys, indent, inner)).join(comma)}${close}]`;
  }
  if (isMap(value)) {
    const keys = sortKeys || hasIndexKeys(value) ? sortedKeys(value) : presentKeys(value);
    if (keys.length === 0) return '{}';
    const colon = indent ? ': ' : ':';
    const members = keys.map((k) => quoteJson(k) + colon + encode(value[k], sortKeys, indent, inner));
    return `{${open}${members.join(comma)}${close}}`;
  }
  return 'null';
}

/**
 * Go sorts map keys even inside typed objects; only struct fields keep their order. A key such
 * as "1" cannot be a struct field, and JS objects list such keys first whatever the insertion
 * order, so an object holding one is a map and gets sorted.
 */
function hasIndexKeys(map: Record<string, unknown>): boolean {
  return Object.keys(map).some((k) => /^(0|[1-9][0-9]*)$/.test(k));
}

/**
 * encoding/json number text. Integers print in full; floats use 'f' form unless |f| < 1e-6 or
 * >= 1e21, then 'e' form with the exponent's leading zero dropped (1e-07 -> 1e-7): exactly the
 * ECMAScript Number-to-String rules, so String() gives the same text.
 */
export function jsonNumber(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  return String(value);
}

const JSON_SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** encoding/json's string encoder with HTML escaping on (encode.go appendString). */
export function quoteJson(text: string): string {
  return `"${wellFormed(text).replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (ch) => {
    return JSON_SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}
