// awk values as mawk 1.3.4 treats them: numbers, strings and input "strnums", the conversions
// between them (CONVFMT, strtod-style prefixes), truth, and sprintf/printf formatting.
import { byteLength, fromBytes, rawByte, toBytes } from './files.ts';
import { formatNumberDirective } from './format.ts';

/** A value read from input that looks numeric: compares as a number, prints as read. */
export class StrNum {
  readonly s: string;
  readonly n: number;
  constructor(s: string, n: number) {
    this.s = s;
    this.n = n;
  }
}

export type Value = number | string | StrNum | undefined;
export type AwkArray = Map<string, Value>;
export interface Cell {
  v: Value | AwkArray;
  /** For a function parameter bound to a caller's unset variable: that variable. */
  origin?: Cell;
}

export class AwkRuntimeError extends Error {
  /** printf output formatted before the error, which mawk still flushes at exit. */
  partial = '';
}
/** Errors mawk reports without the run-time error banner (unreadable input files). */
export class AwkFatalError extends Error {}

const MAX_INT = 2147483647;
const NUMERIC = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n\r\f\v]*$/;
const NUM_PREFIX =
  /^[ \t\n\r\f\v]*([-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf(?:inity)?|nan))/i;

/** A string from input: a StrNum when it looks like a number. */
export function fromInput(s: string): Value {
  return NUMERIC.test(s) ? new StrNum(s, Number(s.trim())) : s;
}

export function strToNum(s: string): number {
  const m = NUM_PREFIX.exec(s);
  if (!m) return 0;
  const t = m[1].toLowerCase();
  if (t.includes('nan')) return Number.NaN;
  if (t.includes('inf')) return t.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/0x/.test(t)) return (t.startsWith('-') ? -1 : 1) * Number.parseInt(t.replace(/^[-+]?0x/, ''), 16);
  return Number(m[1]);
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  if (v instanceof StrNum) return v.n;
  return strToNum(v);
}

export function isNumeric(v: Value): boolean {
  return typeof v === 'number' || v instanceof StrNum;
}

/** Formats one value with a printf directive list; `args` are consumed left to right. */
export function awkSprintf(format: string, args: Value[], convfmt: string, what: string): string {
  let out = '';
  let ai = 0;
  let directives = 0;
  const next = (): Value => {
    if (ai >= args.length) {
      const err = new AwkRuntimeError(`not enough arguments passed to ${what}("${format}")`);
      err.partial = out;
      throw err;
    }
    return args[ai++];
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([cdiouxXeEfFgGs%])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    if (m[0] === '%%') {
      out += '%';
      continue;
    }
    directives++;
    if (m[4] === '%') {
      next();
      throw new AwkRuntimeError(`improper conversion(number ${directives}) in ${what}("${format}")`);
    }
    let flags = m[1];
    let width = 0;
    if (m[2] === '*') {
      width = Math.trunc(toNum(next()));
      if (width < 0) {
        flags += '-';
        width = -width;
      }
    } else if (m[2]) width = Number(m[2]);
    let prec = -1;
    if (m[3] !== undefined) prec = m[3] === '*' ? Math.trunc(toNum(next())) : Number(m[3] || 0);
    const conv = m[4];
    const arg = next();
    if (conv === 's' || conv === 'c') {
      // C's printf counts bytes for precision and width.
      let s: string;
      if (conv === 's') {
        s = toStr(arg, convfmt);
        if (prec >= 0) s = fromBytes(toBytes(s).subarray(0, prec));
      } else if (typeof arg === 'number' || arg instanceof StrNum) s = rawByte(Math.trunc(toNum(arg)) & 0xff);
      else s = fromBytes(toBytes(arg ?? '').subarray(0, 1));
      const fill = ' '.repeat(Math.max(0, width - byteLength(s)));
      out += flags.includes('-') ? s + fill : fill + s;
      continue;
    }
    let n = toNum(arg);
    if ('diouxX'.includes(conv)) {
      n = Math.trunc(n);
      if (Number.isNaN(n)) n = 0;
      if ('di'.includes(conv)) n = Math.max(-MAX_INT, Math.min(MAX_INT, n));
      else if (n < 0) n = n < -MAX_INT ? 2 ** 32 - MAX_INT : 2 ** 32 + n;
      else if (n > 2 ** 32 - 1) n = 2 ** 32 - 1;
    }
    out += formatNumberDirective({ flags, width, prec, conv: conv === 'i' ? 'd' : conv }, n);
  }
  return out;
}

export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && n >= -MAX_INT && n <= MAX_INT) return String(n === 0 ? 0 : n);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  return awkSprintf(fmt, [n], fmt, 'sprintf');
}

export function toStr(v: Value, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (v instanceof StrNum) return v.s;
  return numToStr(v, convfmt);
}

export function toBool(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (v instanceof StrNum) return v.n !== 0;
  return v !== '';
}
