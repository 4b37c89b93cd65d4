// tr: translates, deletes (-d) or squeezes (-s) characters given as sets with ranges, escapes,
// [:classes:], [=c=] and [c*n] repeats; -c complements SET1, -t truncates it.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { normalizeBytes, rawByte } from './files.ts';

const CLASS_CHARS: Record<string, () => string[]> = {
  lower: () => range('a', 'z'),
  upper: () => range('A', 'Z'),
  alpha: () => [...range('A', 'Z'), ...range('a', 'z')],
  digit: () => range('0', '9'),
  alnum: () => [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')],
  space: () => ['\t', '\n', '\v', '\f', '\r', ' '],
  blank: () => ['\t', ' '],
  punct: () => range('!', '~').filter((c) => !/[0-9A-Za-z]/.test(c)),
  print: () => range(' ', '~'),
  graph: () => range('!', '~'),
  cntrl: () => [...range('\x00', '\x1f'), '\x7f'],
  xdigit: () => [...range('0', '9'), ...range('A', 'F'), ...range('a', 'f')],
};

function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a.codePointAt(0)!; c <= b.codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
  return out;
}

class SetError extends Error {}

interface ParsedSet {
  chars: string[];
  /** Positions where [:upper:] / [:lower:] start, for case conversion. */
  cases: Array<{ at: number; name: 'upper' | 'lower' }>;
  /** Index in chars of a [c*] fill-to-length repeat, if any. */
  fill: { at: number; char: string } | null;
  classes: string[];
}

function readChar(s: string, i: number): { char: string; next: number } {
  if (s[i] !== '\\' || i + 1 >= s.length)
    return { char: String.fromCodePoint(s.codePointAt(i)!), next: i + (s.codePointAt(i)! > 0xffff ? 2 : 1) };
  const n = s[i + 1];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  if (n in simple) return { char: simple[n], next: i + 2 };
  const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
  if (oct) return { char: rawByte(Number.parseInt(oct[0], 8) & 0xff), next: i + 1 + oct[0].length };
  return { char: n, next: i + 2 };
}

function parseSet(s: string, isSet2: boolean): ParsedSet {
  const set: ParsedSet = { chars: [], cases: [], fill: null, classes: [] };
  let i = 0;
  while (i < s.length) {
    if (s[i] === '[') {
      const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
      if (cls) {
        const make = CLASS_CHARS[cls[1]];
        if (!make) throw new SetError(`invalid character class '${cls[1]}'`);
        if (cls[1] === 'upper' || cls[1] === 'lower') set.cases.push({ at: set.chars.length, name: cls[1] });
        set.classes.push(cls[1]);
        set.chars.push(...make());
        i += cls[0].length;
        continue;
      }
      const eq = /^\[=(.)=\]/.exec(s.slice(i));
      if (eq) {
        set.chars.push(eq[1]);
        i += eq[0].length;
        continue;
      }
      const rep = /^\[((?:\\[0-7]{1,3}|\\.|[^\\]))\*(\d*)\]/.exec(s.slice(i));
      if (rep) {
        const ch = readChar(rep[1], 0).char;
        if (!isSet2) throw new SetError('the [c*] repeat construct may not appear in string1');
        if (rep[2] === '' || Number(rep[2]) === 0) set.fill = { at: set.chars.length, char: ch };
        else {
          const count = rep[2].startsWith('0') ? Number.parseInt(rep[2], 8) : Number(rep[2]);
          for (let k = 0; k < count; k++) set.chars.push(ch);
        }
        i += rep[0].length;
        continue;
      }
    }
    const lo = readChar(s, i);
    if (s[lo.next] === '-' && lo.next + 1 < s.length) {
      const hi = readChar(s, lo.next + 1);
      if (hi.char.codePointAt(0)! < lo.char.codePointAt(0)!) {
        throw new SetError(
          `range-endpoints of '${s.slice(i, hi.next)}' are in reverse collating sequence order`,
        );
      }
      set.chars.push(...range(lo.char, hi.char));
      i = hi.next;
      continue;
    }
    set.chars.push(lo.char);
    i = lo.next;
  }
  return set;
}

export function tr(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'cCdst',
    long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
  });
  if (!parsed) return 1;
  const flags = new Set(parsed.options.map(([k]) => (k === 'C' ? 'c' : k)));
  const ops = parsed.operands;
  const del = flags.has('d');
  const squeeze = flags.has('s');
  const translating = !del && ops.length >= 2;
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (!del && !squeeze && ops.length === 1) {
    ctx.stderr.write(
      `tr: missing operand after '${ops[0]}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`,
    );
    return 1;
  }
  if (del && !squeeze && ops.length === 2) {
    ctx.stderr.write(
      `tr: extra operand '${ops[1]}'\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n`,
    );
    return 1;
  }
  if (del && squeeze && ops.length === 1) {
    ctx.stderr.write(
      `tr: missing operand after '${ops[0]}'\nTwo strings must be given when both deleting and squeezing repeats.\nTry 'tr --help' for more information.\n`,
    );
    return 1;
  }
  if (ops.length > 2) return usageError(ctx, `extra operand '${ops[2]}'`);
  let set1: ParsedSet;
  let set2: ParsedSet | null = null;
  try {
    set1 = parseSet(ops[0], false);
    if (ops.length > 1) set2 = parseSet(ops[1], true);
  } catch (e) {
    if (e instanceof SetError) {
      ctx.stderr.write(`tr: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const complement = flags.has('c');
  const inSet1 = new Set(set1.chars);
  const member1 = (c: string) => inSet1.has(c) !== complement;
  const map = new Map<string, string>();
  if (translating && set2) {
    if (set2.classes.some((c) => c !== 'upper' && c !== 'lower')) {
      ctx.stderr.write(
        "tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n",
      );
      return 1;
    }
    const from = complement ? range('\x00', '\xff').filter((c) => !inSet1.has(c)) : set1.chars;
    let to = [...set2.chars];
    if (set2.fill) {
      const need = Math.max(0, from.length - to.length);
      to.splice(set2.fill.at, 0, ...new Array(need).fill(set2.fill.char));
    }
    for (const c of set2.cases) {
      const partner = set1.cases.find((p) => p.at === c.at);
      if (!partner) {
        ctx.stderr.write('tr: misaligned [:upper:] and/or [:lower:] construct\n');
        return 1;
      }
    }
    if (to.length === 0) {
      ctx.stderr.write('tr: when not truncating set1, string2 must be non-empty\n');
      return 1;
    }
    if (flags.has('t')) from.length = Math.min(from.length, to.length);
    else if (to.length < from.length)
      to = [...to, ...new Array(from.length - to.length).fill(to[to.length - 1])];
    for (const [i, c] of from.entries()) map.set(c, to[i]);
    if (complement) map.set('\0complement', to[to.length - 1]);
  }
  const squeezeSet = squeeze ? (translating || (del && set2) ? new Set(set2!.chars) : null) : null;
  const squeezes = (c: string) => (squeezeSet ? squeezeSet.has(c) : member1(c));
  const input = ctx.stdin.readAll();
  let out = '';
  let last: string | null = null;
  for (const ch of input) {
    let c = ch;
    if (del && member1(c)) continue;
    if (translating) {
      const m = map.get(c);
      if (m !== undefined) c = m;
      else if (complement && !inSet1.has(c)) c = map.get('\0complement')!;
    }
    if (squeeze && c === last && squeezes(c)) continue;
    out += c;
    last = c;
  }
  ctx.stdout.write(normalizeBytes(out));
  return 0;
}
