// tail: the last lines (-n N, -N) or bytes (-c) of each input, or from line/byte K on
// (-n +K); -f prints once (the simulated file never grows while tail waits).

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { fromBytes, readSource, toBytes } from './files.ts';
import { obsoleteCount } from './head.ts';
import { parseCount } from './numbers.ts';

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
  let mode: 'n' | 'c' = 'n';
  let count = 10;
  let fromStart = false;
  let headers: boolean | null = null;
  let sep = '\n';
  for (const [k, v] of parsed.options) {
    if (k === 'n' || k === 'c') {
      const text = v!;
      fromStart = text.startsWith('+');
      const n = parseCount(text.replace(/^[-+]/, ''));
      if (n === null) {
        ctx.stderr.write(`tail: invalid number of ${k === 'n' ? 'lines' : 'bytes'}: '${text}'\n`);
        return 1;
      }
      mode = k;
      count = n;
    } else if (k === 'q') headers = false;
    else if (k === 'v') headers = true;
    else if (k === 'z') sep = '\0';
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const showHeaders = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const f of files) {
    const r = readSource(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(
        r.code === 'EISDIR'
          ? `tail: error reading '${f}': Is a directory\n`
          : `tail: cannot open '${f}' for reading: ${r.error}\n`,
      );
      status = 1;
      if (r.code === 'EISDIR' && showHeaders) {
        ctx.stdout.write(`${first ? '' : '\n'}==> ${f} <==\n`);
        first = false;
      }
      continue;
    }
    if (showHeaders) ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    ctx.stdout.write(
      mode === 'c' ? tailBytes(r.text, count, fromStart) : tailLines(r.text, count, fromStart, sep),
    );
  }
  return status;
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
