// tac: each input's lines in reverse order (a last line without newline stays glued on).

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { readSource } from './files.ts';

export function tac(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: 's:br', long: { 'separator:': 's', before: 'b', regex: 'r' } });
  if (!parsed) return 1;
  let sep = '\n';
  for (const [k, v] of parsed.options) if (k === 's') sep = v!;
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const f of files) {
    const r = readSource(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(
        r.code === 'EISDIR'
          ? `tac: ${f}: read error: Invalid argument\n`
          : `tac: failed to open '${f}' for reading: ${r.error}\n`,
      );
      status = 1;
      continue;
    }
    const records: string[] = [];
    let start = 0;
    for (let i = r.text.indexOf(sep); i >= 0; i = r.text.indexOf(sep, start)) {
      records.push(r.text.slice(start, i + sep.length));
      start = i + sep.length;
    }
    if (start < r.text.length) records.push(r.text.slice(start));
    ctx.stdout.write(records.reverse().join(''));
  }
  return status;
}
