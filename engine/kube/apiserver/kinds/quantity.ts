// resource.Quantity as k8s.io/apimachinery/pkg/api/resource/quantity.go defines it: parsing with the
// same scanner and suffixes, exact fixed-point values (nano precision), canonical serialisation
// ("0.5" -> "500m", "1.5Gi" -> "1536Mi") and the Go %#v form validation messages print.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The value in base units (cores, bytes, ...), as a float. */
  value: number;
  /** What Quantity.String() returns: the original text when already canonical, else the canonical form. */
  canonical: string;
  format: QuantityFormat;
  /** The exact amount, in units of 10^-9. */
  nanos: bigint;
  /** The int64Amount fast path (value * 10^scale), absent when Go keeps an inf.Dec. */
  int64?: { value: bigint; scale: number };
  /** Go's cached string `s` (the input when parsing found it canonical), or "". */
  cached: string;
}

/** The regular expression of quantity.go's splitREString, quoted in its errors. */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** resource.ErrFormatWrong. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
/** resource.ErrNumeric. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** resource.ErrSuffix. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
/** maxInt64Factors in quantity.go: 18 decimal digits always fit an int64. */
const MAX_INT64_FACTORS = 18;

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, numerator (leading zeros stripped), denominator and suffix. */
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
  if (suffix in DECIMAL_SUFFIXES)
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
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
  if (str === '0') return build(0n, 'DecimalSI', { value: 0n, scale: 0 }, str);
  const s = scan(str);
  if (typeof s === 'string') return s;
  const suffix = interpret(s.suffix);
  if (!suffix) return ERR_SUFFIX;
  const { base, exponent } = suffix;
  let { format } = suffix;

  // The int64 fast path of ParseQuantity, which also decides whether the text is reused.
  let precision = 0;
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
        return build(toNanos(result, scale), format, { value: result, scale }, cached);
      }
    }
  }

  // The inf.Dec slow path: exact value, rounded up (away from zero) to nano precision.
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s.value)) return ERR_NUMERIC;
  const unsigned = s.value.replace(/^[+-]/, '');
  const [intPart, fracPart = ''] = unsigned.split('.');
  let unscaled = BigInt((intPart || '0') + fracPart);
  let decScale = fracPart.length; // amount = unscaled * 10^-decScale
  if (base === 10) decScale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  let nanos: bigint;
  if (decScale <= 9) {
    nanos = unscaled * 10n ** BigInt(9 - decScale);
  } else {
    const div = 10n ** BigInt(decScale - 9);
    nanos = unscaled / div + (unscaled % div === 0n ? 0n : 1n);
  }
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  if (!s.positive) nanos = -nanos;
  return build(nanos, format, undefined, '');
}

function toNanos(value: bigint, scale: number): bigint {
  if (scale >= -9) return value * 10n ** BigInt(scale + 9);
  return value / 10n ** BigInt(-9 - scale);
}

function build(nanos: bigint, format: QuantityFormat, int64: Quantity['int64'], cached: string): Quantity {
  const q: Quantity = { value: Number(nanos) / 1e9, canonical: '', format, nanos, int64, cached };
  q.canonical = cached || canonicalize(q);
  return q;
}

/** The quantity, or null when the text does not parse. */
export function parseQuantity(input: string | number): Quantity | null {
  const q = parseQuantityOrError(input);
  return typeof q === 'string' ? null : q;
}

/** CanonicalizeBytes: the serialised form of an amount in a format. */
function canonicalize(q: Pick<Quantity, 'nanos' | 'format'>): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    if (q.nanos > -1024n * NANO && q.nanos < 1024n * NANO) format = 'DecimalSI';
    else if (q.nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let m = q.nanos / NANO;
    let exp = 0;
    while (m % 1024n === 0n) {
      m /= 1024n;
      exp++;
    }
    const suffix = Object.entries(BINARY_SUFFIXES).find(([, e]) => e === exp * 10)?.[0] ?? '';
    return `${m}${suffix}`;
  }
  let m = q.nanos;
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
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exp)?.[0] ?? '';
  return `${m}${suffix}`;
}

/**
 * formatQuantity: Quantity.String() of a quantity, of an exact amount in nanos (bigint), or of a
 * value in base units (number, e.g. 0.25 cores -> "250m").
 */
export function formatQuantity(
  value: Quantity | bigint | number,
  format: QuantityFormat = 'DecimalSI',
): string {
  if (typeof value === 'object') return value.canonical;
  const nanos = typeof value === 'bigint' ? value : BigInt(Math.round(value * 1e9));
  return canonicalize({ nanos, format });
}

/** A quantity of `value` base units (resource.NewQuantity / NewMilliQuantity style). */
export function quantityFromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return build(nanos, format, undefined, '');
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Value(): the value rounded up (away from zero) to an integer. */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

/** Quantity.MilliValue(): the value in thousandths, rounded up (away from zero). */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n > 0n ? q + 1n : q - 1n;
}

/** Quantity.RoundUp(-3) as SetDefaults_ResourceList applies it to every resource list. */
export function roundUpToMilli(q: Quantity): Quantity {
  if (q.nanos % 1_000_000n === 0n) return q;
  const milli = ceilDiv(q.nanos, 1_000_000n);
  return build(milli * 1_000_000n, q.format, q.int64 ? { value: milli, scale: -3 } : undefined, '');
}

/** The %#v of a resource.Quantity value, as field errors print quantities passed by value. */
export function goQuantity(q: Quantity): string {
  const i = q.int64 ?? { value: 0n, scale: 0 };
  const d = q.int64 ? '(*inf.Dec)(nil)' : '(*inf.Dec)(0xc000c0ffee)';
  return `resource.Quantity{i:resource.int64Amount{value:${i.value}, scale:${i.scale}}, d:resource.infDecAmount{Dec:${d}}, s:${JSON.stringify(q.cached)}, Format:"${q.format}"}`;
}
