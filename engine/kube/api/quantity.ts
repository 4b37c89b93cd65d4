// resource.Quantity (k8s.io/apimachinery/pkg/api/resource, v0.32.4): ParseQuantity's scanner,
// suffixes and rounding, exact amounts (nano precision, as bigint), the canonical String() form
// ("0.5" -> "500m", "1.5Gi" -> "1536Mi"), Add/Cmp/Value/MilliValue, and the Go %#v form that
// validation messages print. The API server, printers, describers and scheduler all use it.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI' | '';

/** The regular expression of quantity.go's splitREString, quoted in its errors. */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** resource.ErrFormatWrong. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
/** resource.ErrNumeric. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** resource.ErrSuffix. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;
const MILLI_IN_NANOS = 1_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
/** maxInt64Factors in quantity.go: 18 decimal digits always fit an int64. */
const MAX_INT64_FACTORS = 18;

/** The int64Amount fast path of a quantity: value * 10^scale. */
export interface Int64Amount {
  value: bigint;
  scale: number;
}

/** Thrown by Quantity.parse with ParseQuantity's error text. */
export class QuantityError extends Error {}

export class Quantity {
  /** The exact amount, in units of 10^-9. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /** The int64Amount Go keeps, absent when it holds an inf.Dec instead. */
  readonly int64?: Int64Amount;
  /** Go's cached string `s`: the input when ParseQuantity found it canonical, else "". */
  readonly cached: string;
  /** What Quantity.String() returns: the cached text, else the canonical form. */
  readonly canonical: string;
  /** The value in base units (cores, bytes, ...), as a float. */
  readonly value: number;

  constructor(nanos: bigint, format: QuantityFormat, int64?: Int64Amount, cached = '') {
    this.nanos = nanos;
    this.format = format;
    this.int64 = int64;
    this.cached = cached;
    this.canonical = cached || canonicalize(nanos, format);
    this.value = Number(nanos) / 1e9;
  }

  /** resource.ParseQuantity, throwing its error; JSON numbers are read as their decimal text. */
  static parse(input: string | number): Quantity {
    const q = parseQuantityOrError(input);
    if (typeof q === 'string') throw new QuantityError(q);
    return q;
  }

  /** The zero Quantity{} (its Format is ""). */
  static zero(format: QuantityFormat = ''): Quantity {
    return new Quantity(0n, format, { value: 0n, scale: 0 });
  }

  /** resource.NewQuantity(value, format). */
  static fromInt(value: number | bigint, format: QuantityFormat): Quantity {
    return Quantity.scaled(BigInt(value), 0, format);
  }

  /** resource.NewMilliQuantity(value, format). */
  static fromMilli(value: number | bigint, format: QuantityFormat): Quantity {
    return Quantity.scaled(BigInt(value), -3, format);
  }

  /** resource.NewScaledQuantity(value, scale) in a format: value * 10^scale. */
  static scaled(value: bigint, scale: number, format: QuantityFormat): Quantity {
    return new Quantity(scaleToNanos(value, scale), format, { value, scale });
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** Quantity.Cmp: -1, 0 or 1. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  /** Quantity.Add as a new quantity: a zero receiver takes the other's format. */
  add(other: Quantity): Quantity {
    const format = this.isZero() ? other.format : this.format;
    const int64 = this.int64 && other.int64 ? addInt64(this.int64, other.int64) : undefined;
    return new Quantity(this.nanos + other.nanos, format, int64);
  }

  /** Quantity.Value(): the value rounded up (away from zero) to an integer. */
  intValue(): bigint {
    return divideAwayFromZero(this.nanos, NANO);
  }

  /** Quantity.MilliValue(): the value in thousandths, rounded up (away from zero). */
  milliValue(): bigint {
    return divideAwayFromZero(this.nanos, MILLI_IN_NANOS);
  }

  toString(): string {
    return this.canonical;
  }
}

function divideAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n > 0n ? q + 1n : q - 1n;
}

function scaleToNanos(value: bigint, scale: number): bigint {
  if (scale >= -9) return value * 10n ** BigInt(scale + 9);
  return divideAwayFromZero(value, 10n ** BigInt(-9 - scale));
}

