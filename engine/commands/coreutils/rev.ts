// rev (util-linux): each line's characters reversed.

import type { CommandContext } from '../types.ts';
import { readSource } from './files.ts';

export function rev(ctx: CommandContext): number {
  const files = ctx.argv.slice(1);
  if (files.length === 0) files.push('-');
  let status = 0;
  for (const f of files) {
    const r = readSource(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`rev: cannot open ${f}: ${r.error}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(
      r.text
        .split('\n')
        .map((l) => [...l].reverse().join(''))
        .join('\n'),
    );
  }
  return status;
}
