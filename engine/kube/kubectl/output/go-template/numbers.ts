// Number literals in templates (parse/node.go newNumber): which of int, uint and float64 a constant can be, with Go's error texts.

export interface ParsedNumber {
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  float: number;
}

import { unquoteChar } from './unquote.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0: sign, 0x / 0o / 0b / 0 prefixes, underscores after a prefix. */
function parseInteger(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  let digits = s;
  let radix = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) [radix, digits, prefixed] = [16, s.slice(2), true];
  else if (/^0[oO]/.test(s)) [radix, digits, prefixed] = [8, s.slice(2), true];
  else if (/^0[bB]/.test(s)) [radix, digits, prefixed] = [2, s.slice(2), true];
  else if (/^0./.test(s)) [radix, digits, prefixed] = [8, s.slice(1), true];
  if (digits.includes('_')) {
    if (!prefixed && !/^[1-9]/.test(digits)) return undefined;
    if (/__|_$/.test(digits) || (!prefixed && digits.startsWith('_'))) return undefined;
    digits = digits.replace(/_/g, '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[
    radix as 2 | 8 | 10 | 16
  ];
  if (!valid.test(digits)) return undefined;
  let value = 0n;
  for (const d of digits) value = value * BigInt(radix) + BigInt(Number.parseInt(d, radix));
  return negative ? -value : value;
}

/** The parsed constant, or Go's error text for it. Complex constants are not supported. */
export function parseNumber(
  text: string,
  type: 'charConstant' | 'complex' | 'number',
): ParsedNumber | string {
  const n: ParsedNumber = {
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0n,
    float: 0,
  };
  if (type === 'charConstant') {
    const r = unquoteChar(text, 1, "'");
    if (!r) return 'invalid syntax';
    if (text.slice(r[1]) !== "'") return `malformed character constant: ${text}`;
    const cp = r[0].codePointAt(0)!;
    return { ...n, isInt: true, isUint: true, isFloat: true, int: BigInt(cp), float: cp };
  }
  if (type === 'complex' || text.endsWith('i')) return `illegal number syntax: ${JSON.stringify(text)}`;
  const integer = parseInteger(text);
  if (integer !== undefined) {
    if (integer >= 0n && integer <= UINT64_MAX) n.isUint = true;
    if (integer >= INT64_MIN && integer <= INT64_MAX) n.isInt = true;
  }
  if (n.isInt || n.isUint) {
    n.int = integer!;
    n.isFloat = true;
    n.float = Number(integer);
    return n;
  }
  const cleaned = text.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) {
    if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
    const f = Number(cleaned);
    n.isFloat = true;
    n.float = f;
    if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
      n.isInt = true;
      n.int = BigInt(f);
    }
    if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
    return n;
  }
  return `illegal number syntax: ${JSON.stringify(text)}`;
}
