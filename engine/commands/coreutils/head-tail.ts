// What head and tail share: the -n/-c/-q/-v/-z options after parsing, the obsolete `-5` form,
// and the walk over inputs with "==> NAME <==" headers and GNU's error texts.
import type { CommandContext } from '../types.ts';
import { readSource } from './files.ts';
import { parseCount } from './numbers.ts';

/** Turns the obsolete `-5` / `-5c` first argument into `-n 5` / `-c 5`. */
export function obsoleteCount(argv: string[]): string[] {
  const m = /^-(\d+)([cbkmlqv]*)$/.exec(argv[1] ?? '');
  if (!m) return argv;
  const unit = m[2].includes('c') ? '-c' : '-n';
  const extra = m[2].replace(/[cbkml]/g, '');
  return [argv[0], unit, m[1], ...(extra ? [`-${extra}`] : []), ...argv.slice(2)];
}

export interface Slice {
  mode: 'n' | 'c';
  count: number;
  /** The count had a sign: `-N` for head (all but the last N), `+K` for tail (from K on). */
  signed: boolean;
  sep: string;
}

/**
 * Runs head or tail over their inputs once options are parsed; `cut` takes one input's text
 * and the slice, and returns what to print. `sign` is the sign that marks a signed count.
 */
export function headOrTail(
  ctx: CommandContext,
  name: 'head' | 'tail',
  parsed: { options: Array<[string, string | undefined]>; operands: string[] },
  sign: '-' | '+',
  cut: (text: string, slice: Slice) => string,
): number {
  const slice: Slice = { mode: 'n', count: 10, signed: false, sep: '\n' };
  let headers: boolean | null = null;
  for (const [k, v] of parsed.options) {
    if (k === 'n' || k === 'c') {
      const text = v!;
      const n = parseCount(text.replace(/^[-+]/, ''));
      if (n === null) {
        ctx.stderr.write(`${name}: invalid number of ${k === 'n' ? 'lines' : 'bytes'}: '${text}'\n`);
        return 1;
      }
      slice.signed = text.startsWith(sign);
      slice.mode = k;
      slice.count = n;
    } else if (k === 'q') headers = false;
    else if (k === 'v') headers = true;
    else if (k === 'z') slice.sep = '\0';
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
          ? `${name}: error reading '${f}': Is a directory\n`
          : `${name}: cannot open '${f}' for reading: ${r.error}\n`,
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
    ctx.stdout.write(cut(r.text, slice));
  }
  return status;
}
