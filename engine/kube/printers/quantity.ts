// resource.Quantity's canonical string (apimachinery pkg/api/resource/quantity.go): what the
// API server prints for capacities, quota usage and HPA metrics after parsing the stored
// value, e.g. "1024Mi" -> "1Gi", "0.5" -> "500m", "1000m" -> "1". Unparsable text is
// returned unchanged.

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

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
const MAX_INT64 = (1n << 63n) - 1n;

interface ParsedString {
  positive: boolean;
  /** Everything before the suffix, sign and leading zeros included. */
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: splits sign, integer digits, fraction digits and suffix. */
function splitQuantity(text: string): ParsedString | null {
  let pos = 0;
  let positive = true;
  if (text[0] === '-' || text[0] === '+') {
    positive = text[0] !== '-';
    pos++;
  }
  while (text[pos] === '0') pos++;
  if (pos >= text.length) return { positive, value: text, num: '0', denom: '', suffix: '' };
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let start = pos;
  while (isDigit(text[pos])) pos++;
  const num = text.slice(start, pos) || '0';
  let denom = '';
  if (text[pos] === '.') {
    pos++;
    start = pos;
    while (isDigit(text[pos])) pos++;
    denom = text.slice(start, pos);
  }
  const value = text.slice(0, pos);
  const suffix = text.slice(pos);
  // the suffix is letters from "eEinumkKMGTP", optionally a sign, then digits
  if (!/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) return null;
  return { positive, value, num, denom, suffix };
}

function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: Format } | null {
  if (suffix in DECIMAL_SUFFIXES)
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (
    suffix.length > 1 &&
    (suffix[0] === 'e' || suffix[0] === 'E') &&
    /^[-+]?[0-9]+$/.test(suffix.slice(1))
  ) {
    return { base: 10, exponent: Number.parseInt(suffix.slice(1), 10), format: 'DecimalExponent' };
  }
  return null;
}

/** An exact decimal: unscaled * 10^exponent. */
interface Decimal {
  unscaled: bigint;
  exponent: number;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function removeFactors(n: bigint, base: bigint): [bigint, number] {
  let result = abs(n);
  let times = 0;
  while (result >= base && result % base === 0n) {
    result /= base;
    times++;
  }
  return [n < 0n ? -result : result, times];
}

/** The value rounded away from zero to `scale` decimal places (inf.RoundUp). */
function roundUp(d: Decimal, scale: number): Decimal {
  if (d.exponent >= -scale) return d;
  const divisor = 10n ** BigInt(-scale - d.exponent);
  let q = d.unscaled / divisor;
  if (d.unscaled % divisor !== 0n) q += d.unscaled < 0n ? -1n : 1n;
  return { unscaled: q, exponent: -scale };
}

function compareToInt(d: Decimal, n: bigint): number {
  const left = d.exponent >= 0 ? d.unscaled * 10n ** BigInt(d.exponent) : d.unscaled;
  const right = d.exponent >= 0 ? n : n * 10n ** BigInt(-d.exponent);
  return left < right ? -1 : left > right ? 1 : 0;
}

function isInteger(d: Decimal): boolean {
  return d.exponent >= 0 || d.unscaled % 10n ** BigInt(-d.exponent) === 0n;
}

function toInteger(d: Decimal): bigint {
  return d.exponent >= 0 ? d.unscaled * 10n ** BigInt(d.exponent) : d.unscaled / 10n ** BigInt(-d.exponent);
}

/** Quantity.CanonicalizeBytes plus the suffix. */
function canonicalize(d: Decimal, format: Format): string {
  if (d.unscaled === 0n) return '0';
  let effective = format;
  if (format === 'BinarySI') {
    if (compareToInt(d, -1024n) > 0 && compareToInt(d, 1024n) < 0) effective = 'DecimalSI';
    else if (!isInteger(d)) effective = 'DecimalSI';
  }
  if (effective === 'BinarySI') {
    const [amount, times] = removeFactors(toInteger(d), 1024n);
    const suffix = Object.entries(BINARY_SUFFIXES).find(([, e]) => e === times * 10)?.[0] ?? '';
    return `${amount}${suffix}`;
  }
  let [amount, times] = removeFactors(d.unscaled, 10n);
  let exponent = d.exponent + times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (effective === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  // an exponent without an SI suffix prints as the bare number (Go's constructBytes fails silently)
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exponent)?.[0] ?? '';
  return `${amount}${suffix}`;
}

/** resource.MustParse(text).String(). */
export function canonicalQuantity(text: string): string {
  if (text === '0') return '0';
  const parts = splitQuantity(text);
  if (!parts) return text;
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) return text;
  const { num, denom } = parts;
  let precision: number;
  if (suffix.format === 'BinarySI') {
    precision =
      suffix.exponent >= 0 && denom.length === 0
        ? 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1
        : -1;
  } else {
    precision = 18 - (num.length + denom.length);
  }
  // the int64 fast path, which keeps the original text when it is already canonical
  if (precision >= 0) {
    const scale = (suffix.format === 'BinarySI' ? 0 : suffix.exponent) - denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * (suffix.format === 'BinarySI' ? 2n ** BigInt(suffix.exponent) : 1n);
      if (result <= MAX_INT64) {
        if (suffix.format === 'BinarySI') {
          if (suffix.exponent % 10 === 0 && (value & 7n) !== 0n) return text;
        } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
          return text;
        }
        return canonicalize({ unscaled: parts.positive ? result : -result, exponent: scale }, suffix.format);
      }
    }
  }
  // the arbitrary-precision path
  const digits = (parts.num + parts.denom).replace(/^0+(?=.)/, '');
  let amount: Decimal = { unscaled: BigInt(digits), exponent: -denom.length };
  if (suffix.base === 10) amount.exponent += suffix.exponent;
  else amount.unscaled *= 2n ** BigInt(suffix.exponent);
  if (amount.unscaled !== 0n) amount = roundUp(amount, 9);
  let format = suffix.format;
  if (format === 'BinarySI' && compareToInt(amount, MAX_INT64) > 0)
    amount = { unscaled: MAX_INT64, exponent: 0 };
  if (format === 'BinarySI' && compareToInt(amount, 1n) < 0 && amount.unscaled > 0n) format = 'DecimalSI';
  if (!parts.positive) amount = { ...amount, unscaled: -amount.unscaled };
  return canonicalize(amount, format);
}
