// Go's view of decoded JSON (int64 vs float64 numbers, maps, slices) and how fmt prints it (%v, %#v).

/**
 * A number whose Go type is fixed by where it came from rather than by the data: JSONPath
 * literals (`int` / `float64`, client-go util/jsonpath parser.go parseNumber) and the bytes of
 * a string walked by `*` or `..` (`uint8`, reflect.Value.Index on a string).
 */
export class GoNumber {
  readonly value: number;
  readonly type: 'int' | 'float64' | 'uint8';

  constructor(value: number, type: 'int' | 'float64' | 'uint8') {
    this.value = value;
    this.type = type;
  }
}

/** How plain JS numbers in the data are typed. */
export type NumberMode =
  /** unstructured objects (`kubectl get`): integers decode as int64, the rest as float64 */
  | 'unstructured'
  /** typed objects round-tripped through encoding/json into interface{} (`kubectl create -o jsonpath`): all float64 */
  | 'float64';

export type NumericType = 'int' | 'int64' | 'float64' | 'uint8';

export function numericType(value: number | GoNumber, mode: NumberMode): NumericType {
  if (value instanceof GoNumber) return value.type;
  // The unstructured JSON decoder keeps integer literals that fit int64; 1e+21 and larger are floats.
  const int64 = Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63;
  return mode === 'unstructured' && int64 ? 'int64' : 'float64';
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoNumber);
}

/** The keys encoding/json and fmt visit a map in: sorted bytewise (code point order). */
export function sortedKeys(map: Record<string, unknown>): string[] {
  return presentKeys(map).sort(compareCodePoints);
}

/** Keys whose values survive JSON encoding (undefined members are dropped, as JSON.stringify does). */
export function presentKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).filter((k) => map[k] !== undefined);
}

export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64): the shortest digits that round-trip, in %e form when the
 * decimal exponent is < -4 or >= 6 (ftoa.go: "if precision was the shortest possible, use
 * precision 6 for this decision"), with at least two exponent digits (1e+06, 1.5e-07).
 */
export function formatFloatG(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${expDigits}`;
  }
  const pointAt = exponent + 1;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return sign + digits + '0'.repeat(pointAt - digits.length);
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** fmt's %v of one number of the given Go type. */
export function formatGoNumber(value: number | GoNumber, mode: NumberMode): string {
  const n = value instanceof GoNumber ? value.value : value;
  if (numericType(value, mode) === 'float64') return formatFloatG(n);
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** fmt.Sprint of a decoded JSON value: maps as map[k:v ...] with sorted keys, slices as [a b], nil as <nil>. */
export function goSprint(value: unknown, mode: NumberMode = 'unstructured'): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || value instanceof GoNumber) return formatGoNumber(value, mode);
  if (Array.isArray(value)) return `[${value.map((v) => goSprint(v ?? null, mode)).join(' ')}]`;
  if (isMap(value)) {
    return `map[${sortedKeys(value)
      .map((k) => `${k}:${goSprint(value[k], mode)}`)
      .join(' ')}]`;
  }
  return String(value);
}

/** fmt's %#v of a decoded JSON value (map[string]interface {}{"k":v}, []interface {}{...}, interface {}(nil)). */
export function goSyntax(value: unknown, mode: NumberMode = 'unstructured'): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || value instanceof GoNumber) return formatGoNumber(value, mode);
  if (Array.isArray(value)) return `[]interface {}{${value.map((v) => goSyntax(v, mode)).join(', ')}}`;
  if (isMap(value)) {
    const entries = sortedKeys(value).map((k) => `${goQuote(k)}:${goSyntax(value[k], mode)}`);
    return `map[string]interface {}{${entries.join(', ')}}`;
  }
  return String(value);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** strconv.Quote: Go escapes for quotes, backslashes and runes unicode.IsPrint rejects. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (isGoPrint(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Lone UTF-16 surrogates cannot exist in a Go string; encoding/json turns bad bytes into U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
