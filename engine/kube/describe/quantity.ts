// resource.Quantity as kubectl handles it: parsing "100Mi", "0.5", "1e3", exact sums and
// comparisons, Value/MilliValue (rounded up) and the canonical String() form.
// Follows k8s.io/apimachinery/pkg/api/resource/quantity.go, amount.go and suffix.go (v0.32.4).

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI' | '';

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

/** Digits an int64 always holds (maxInt64Factors). */
const MAX_INT64_FACTORS = 18;
const MAX_INT64 = (1n << 63n) - 1n;

export class QuantityError extends Error {}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** A decimal number unscaled × 10^exp, compared and added exactly. */
interface Dec {
  unscaled: bigint;
  exp: number;
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.unscaled * pow10(a.exp - exp), b.unscaled * pow10(b.exp - exp), exp];
}

/** Rounds away from zero to at most `digits` fraction digits. */
function roundUpTo(d: Dec, digits: number): Dec {
  if (d.exp >= -digits) return d;
  const drop = pow10(-digits - d.exp);
  let q = d.unscaled / drop;
  if (q * drop !== d.unscaled) q += d.unscaled < 0n ? -1n : 1n;
  return { unscaled: q, exp: -digits };
}

/** Smallest integer at or above |x|, with x's sign (ScaledValue rounding). */
function ceilAway(d: Dec): bigint {
  if (d.exp >= 0) return d.unscaled * pow10(d.exp);
  return roundUpTo(d, 0).unscaled;
}

export class Quantity {
  /** Cached string form (ParseQuantity keeps the input when it is already canonical). */
  private cached: string;
  readonly value: Dec;
  readonly format: QuantityFormat;

  constructor(value: Dec, format: QuantityFormat, cached = '') {
    this.value = value;
    this.format = format;
    this.cached = cached;
  }

  static zero(format: QuantityFormat = ''): Quantity {
    return new Quantity({ unscaled: 0n, exp: 0 }, format);
  }

  /** resource.NewQuantity(value, format). */
  static fromInt(value: number | bigint, format: QuantityFormat): Quantity {
    return new Quantity({ unscaled: BigInt(value), exp: 0 }, format);
  }

  /** resource.NewMilliQuantity(value, format). */
  static fromMilli(value: number | bigint, format: QuantityFormat): Quantity {
    return new Quantity({ unscaled: BigInt(value), exp: -3 }, format);
  }

  /** resource.ParseQuantity; JSON numbers are read as their decimal text. */
  static parse(input: string | number): Quantity {
    const str = typeof input === 'number' ? String(input) : input;
    if (str.length === 0) throw new QuantityError('quantities must match the regular expression');
    if (str === '0') return new Quantity({ unscaled: 0n, exp: 0 }, 'DecimalSI', '0');
    const { positive, num, denom, suffix } = splitQuantity(str);
    let base: number;
    let exponent: number;
    let format: QuantityFormat;
    if (suffix in DECIMAL_SUFFIXES) {
      [base, exponent, format] = [10, DECIMAL_SUFFIXES[suffix], 'DecimalSI'];
    } else if (suffix in BINARY_SUFFIXES) {
      [base, exponent, format] = [2, BINARY_SUFFIXES[suffix], 'BinarySI'];
    } else if (
      suffix.length > 1 &&
      (suffix[0] === 'e' || suffix[0] === 'E') &&
      /^[+-]?\d+$/.test(suffix.slice(1))
    ) {
      [base, exponent, format] = [10, Number.parseInt(suffix.slice(1), 10), 'DecimalExponent'];
    } else {
      throw new QuantityError("unable to parse quantity's suffix");
    }
    const digits = BigInt(num + denom);
    const sign = positive ? 1n : -1n;
    let value: Dec =
      base === 10
        ? { unscaled: sign * digits, exp: exponent - denom.length }
        : { unscaled: sign * digits * (1n << BigInt(exponent)), exp: -denom.length };
    const cached = canonicalInput(str, base, exponent, num, denom, value);
    // non-zero values round up to the smallest representable amount (1n)
    value = roundUpTo(value, 9);
    if (format === 'BinarySI') {
      const abs = value.unscaled < 0n ? -value.unscaled : value.unscaled;
      const [a, one] = align({ unscaled: abs, exp: value.exp }, { unscaled: 1n, exp: 0 });
      if (a > 0n && a < one) format = 'DecimalSI';
    }
    return new Quantity(value, format, cached);
  }

  isZero(): boolean {
    return this.value.unscaled === 0n;
  }

