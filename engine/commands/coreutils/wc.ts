// wc: line, word, character and byte counts (-l -w -m -c -L) per input and a total, with
// GNU's column width rule (digits of the total regular-file size; 7 when stdin is involved).

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { byteLength, readSource, utf8Locale } from './files.ts';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

function count(text: string, utf8: boolean): Counts {
  let lines = 0;
  let maxLine = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '\n') {
      lines++;
      maxLine = Math.max(maxLine, current);
      current = 0;
    } else if (ch === '\t') current += 8 - (current % 8);
    else current++;
  }
  maxLine = Math.max(maxLine, current);
  const words = text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== '').length;
  const bytes = byteLength(text);
  return { lines, words, chars: utf8 ? [...text].length : bytes, bytes, maxLine };
}

export function wc(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'lwcmL',
    long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' },
  });
  if (!parsed) return 1;
  const want = new Set(parsed.options.map(([k]) => k));
  if (!['l', 'w', 'c', 'm', 'L'].some((k) => want.has(k))) for (const k of ['l', 'w', 'c']) want.add(k);
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const selected = ['l', 'w', 'm', 'c', 'L'].filter((k) => want.has(k));
  // Stat every operand first, as wc does to pick the column width.
  const fs = ctx.proc.host.fs;
  let regularTotal = 0;
  let minWidth = 1;
  const single = files.length === 1 && selected.length === 1;
  for (const f of files) {
    if (f === '-') {
      // Standard input redirected from a regular file counts like that file.
      if (ctx.stdin.fromFile) regularTotal += byteLength(ctx.stdin.peekAll());
      else minWidth = 7;
      continue;
    }
    const node = fs.lookup(f, ctx.proc.cwd);
    if (!node) continue;
    if (node.type === 'file') regularTotal += byteLength(node.data);
    else minWidth = 7;
  }
  const width = single ? 1 : Math.max(String(regularTotal).length, minWidth);
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  const pick = (c: Counts) =>
    selected.map((k) =>
      k === 'l' ? c.lines : k === 'w' ? c.words : k === 'm' ? c.chars : k === 'c' ? c.bytes : c.maxLine,
    );
  const line = (c: Counts, name: string | null) =>
    `${pick(c)
      .map((n) => String(n).padStart(width))
      .join(' ')}${name === null ? '' : ` ${name}`}\n`;
  let status = 0;
  for (const f of files) {
    const r = readSource(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`wc: ${f}: ${r.error}\n`);
      status = 1;
      if (r.code === 'EISDIR')
        ctx.stdout.write(line({ lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 }, f));
      continue;
    }
    const c = count(r.text, utf8Locale(ctx));
    total.lines += c.lines;
    total.words += c.words;
    total.chars += c.chars;
    total.bytes += c.bytes;
    total.maxLine = Math.max(total.maxLine, c.maxLine);
    ctx.stdout.write(line(c, f === '-' && parsed.operands.length === 0 ? null : f));
  }
  if (files.length > 1) ctx.stdout.write(line(total, 'total'));
  return status;
}
