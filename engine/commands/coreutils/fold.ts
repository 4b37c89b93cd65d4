// fold: wraps lines at a width (-w, default 80) counting columns (or bytes with -b), breaking
// after the last blank with -s.

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { readOrReport } from './files.ts';

function advance(col: number, ch: string, bytes: boolean): number {
  if (bytes) return col + 1;
  if (ch === '\t') return col + 8 - (col % 8);
  if (ch === '\b') return Math.max(0, col - 1);
  if (ch === '\r') return 0;
  return col + 1;
}

function foldLine(line: string, width: number, spaces: boolean, bytes: boolean): string {
  let out = '';
  let current = '';
  let col = 0;
  for (const ch of line) {
    const next = advance(col, ch, bytes);
    if (next > width && current !== '') {
      const blank = spaces ? Math.max(current.lastIndexOf(' '), current.lastIndexOf('\t')) : -1;
      if (blank >= 0) {
        out += `${current.slice(0, blank + 1)}\n`;
        current = current.slice(blank + 1);
      } else {
        out += `${current}\n`;
        current = '';
      }
      col = 0;
      for (const c of current) col = advance(col, c, bytes);
    }
    current += ch;
    col = advance(col, ch, bytes);
  }
  return out + current;
}

export function fold(ctx: CommandContext): number {
  const args = ctx.argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-w${a.slice(1)}` : a));
  const parsed = parseOrReport(
    ctx,
    { short: 'w:sb', long: { 'width:': 'w', spaces: 's', bytes: 'b' } },
    1,
    args,
  );
  if (!parsed) return 1;
  let width = 80;
  let spaces = false;
  let bytes = false;
  for (const [k, v] of parsed.options) {
    if (k === 'w') {
      if (!/^\d+$/.test(v!) || Number(v) < 1) {
        ctx.stderr.write(
          `fold: invalid number of columns: '${v}'${/^\d+$/.test(v!) ? ': Numerical result out of range' : ''}\n`,
        );
        return 1;
      }
      width = Number(v);
    } else if (k === 's') spaces = true;
    else if (k === 'b') bytes = true;
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const f of files) {
    const text = readOrReport(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    ctx.stdout.write(
      text
        .split('\n')
        .map((l) => foldLine(l, width, spaces, bytes))
        .join('\n'),
    );
  }
  return status;
}
