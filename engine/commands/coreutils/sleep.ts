// sleep: advances the simulated clock by the sum of its arguments (s, m, h, d suffixes).
import type { CommandContext } from '../types.ts';

const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export function sleep(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.stderr.write(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * UNIT[m[2]];
  }
  ctx.world.clock.advance(Math.round(total * 1000));
  ctx.world.budget.checkTime(ctx.world.clock.now());
  return 0;
}
