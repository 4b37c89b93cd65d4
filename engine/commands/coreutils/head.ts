// head: the first lines (-n N, -N, -n -N for all but the last N) or bytes (-c) of each input,
// with "==> NAME <==" headers for several inputs (-q, -v).

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { fromBytes, readSource, toBytes } from './files.ts';
import { parseCount } from './numbers.ts';

/** Turns the obsolete `-5` / `-5c` first argument into `-n 5` / `-c 5`. */
export function obsoleteCount(argv: string[]): string[] {
  const m = /^-(\d+)([cbkmlqv]*)$/.exec(argv[1] ?? '');
  if (!m) return argv;
  const unit = m[2].includes('c') ? '-c' : '-n';
  const extra = m[2].replace(/[cbkml]/g, '');
  return [argv[0], unit, m[1], ...(extra ? [`-${extra}`] : []), ...argv.slice(2)];
}

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
  let mode: 'n' | 'c' = 'n';
  let count = 10;
  let allBut = false;
  let headers: boolean | null = null;
  let sep = '\n';
  for (const [k, v] of parsed.options) {
    if (k === 'n' || k === 'c') {
      const text = v!;
      allBut = text.startsWith('-');
      const n = parseCount(text.replace(/^[-+]/, ''));
      if (n === null) {
        ctx.stderr.write(`head: invalid number of ${k === 'n' ? 'lines' : 'bytes'}: '${text}'\n`);
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
          ? `head: error reading '${f}': Is a directory\n`
          : `head: cannot open '${f}' for reading: ${r.error}\n`,
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
    ctx.stdout.write(mode === 'c' ? headBytes(r.text, count, allBut) : headLines(r.text, count, allBut, sep));
  }
  return status;
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
