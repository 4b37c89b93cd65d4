// yes: repeats a line ("y" or the arguments) until stopped. Into a pipe it writes 1 MiB, then
// ends as if the reader had gone (status 141, SIGPIPE); anywhere else (terminal, file,
// /dev/null) it runs until the output budget stops the block.
import { BufferOutput } from '../../shell/io.ts';
import type { CommandContext } from '../types.ts';

const PIPE_LIMIT = 1 << 20;

export function yes(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  const line = `${args.length > 0 ? args.join(' ') : 'y'}\n`;
  const chunk = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  const piped = ctx.stdout instanceof BufferOutput;
  let written = 0;
  for (;;) {
    ctx.world.budget.step();
    // Files and /dev/null do not count output; charge it here so `yes > f` stops too.
    if (!piped) ctx.world.budget.written(chunk.length);
    ctx.stdout.write(chunk);
    written += chunk.length;
    if (piped && written >= PIPE_LIMIT) return 141;
  }
}
