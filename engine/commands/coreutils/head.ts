// head: the first lines (-n N, -N, -n -N for all but the last N) or bytes (-c) of each input,
// with "==> NAME <==" headers for several inputs (-q, -v).

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { fromBytes, toBytes } from './files.ts';
import { headOrTail, obsoleteCount } from './head-tail.ts';

export function head(ctx: CommandContext): number {
  const parsed = parseOrReport(
    ctx,
    {
      short: 'n:c:qvz',
      long: { 'lines:': 'n', 'bytes:': 'c', quiet: 'q', silent: 'q', verbose: 'v', 'zero-terminated': 'z' },
    },
    1,
    obsoleteCount(ctx.argv),
  );
  if (!parsed) return 1;
  return headOrTail(ctx, 'head', parsed, '-', (text, s) =>
    s.mode === 'c' ? headBytes(text, s.count, s.signed) : headLines(text, s.count, s.signed, s.sep),
  );
}

function headBytes(text: string, count: number, allBut: boolean): string {
  const bytes = toBytes(text);
  const end = allBut ? Math.max(0, bytes.length - count) : Math.min(count, bytes.length);
  return fromBytes(bytes.subarray(0, end));
}

function headLines(text: string, count: number, allBut: boolean, sep: string): string {
  const ends: number[] = [];
  for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) ends.push(i + 1);
  if (ends.length === 0 || ends[ends.length - 1] !== text.length) ends.push(text.length);
  if (text === '') return '';
  const keep = allBut ? ends.length - count : count;
  if (keep <= 0) return '';
  if (keep >= ends.length) return text;
  return text.slice(0, ends[keep - 1]);
}
