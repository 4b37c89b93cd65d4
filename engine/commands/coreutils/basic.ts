// The smallest coreutils: true, false, pwd.
import type { CommandContext } from '../types.ts';

export const trueCmd = (): number => 0;
export const falseCmd = (): number => 1;

export function pwd(ctx: CommandContext): number {
  ctx.stdout.write(`${ctx.proc.cwd}\n`);
  return 0;
}
