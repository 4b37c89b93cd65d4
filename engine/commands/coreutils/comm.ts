// comm: compares two sorted files line by line in three columns (only in 1, only in 2, both);
// -1 -2 -3 hide columns; unsorted input is reported as GNU does.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { readOrReport, splitLines } from './files.ts';

export function comm(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: '123z',
    long: { 'check-order': 'check', 'nocheck-order': 'nocheck', 'output-delimiter:': 'd', total: 'total' },
  });
  if (!parsed) return 1;
  const hide = new Set<string>();
  let delim = '\t';
  let check: boolean | null = null;
  let total = false;
  for (const [k, v] of parsed.options) {
    if (k === '1' || k === '2' || k === '3') hide.add(k);
    else if (k === 'd') delim = v === '' ? '\0' : v!;
    else if (k === 'check') check = true;
    else if (k === 'nocheck') check = false;
    else if (k === 'total') total = true;
  }
  const ops = parsed.operands;
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (ops.length === 1) return usageError(ctx, `missing operand after '${ops[0]}'`);
  if (ops.length > 2) return usageError(ctx, `extra operand '${ops[2]}'`);
  const texts = ops.map((f) => readOrReport(ctx, f));
  if (texts[0] === null || texts[1] === null) return 1;
  const a = splitLines(texts[0]).lines;
  const b = splitLines(texts[1]).lines;
  const prefix = (col: number) => {
    let p = '';
    for (let c = 1; c < col; c++) if (!hide.has(String(c))) p += delim;
    return p;
  };
  let out = '';
  const counts = [0, 0, 0];
  let i = 0;
  let j = 0;
  const disorder = [false, false];
  let unsorted = false;
  const note = (file: number, lines: string[], k: number) => {
    if (check === false || disorder[file] || k === 0) return;
    if (lines[k - 1] > lines[k]) {
      disorder[file] = true;
      unsorted = true;
      ctx.stdout.write(out);
      out = '';
      ctx.stderr.write(`comm: file ${file + 1} is not in sorted order\n`);
    }
  };
  while (i < a.length || j < b.length) {
    let col: number;
    if (j >= b.length || (i < a.length && a[i] < b[j])) col = 1;
    else if (i >= a.length || b[j] < a[i]) col = 2;
    else col = 3;
    const line = col === 2 ? b[j] : a[i];
    counts[col - 1]++;
    if (!hide.has(String(col))) out += `${prefix(col)}${line}\n`;
    if (col !== 2) note(0, a, i++);
    if (col !== 1) note(1, b, j++);
  }
  if (total) out += `${counts[0]}${delim}${counts[1]}${delim}${counts[2]}${delim}total\n`;
  ctx.stdout.write(out);
  if (unsorted) {
    ctx.stderr.write('comm: input is not in sorted order\n');
    return 1;
  }
  return 0;
}
