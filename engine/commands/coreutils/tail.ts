// tail: the last lines (-n N, -N) or bytes (-c) of each input, or from line/byte K on
// (-n +K); -f prints once (the simulated file never grows while tail waits).

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { fromBytes, toBytes } from './files.ts';
import { headOrTail, obsoleteCount } from './head-tail.ts';

export function tail(ctx: CommandContext): number {
  const parsed = parseOrReport(
    ctx,
    {
      short: 'n:c:qvzfF',
      long: {
        'lines:': 'n',
        'bytes:': 'c',
        quiet: 'q',
        silent: 'q',
        verbose: 'v',
        'zero-terminated': 'z',
        'follow::': 'f',
        retry: 'r',
        'sleep-interval:': 's',
        'pid:': 'p',
      },
    },
    1,
    obsoleteCount(ctx.argv),
  );
  if (!parsed) return 1;
  return headOrTail(ctx, 'tail', parsed, '+', (text, s) =>
    s.mode === 'c' ? tailBytes(text, s.count, s.signed) : tailLines(text, s.count, s.signed, s.sep),
  );
}

function tailBytes(text: string, count: number, fromStart: boolean): string {
  const bytes = toBytes(text);
  const start = fromStart ? Math.max(0, count - 1) : Math.max(0, bytes.length - count);
  return fromBytes(bytes.subarray(start));
}

function tailLines(text: string, count: number, fromStart: boolean, sep: string): string {
  if (text === '') return '';
  const starts = [0];
  for (let i = text.indexOf(sep); i >= 0 && i + 1 < text.length; i = text.indexOf(sep, i + 1))
    starts.push(i + 1);
  if (fromStart) {
    const k = Math.max(1, count);
    return k > starts.length ? '' : text.slice(starts[k - 1]);
  }
  if (count === 0) return '';
  return count >= starts.length ? text : text.slice(starts[starts.length - count]);
}