/** int64Amount.Add: the sum at the smaller scale, or undefined when it overflows int64. */
function addInt64(a: Int64Amount, b: Int64Amount): Int64Amount | undefined {
  if (b.value === 0n) return a;
  if (a.value === 0n) return b;
  const scale = Math.min(a.scale, b.scale);
  const value = a.value * 10n ** BigInt(a.scale - scale) + b.value * 10n ** BigInt(b.scale - scale);
  return value > MAX_INT64 || value < MIN_INT64 ? undefined : { value, scale };
}

interface Scanned {
  positive: boolean;
  /** Everything before the suffix, sign included. */
  value: string;
  /** Integer digits without leading zeros ("0" when none). */
  num: string;
  /** Fraction digits. */
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, numerator, denominator and suffix, or the format error. */
function scan(str: string): Scanned | string {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (!isDigit(str[i])) return ERR_FORMAT_WRONG;
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** suffixer.interpret: base, exponent and format of a suffix, or null. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | null {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix))
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, suffix))
    return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return null;
    const exponent = Number(rest);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 2 ** 31) return null;
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return null;
}

/** ParseQuantity: the quantity, or the error text Go returns. */
export function parseQuantityOrError(input: string | number): Quantity | string {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) return ERR_FORMAT_WRONG;
  if (str === '0') return new Quantity(0n, 'DecimalSI', { value: 0n, scale: 0 }, str);
  const s = scan(str);
  if (typeof s === 'string') return s;
  const suffix = interpret(s.suffix);
  if (!suffix) return ERR_SUFFIX;
  const { base, exponent } = suffix;
  let { format } = suffix;

  // The int64 fast path, which also decides whether the input text is kept as canonical.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && s.denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - s.num.length - Math.trunc(Math.fround((exponent * 3) / 10)) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (s.num.length + s.denom.length);
  }
  if (precision >= 0) {
    scale -= s.denom.length;
    if (scale >= -9) {
      const shifted = s.num + s.denom;
      if (!/^[0-9]+$/.test(shifted) || BigInt(shifted) > MAX_INT64) return ERR_NUMERIC;
      const digits = BigInt(shifted);
      let result = digits * mantissa;
      if (result <= MAX_INT64) {
        if (!s.positive) result = -result;
        let cached = '';
        if (format === 'BinarySI') {
          if (exponent % 10 === 0 && (digits & 7n) !== 0n) cached = str;
        } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
          cached = str;
        }
        return new Quantity(scaleToNanos(result, scale), format, { value: result, scale }, cached);
      }
    }
  }

  // The inf.Dec slow path: the exact value rounded up (away from zero) to nano precision.
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s.value)) return ERR_NUMERIC;
  const [intPart, fracPart = ''] = s.value.replace(/^[+-]/, '').split('.');
  let unscaled = BigInt((intPart || '0') + fracPart);
  let decimalScale = fracPart.length; // amount = unscaled * 10^-decimalScale
  if (base === 10) decimalScale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  let nanos = scaleToNanos(unscaled, -decimalScale);
  // BinarySI amounts are capped at MaxInt64; below one they print in DecimalSI
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  if (!s.positive) nanos = -nanos;
  return new Quantity(nanos, format);
}

/** The quantity, or null when the text does not parse. */
export function parseQuantity(input: string | number): Quantity | null {
  const q = parseQuantityOrError(input);
  return typeof q === 'string' ? null : q;
}

const parsed = new Map<string, Quantity>();

/** A quantity from loose JSON: absent or malformed values are the zero Quantity{}. */
export function quantityOf(value: unknown): Quantity {
  if (value instanceof Quantity) return value;
  if (typeof value !== 'string' && typeof value !== 'number') return Quantity.zero();
  const key = typeof value === 'number' ? String(value) : value;
  let q = parsed.get(key);
  if (q === undefined) {
    q = parseQuantity(key) ?? Quantity.zero();
    // quantities are immutable, so parses can be shared; the bound keeps memory flat
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(key, q);
  }
  return q;
}

