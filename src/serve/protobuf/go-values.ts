// The JSON of apimachinery's types with a hand-written MarshalJSON, from their protobuf form:
// metav1.Time and MicroTime (time.go, micro_time.go), metav1.Duration (duration.go, Go's
// time.Duration.String), resource.Quantity (quantity.go), intstr.IntOrString (intstr.go),
// runtime.RawExtension (extension.go) and metav1.FieldsV1 (helpers.go).
import { WireError, type WireField } from './wire.ts';

const field = (fields: WireField[], n: number) => fields.findLast((f) => f.number === n)?.value;
const int = (v: bigint | Uint8Array | undefined, bits: number) =>
  typeof v === 'bigint' ? Number(BigInt.asIntN(bits, v)) : 0;
const text = (v: bigint | Uint8Array | undefined) =>
  v instanceof Uint8Array ? new TextDecoder().decode(v) : '';

/**
 * metav1.Time from a Timestamp: an empty message is the zero time, which marshals as null;
 * otherwise whole seconds (time_proto.go drops nanos) as RFC 3339 in UTC.
 */
export function timeJson(data: Uint8Array, fields: WireField[]): string | null {
  if (data.length === 0) return null;
  return rfc3339(int(field(fields, 1), 64), 0, 0);
}

/** metav1.MicroTime: RFC3339Micro ("2006-01-02T15:04:05.000000Z07:00"), nanos truncated. */
export function microTimeJson(data: Uint8Array, fields: WireField[]): string | null {
  if (data.length === 0) return null;
  return rfc3339(int(field(fields, 1), 64), Math.floor(int(field(fields, 2), 32) / 1000), 6);
}

function rfc3339(seconds: number, micros: number, digits: number): string {
  const iso = new Date(seconds * 1000).toISOString(); // 2006-01-02T15:04:05.000Z
  const fraction = digits > 0 ? `.${String(micros).padStart(6, '0')}` : '';
  return `${iso.slice(0, 19)}${fraction}Z`;
}

/** metav1.Duration: Go's Duration.String() ("1h0m0s", "1.5s", "300ms", "0s"). */
export function durationJson(fields: WireField[]): string {
  const value = field(fields, 1);
  return goDuration(typeof value === 'bigint' ? BigInt.asIntN(64, value) : 0n);
}

export function goDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  let u = nanos < 0n ? -nanos : nanos;
  if (u < 1_000_000_000n) {
    if (u < 1000n) return `${sign}${u}ns`;
    const [unit, scale] = u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    return `${sign}${fraction(u, scale)}${unit}`;
  }
  let out = `${fraction(u % 60_000_000_000n, 1_000_000_000n)}s`;
  u /= 60_000_000_000n;
  if (u > 0n) {
    out = `${u % 60n}m${out}`;
    u /= 60n;
    if (u > 0n) out = `${u}h${out}`;
  }
  return sign + out;
}

/** value/scale with the fraction's trailing zeros dropped ("1.5", "2"). */
function fraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = (value % scale)
    .toString()
    .padStart(scale.toString().length - 1, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : `${whole}`;
}

/**
 * resource.Quantity: the string it was sent as (the sender marshals Quantity.String(), the
 * canonical form, for both encodings); the zero Quantity marshals as "0".
 */
export function quantityJson(fields: WireField[]): string {
  return text(field(fields, 1)) || '0';
}

/** intstr.IntOrString: type 0 is IntVal, 1 is StrVal (its zero value is the int 0). */
export function intOrStringJson(fields: WireField[]): number | string {
  const type = int(field(fields, 1), 64);
  if (type === 1) return text(field(fields, 3));
  if (type !== 0) throw new WireError('impossible IntOrString.Type');
  return int(field(fields, 2), 32);
}

/**
 * runtime.RawExtension and metav1.FieldsV1: nil bytes are null; JSON bytes are the value itself.
 * Other content (CBOR, protobuf) is not simulated: the value is null.
 */
export function rawJson(fields: WireField[]): unknown {
  const raw = field(fields, 1);
  if (!(raw instanceof Uint8Array)) return null;
  try {
    return JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return null;
  }
}