  cmp(other: Quantity): number {
    const [a, b] = align(this.value, other.value);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Quantity.Add: a zero receiver takes the other's format. Returns a new quantity. */
  add(other: Quantity): Quantity {
    const [a, b, exp] = align(this.value, other.value);
    const format = this.isZero() ? other.format : this.format;
    return new Quantity({ unscaled: a + b, exp }, format);
  }

  /** Value(): the integer value rounded up away from zero. */
  intValue(): bigint {
    return ceilAway(this.value);
  }

  /** MilliValue(): ceil(q * 1000). */
  milliValue(): bigint {
    return ceilAway({ unscaled: this.value.unscaled, exp: this.value.exp + 3 });
  }

  toString(): string {
    if (this.cached === '') this.cached = this.canonical();
    return this.cached;
  }

  private canonical(): string {
    if (this.isZero()) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const [a, limit] = align(this.value, { unscaled: 1024n, exp: 0 });
      const inRange = a > -limit && a < limit;
      const rounded = ceilAway(this.value);
      const exact = this.value.exp >= 0 || rounded * pow10(-this.value.exp) === this.value.unscaled;
      if (inRange || !exact) format = 'DecimalSI';
      else return base1024(rounded);
    } else if (format !== 'DecimalSI' && format !== 'DecimalExponent') {
      format = 'DecimalExponent';
    }
    let { unscaled, exp } = this.value;
    while (unscaled !== 0n && unscaled % 10n === 0n) {
      unscaled /= 10n;
      exp++;
    }
    while (exp % 3 !== 0) {
      unscaled *= 10n;
      exp--;
    }
    let suffix = '';
    if (format === 'DecimalSI') {
      suffix = Object.keys(DECIMAL_SUFFIXES).find((s) => DECIMAL_SUFFIXES[s] === exp) ?? '';
    } else if (exp !== 0) {
      suffix = `e${exp}`;
    }
    return `${unscaled}${suffix}`;
  }
}

function base1024(value: bigint): string {
  let amount = value;
  let times = 0;
  while (amount !== 0n && amount % 1024n === 0n) {
    amount /= 1024n;
    times++;
  }
  const suffix = Object.keys(BINARY_SUFFIXES).find((s) => BINARY_SUFFIXES[s] === times * 10) ?? '';
  return `${amount}${suffix}`;
}

/** parseQuantityString: sign, numerator without leading zeros, fraction digits, suffix. */
function splitQuantity(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(str);
  if (!m) throw new QuantityError('quantities must match the regular expression');
  const positive = m[1] !== '-';
  const num = m[2].replace(/^0+/, '') || '0';
  const denom = m[3] ?? '';
  const suffix = m[4];
  if (m[2] === '' && m[3] === undefined)
    throw new QuantityError('quantities must match the regular expression');
  if (!/^[eEinumkKMGTP]*([+-]?\d*)?$/.test(suffix)) {
    throw new QuantityError('quantities must match the regular expression');
  }
  return { positive, num, denom, suffix };
}

/** The input string when ParseQuantity's fast path finds it already canonical, else ''. */
function canonicalInput(
  str: string,
  base: number,
  exponent: number,
  num: string,
  denom: string,
  value: Dec,
): string {
  let precision: number;
  let scale: number;
  if (base === 10) {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else {
    scale = 0;
    if (exponent < 0 || denom.length > 0) return '';
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent) * 3) / 10) - 1;
  }
  if (precision < 0) return '';
  scale -= denom.length;
  if (scale < -9) return '';
  const abs = value.unscaled < 0n ? -value.unscaled : value.unscaled;
  if (abs > MAX_INT64) return '';
  const shifted = num + denom;
  if (base === 2) return exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n ? str : '';
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0' ? str : '';
}

/** Parses a quantity, or returns the zero quantity for absent or malformed values. */
export function quantityOf(value: unknown): Quantity {
  if (typeof value === 'string' || typeof value === 'number') {
    try {
      return Quantity.parse(value);
    } catch {
      return Quantity.zero();
    }
  }
  return Quantity.zero();
}

export type ResourceList = Record<string, Quantity>;

/** A ResourceList's JSON (name -> quantity string) as parsed quantities. */
export function resourceListOf(json: unknown): ResourceList {
  const out: ResourceList = {};
  if (json && typeof json === 'object') {
    for (const [name, v] of Object.entries(json as Record<string, unknown>)) out[name] = quantityOf(v);
  }
  return out;
}
