// Minimal resource.Quantity parser for the scheduler: "100m", "0.5", "1Gi", "128Mi", "1e3", "1k" to
// the integer values the scheduler uses (Value() and MilliValue(), which round up as Go's do).
// Grammar from k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity, parseQuantityString):
//   <quantity> ::= <signedNumber><suffix>; <suffix> ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI> ::= Ki | Mi | Gi | Ti | Pi | Ei ; <decimalSI> ::= n | u | m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
// To be merged later with engine/kube/apiserver/kinds/quantity.ts.

/** An exact rational: numerator / denominator, both BigInt, denominator > 0. */
interface Exact {
  num: bigint;
  den: bigint;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const cache = new Map<string, Exact | null>();

function parseExact(text: string): Exact | null {
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)(.*)$/.exec(text.trim());
  if (!m) return null;
  const [, sign, number, suffix] = m;
  const [whole, frac = ''] = number.split('.');
  let num = BigInt((whole || '0') + frac);
  let den = 10n ** BigInt(frac.length);
  if (sign === '-') num = -num;
  if (Object.hasOwn(BINARY, suffix)) {
    num *= BINARY[suffix];
  } else {
    let exponent: number;
    if (Object.hasOwn(DECIMAL, suffix)) exponent = DECIMAL[suffix];
    else {
      const e = /^[eE]([+-]?\d+)$/.exec(suffix);
      if (!e) return null;
      exponent = Number(e[1]);
    }
    if (exponent >= 0) num *= 10n ** BigInt(exponent);
    else den *= 10n ** BigInt(-exponent);
  }
  return { num, den };
}

function exact(text: string): Exact | null {
  let v = cache.get(text);
  if (v === undefined) {
    v = parseExact(text);
    if (cache.size > 10_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

/** True when the text is a valid quantity. */
export function isQuantity(text: string): boolean {
  return exact(text) !== null;
}

/** Quantity.Value(): the integer value, rounded up (0 when unparseable). */
export function quantityValue(q: string | number | undefined | null): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return Math.ceil(q);
  const v = exact(q);
  return v ? Number(ceilDiv(v.num, v.den)) : 0;
}

/** Quantity.MilliValue(): the value times 1000, rounded up (0 when unparseable). */
export function quantityMilliValue(q: string | number | undefined | null): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return Math.ceil(q * 1000);
  const v = exact(q);
  return v ? Number(ceilDiv(v.num * 1000n, v.den)) : 0;
}
