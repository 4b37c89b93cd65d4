// What the kernel refuses when a rule is added (-EINVAL from nf_tables' expression validation,
// net/netfilter/nft_compat.c and the native nat/reject/ct expressions): targets outside their
// table or hooks, matches outside their hooks (mac in OUTPUT), tcp-reset without -p tcp, an
// inverted /0 address — also through the user chains a rule jumps to.
import type { HookPoint } from '../net/packet/hooks.ts';
import { isVerdict } from './cli/parse.ts';
import { findMatch, findTarget } from './registry.ts';
import type { Chain, Rule, Table } from './state.ts';

/** The hooks a chain can be reached from: its own, or those of the chains jumping to it. */
export function chainHooks(
  chain: Chain,
  callersOf: (name: string) => Iterable<Chain>,
  seen = new Set<Chain>(),
): Set<HookPoint> {
  const hooks = new Set<HookPoint>();
  if (chain.hook) {
    hooks.add(chain.hook);
    return hooks;
  }
  if (seen.has(chain)) return hooks;
  seen.add(chain);
  for (const caller of callersOf(chain.name))
    for (const h of chainHooks(caller, callersOf, seen)) hooks.add(h);
  return hooks;
}

/** The errno text the kernel refuses `rule` with when reached from `hooks`, or null. */
export function ruleValid(
  table: Table,
  rule: Rule,
  hooks: Set<HookPoint>,
  userChain: (name: string) => Chain | undefined,
  seen = new Set<string>(),
): string | null {
  const EINVAL = 'Invalid argument';
  const allowed = (list: HookPoint[] | undefined) => !list || [...hooks].every((h) => list.includes(h));
  if ((rule.ip.invSrc && rule.ip.smsk === 0) || (rule.ip.invDst && rule.ip.dmsk === 0)) return EINVAL;
  for (const m of rule.matches) if (!allowed(findMatch(m.name)?.hooks)) return EINVAL;
  for (const m of rule.matches) {
    const err = findMatch(m.name)?.kernelCheck?.(m.data, rule.ip);
    if (err) return err;
  }
  if (rule.target) {
    const t = findTarget(rule.target.name);
    if (!t) return null;
    if (t.tables && !t.tables.includes(table.name)) return EINVAL;
    if (!allowed(t.hooks)) return EINVAL;
    return t.kernelCheck?.(rule.target.data, rule.ip) ?? null;
  }
  if (rule.jump && !isVerdict(rule.jump) && !seen.has(rule.jump)) {
    seen.add(rule.jump);
    const callee = userChain(rule.jump);
    for (const r of callee?.rules ?? []) {
      const err = ruleValid(table, r, hooks, userChain, seen);
      if (err) return err;
    }
  }
  return null;
}
