// Which network namespace a simulated process is in: its own (after `ip netns exec` or
// `nsenter --net`) or, by default, its host's root namespace.
import type { CommandContext } from '../commands/types.ts';
import { hostNet } from './netlink.ts';
import type { Netns, NetStack } from './state.ts';

export function processNet(ctx: Pick<CommandContext, 'proc' | 'world'>): { stack: NetStack; ns: Netns } {
  const stack = hostNet(ctx.world, ctx.proc.host);
  const ns = (ctx.proc.netns as Netns | null) ?? stack.root;
  return { stack, ns };
}
