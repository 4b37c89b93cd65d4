// tee: copies standard input to standard output and to each FILE (-a appends).
import { FsError } from '../../fs/errors.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';

export function tee(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'aip',
    long: { append: 'a', 'ignore-interrupts': 'i', 'output-error::': 'p' },
  });
  if (!parsed) return 1;
  const append = parsed.options.some(([k]) => k === 'a');
  const data = ctx.stdin.readAll();
  let status = 0;
  const fs = ctx.proc.host.fs;
  for (const f of parsed.operands) {
    try {
      if (f === '-') ctx.stdout.write(data);
      else fs.writeFile(f, data, { cwd: ctx.proc.cwd, append, caller: ctx.proc });
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`tee: ${f}: ${e.message}\n`);
      status = 1;
    }
  }
  ctx.stdout.write(data);
  return status;
}
