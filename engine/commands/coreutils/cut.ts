// cut: selected bytes (-b), characters (-c) or delimited fields (-f, -d, -s) of each line, from
// lists like 1,3-5,7-; --complement and --output-delimiter.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { fromBytes, readOrReport, splitLines, toBytes } from './files.ts';

type Range = [number, number];

/** Parses a list like "1,3-5,7-" into sorted, merged 1-based inclusive ranges. */
function parseList(ctx: CommandContext, spec: string, fields: boolean): Range[] | null {
  const ranges: Range[] = [];
  const what = fields ? 'field' : 'byte/character position';
  for (const part of spec.split(/[, ]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m) {
      const bad = /^\d*-?\d*/.exec(part)![0];
      void bad;
      usageError(ctx, fields ? `invalid field value '${part}'` : `invalid byte/character position '${part}'`);
      return null;
    }
    const [, a, dash, b] = m;
    if (!dash && a === '') {
      usageError(ctx, fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1');
      return null;
    }
    if (dash && a === '' && b === '') {
      usageError(ctx, 'invalid range with no endpoint: -');
      return null;
    }
    const lo = a === '' ? 1 : Number(a);
    const hi = !dash ? lo : b === '' ? Number.POSITIVE_INFINITY : Number(b);
    if (lo === 0 || hi === 0) {
      usageError(ctx, `${what}s are numbered from 1`);
      return null;
    }
    if (hi < lo) {
      usageError(ctx, 'invalid decreasing range');
      return null;
    }
    ranges.push([lo, hi]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 1;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next !== Number.POSITIVE_INFINITY) out.push([next, Number.POSITIVE_INFINITY]);
  return out;
}

export function cut(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'b:c:f:d:snz',
    long: {
      'bytes:': 'b',
      'characters:': 'c',
      'fields:': 'f',
      'delimiter:': 'd',
      'only-delimited': 's',
      complement: 'complement',
      'output-delimiter:': 'o',
      'zero-terminated': 'z',
    },
  });
  if (!parsed) return 1;
  let mode: 'b' | 'c' | 'f' | null = null;
  let list = '';
  let delim: string | null = null;
  let onlyDelimited = false;
  let comp = false;
  let outDelim: string | null = null;
  let sep = '\n';
  for (const [k, v] of parsed.options) {
    if (k === 'b' || k === 'c' || k === 'f') {
      if (mode !== null) return usageError(ctx, 'only one list may be specified');
      mode = k;
      list = v!;
    } else if (k === 'd') {
      if ([...v!].length > 1) return usageError(ctx, 'the delimiter must be a single character');
      delim = v === '' ? '\0' : v!;
    } else if (k === 's') onlyDelimited = true;
    else if (k === 'complement') comp = true;
    else if (k === 'o') outDelim = v!;
    else if (k === 'z') sep = '\0';
  }
  if (mode === null) return usageError(ctx, 'you must specify a list of bytes, characters, or fields');
  if (mode !== 'f' && delim !== null)
    return usageError(ctx, 'an input delimiter may be specified only when operating on fields');
  if (mode !== 'f' && onlyDelimited)
    return usageError(ctx, 'suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  let ranges = parseList(ctx, list, mode === 'f');
  if (!ranges) return 1;
  if (comp) ranges = complement(ranges);
  const d = delim ?? '\t';
  const inRange = (n: number) => ranges!.some(([lo, hi]) => n >= lo && n <= hi);
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  let out = '';
  for (const f of files) {
    const text = readOrReport(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    for (const line of splitLines(text, sep).lines) {
      if (mode === 'f') {
        if (!line.includes(d)) {
          if (!onlyDelimited) out += line + sep;
          continue;
        }
        const parts = line.split(d);
        const picked = parts.filter((_, i) => inRange(i + 1));
        out += picked.join(outDelim ?? d) + sep;
        continue;
      }
      const units: Array<string | number> = mode === 'b' ? [...toBytes(line)] : [...line];
      let piece = '';
      const pieces: string[] = [];
      let prevIn = false;
      units.forEach((u, i) => {
        const on = inRange(i + 1);
        if (on) piece += typeof u === 'number' ? String.fromCharCode(u) : u;
        else if (prevIn) {
          pieces.push(piece);
          piece = '';
        }
        prevIn = on;
      });
      if (piece !== '') pieces.push(piece);
      const joined = pieces
        .map((p) => (mode === 'b' ? fromBytes(Uint8Array.from(p, (c) => c.charCodeAt(0))) : p))
        .join(outDelim ?? '');
      out += joined + sep;
    }
  }
  ctx.stdout.write(out);
  return status;
}