export type ResourceList = Record<string, Quantity>;

/** A ResourceList's JSON (name -> quantity) as quantities. */
export function resourceListOf(json: unknown): ResourceList {
  const out: ResourceList = {};
  if (json && typeof json === 'object') {
    for (const [name, v] of Object.entries(json as Record<string, unknown>)) out[name] = quantityOf(v);
  }
  return out;
}

/** resource.MustParse(text).String(); text that does not parse is returned unchanged. */
export function canonicalQuantity(text: string): string {
  return parseQuantity(text)?.canonical ?? text;
}

/** CanonicalizeBytes: the serialised form of an exact amount in a format. */
function canonicalize(nanos: bigint, requested: QuantityFormat): string {
  if (nanos === 0n) return '0';
  let format = requested;
  if (format === 'BinarySI') {
    // small or fractional BinarySI amounts print in DecimalSI so as not to round
    if (nanos > -1024n * NANO && nanos < 1024n * NANO) format = 'DecimalSI';
    else if (nanos % NANO !== 0n) format = 'DecimalSI';
  } else if (format !== 'DecimalSI') {
    format = 'DecimalExponent';
  }
  if (format === 'BinarySI') {
    let m = nanos / NANO;
    let exp = 0;
    while (m % 1024n === 0n) {
      m /= 1024n;
      exp++;
    }
    return `${m}${suffixFor(BINARY_SUFFIXES, exp * 10)}`;
  }
  let m = nanos;
  let exp = -9;
  while ((m >= 10n || m <= -10n) && m % 10n === 0n) {
    m /= 10n;
    exp++;
  }
  while (exp % 3 !== 0) {
    m *= 10n;
    exp--;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${m}` : `${m}e${exp}`;
  // an exponent without an SI suffix prints as the bare number (constructBytes fails silently)
  return `${m}${suffixFor(DECIMAL_SUFFIXES, exp)}`;
}

function suffixFor(table: Record<string, number>, exponent: number): string {
  return Object.keys(table).find((suffix) => table[suffix] === exponent) ?? '';
}

/**
 * Quantity.String() of a quantity, of an exact amount in nanos (bigint), or of a value in base
 * units (number, e.g. 0.25 cores -> "250m").
 */
export function formatQuantity(
  value: Quantity | bigint | number,
  format: QuantityFormat = 'DecimalSI',
): string {
  if (value instanceof Quantity) return value.canonical;
  const nanos = typeof value === 'bigint' ? value : BigInt(Math.round(value * 1e9));
  return canonicalize(nanos, format);
}

/** A quantity of an exact amount in nanos (as Go's inf.Dec amounts). */
export function quantityFromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return new Quantity(nanos, format);
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.cmp(b);
}

/** Quantity.Value() of a quantity or of quantity text (0 when it does not parse). */
export function quantityValue(q: Quantity | string | number | null | undefined): number {
  return Number(quantityOf(q).intValue());
}

/** Quantity.MilliValue() of a quantity or of quantity text (0 when it does not parse). */
export function quantityMilliValue(q: Quantity | string | number | null | undefined): number {
  return Number(quantityOf(q).milliValue());
}

/** Quantity.RoundUp(-3) as SetDefaults_ResourceList applies it to every resource list. */
export function roundUpToMilli(q: Quantity): Quantity {
  if (q.nanos % MILLI_IN_NANOS === 0n) return q;
  const milli = q.milliValue();
  return new Quantity(milli * MILLI_IN_NANOS, q.format, q.int64 ? { value: milli, scale: -3 } : undefined);
}

/** The %#v of a resource.Quantity value, as field errors print quantities passed by value. */
export function goQuantity(q: Quantity): string {
  const i = q.int64 ?? { value: 0n, scale: 0 };
  const d = q.int64 ? '(*inf.Dec)(nil)' : '(*inf.Dec)(0xc000c0ffee)';
  return `resource.Quantity{i:resource.int64Amount{value:${i.value}, scale:${i.scale}}, d:resource.infDecAmount{Dec:${d}}, s:${JSON.stringify(q.cached)}, Format:"${q.format}"}`;
}
