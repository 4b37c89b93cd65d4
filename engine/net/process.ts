// Which network namespace a simulated process is in: its own (after `ip netns exec` or
// `nsenter --net`) or, by default, its host's root namespace.
import type { CommandContext } from '../commands/types.ts';
import { hostNet } from './netlink.ts';
import { settleNet } from './packet/runtime.ts';
import type { Netns, NetStack } from './state.ts';

export function processNet(ctx: Pick<CommandContext, 'proc' | 'world'>): { stack: NetStack; ns: Netns } {
  const stack = hostNet(ctx.world, ctx.proc.host);
  // Neighbour and bridge timers that fell due while the clock moved run before a tool reads state.
  settleNet(ctx.world, ctx.proc.host);
  const ns = (ctx.proc.netns as Netns | null) ?? stack.root;
  return { stack, ns };
}
