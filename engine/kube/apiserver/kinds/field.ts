// Field paths and field errors as k8s.io/apimachinery/pkg/util/validation/field builds them
// (Path.Child/Index/Key, Required, Invalid, NotSupported, ...), plus the Go value formatting
// (%q, %v and %#v of maps and slices) that the error bodies print.
import type { FieldError } from '../errors.ts';

/** field.Path.Child: "spec.containers". */
export function child(path: string, ...names: string[]): string {
  let p = path;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
}

/** field.Path.Index: "spec.containers[0]". */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** field.Path.Key: "data[key]" (the key is not quoted). */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

export function required(field: string, detail = ''): FieldError {
  return { field, type: 'Required value', detail };
}

/** field.Invalid; `value` is already formatted (see goQuote, goValue). */
export function invalid(field: string, value: string, detail: string): FieldError {
  return { field, type: 'Invalid value', value, detail };
}

/** field.NotSupported: `supported values: "a", "b"`. */
export function notSupported(field: string, value: string, valid: readonly string[]): FieldError {
  const detail = valid.length > 0 ? `supported values: ${valid.map(goQuote).join(', ')}` : '';
  return { field, type: 'Unsupported value', value, detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { field, type: 'Forbidden', detail };
}

export function duplicate(field: string, value: string): FieldError {
  return { field, type: 'Duplicate value', value };
}

export function notFound(field: string, value: string): FieldError {
  return { field, type: 'Not found', value };
}

/** field.TooLong: the value is never shown. */
export function tooLong(field: string, max: number): FieldError {
  return {
    field,
    type: 'Too long',
    detail: max >= 0 ? `may not be more than ${max} bytes` : 'value is too long',
  };
}

/** field.TooMany: "Too many: 25: must have at most 20 items". */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const msg = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return { field, type: 'Too many', detail: actual >= 0 ? `${actual}: ${msg}` : msg };
}

/** Go's strconv.Quote (the %q verb) for the strings error bodies show. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** %#v of a map[string]string: `map[string]string{"a":"b"}` (keys sorted), nil as `(nil)`. */
export function goMap(m: Record<string, string> | null | undefined, type = 'map[string]string'): string {
  if (m === null || m === undefined) return `${type}(nil)`;
  const keys = Object.keys(m).sort(byteOrder);
  return `${type}{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** %#v of a string slice: `[]string{"a", "b"}`, nil as `[]string(nil)`. */
export function goStrings(list: readonly string[] | null | undefined, type = '[]string'): string {
  if (list === null || list === undefined) return `${type}(nil)`;
  return `${type}{${list.map((s) => goQuote(String(s))).join(', ')}}`;
}

/** %#v of an int slice: `[]int32{1, 2}`. */
export function goInts(list: readonly number[] | null | undefined, type = '[]int32'): string {
  if (list === null || list === undefined) return `${type}(nil)`;
  return `${type}{${list.join(', ')}}`;
}

/** %#v of an intstr.IntOrString passed by value. */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** The %#v of a metav1.LabelSelector, as "field is immutable" on selectors prints it. */
export function goLabelSelector(sel: unknown): string {
  if (sel === null || sel === undefined) return 'null';
  const s = sel as {
    matchLabels?: Record<string, string>;
    matchExpressions?: Array<Record<string, unknown>>;
  };
  const exprs =
    s.matchExpressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${s.matchExpressions
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ''))}, Operator:${goQuote(String(e.operator ?? ''))}, Values:${goStrings(e.values as string[] | undefined)}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** Go's simple %v of scalars in error bodies: ints bare, strings quoted, nil as null. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStrings(v as string[]);
  return JSON.stringify(v);
}

/** Byte-wise string order, as Go's sort.Strings and fmt's map printing use. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Go's %v of a []string: `[a b]`. */
export function goList(list: readonly string[]): string {
  return `[${list.join(' ')}]`;
}
