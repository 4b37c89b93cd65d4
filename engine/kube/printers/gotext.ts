// How Go spells values a JSON object can hold: fmt's %v for numbers (float64 uses %g with
// the shortest digits, switching to an exponent at 1e+06) and encoding/json's compact output
// with sorted keys and HTML-safe escapes.

/** fmt.Sprint(float64): strconv.FormatFloat(f, 'g', -1, 64). */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exp] = value.toExponential().split('e');
  const exponent = Number(exp);
  // %e when the exponent is below -4 or at least the shortest-precision threshold of 6
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** fmt.Sprint of a JSON scalar as unstructured decoding types it (int64 or float64). */
export function goNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : goFloat(value);
}

function escapeJSONString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** json.Marshal of decoded JSON: map keys sorted, <, >, & escaped. */
export function goJSON(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeJSONString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJSON).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${escapeJSONString(k)}:${goJSON(v)}`).join(',')}}`;
}
