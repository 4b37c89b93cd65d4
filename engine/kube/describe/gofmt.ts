// Go fmt renderings kubectl describe relies on: %v of slices, maps, floats and untyped JSON
// values, %q (strconv.Quote), and the Go-pointer cases it prints verbatim ("<nil>").
import { compareStrings } from './gosort.ts';

/** %v of a []string: "[a b]", "[]" when empty or nil. */
export function goSlice(values: readonly unknown[] | null | undefined): string {
  return `[${(values ?? []).map((v) => goValue(v)).join(' ')}]`;
}

/** %v of a map[string]string: "map[a:1 b:2]" with keys sorted. */
export function goMap(map: Record<string, unknown> | null | undefined): string {
  const keys = Object.keys(map ?? {}).sort(compareStrings);
  return `map[${keys.map((k) => `${k}:${goValue(map?.[k])}`).join(' ')}]`;
}

/** %v of a float64 (strconv 'g', shortest, exponent from 1e+06 and below 1e-04). */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, e] = f.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    text = frac ? `${intPart}.${frac}` : intPart;
  } else {
    text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** %v of a value decoded from JSON into interface{} (int64 for integers, float64 otherwise). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return BigInt(v).toString();
    return goFloat(v);
  }
  if (Array.isArray(v)) return goSlice(v);
  if (typeof v === 'object') return goMap(v as Record<string, unknown>);
  return String(v);
}

/** strconv.Quote / %q of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** printBool: "True" / "False". */
export function printBool(value: unknown): string {
  return value === true ? 'True' : 'False';
}

/** printBoolPtr: "<unset>" for a nil pointer. */
export function printBoolPtr(value: unknown): string {
  return value === undefined || value === null ? '<unset>' : printBool(value);
}

/**
 * %v of a *bool or other pointer: Go prints the address, which no simulation can know; nil
 * prints "<nil>". A fixed heap-looking address stands in for a set pointer.
 */
export function goPointer(value: unknown): string {
  return value === undefined || value === null ? '<nil>' : '0xc000012345';
}

/** %d of an int field that may be absent (Go's zero value). */
export function int(value: unknown): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : '0';
}

/** %s / %v of a string field that may be absent (Go's zero value ""). */
export function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : goValue(value);
}
