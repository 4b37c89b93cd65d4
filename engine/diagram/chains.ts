// The chains of one iptables table in one network namespace as a Mermaid flowchart: a node per
// chain as `iptables -L -v` lists them (built-in chains with their policy and policy counters,
// user chains with their references), how many rules each holds and which targets they use,
// and an edge for every chain a rule jumps (-j) or goes (-g) to, labelled with the rule numbers
// and the packets those rules matched. Very large tables are cut to a number of chains.
import type { Host } from '../host.ts';
import type { Netns, NetStack } from '../net/state.ts';
import { listedChains } from '../netfilter/print/list.ts';
import { type Chain, type Rule, references, type Table, type TableName } from '../netfilter/state.ts';
import { accessibilityLines, edgeText, IdRegistry, plural, quoteLabel } from './mermaid-text.ts';
import { namespaceLabel } from './topology.ts';

export interface ChainsOptions {
  /** With a host: the named namespace whose table to draw (the host's own by default). */
  netns?: string;
  /** Chains drawn before the rest become one "… and K more chains" node (default 60). */
  maxChains?: number;
  /** Rule numbers written on one edge before the rest are counted (default 4). */
  maxRuleNumbers?: number;
}

export const DEFAULT_MAX_CHAINS = 60;

function isHost(where: Host | Netns): where is Host {
  return 'subsystems' in where;
}

/** The namespace a diagram is about, and the host name its label uses. */
function resolve(where: Host | Netns, netns: string | undefined): { ns: Netns | null; hostname: string } {
  if (!isHost(where)) return { ns: where, hostname: 'host' };
  const stack = where.subsystems.get('net') as NetStack | undefined;
  if (!stack?.root) return { ns: null, hostname: where.hostname };
  if (netns === undefined) return { ns: stack.root, hostname: where.hostname };
  return { ns: stack.named.find((n) => n.name === netns)?.ns ?? null, hostname: where.hostname };
}

function counters(c: { packets: bigint; bytes: bigint }): string {
  return `${plural(c.packets, 'packet')}, ${plural(c.bytes, 'byte')}`;
}

/** Targets other than chains, in first-use order with their rule counts: "DNAT ×2, ACCEPT ×1". */
function targetSummary(rules: Rule[], isChain: (name: string) => boolean): string | null {
  const counts = new Map<string, number>();
  for (const r of rules) {
    if (!r.jump || (r.target === null && isChain(r.jump))) continue;
    counts.set(r.jump, (counts.get(r.jump) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  return `targets: ${[...counts].map(([name, n]) => `${name} ×${n}`).join(', ')}`;
}

function chainLines(table: Table | undefined, chain: Chain, isChain: (name: string) => boolean): string[] {
  const lines = [chain.name];
  if (chain.hook !== null) lines.push(`policy ${chain.policy} · ${counters(chain.counters)}`);
  else lines.push(`user chain · ${plural(table ? references(table, chain.name) : 0, 'reference')}`);
  lines.push(plural(chain.rules.length, 'rule'));
  const targets = targetSummary(chain.rules, isChain);
  if (targets) lines.push(targets);
  return lines;
}

interface Jump {
  from: string;
  to: string;
  goto: boolean;
  rules: number[];
  packets: bigint;
}

function jumpLabel(j: Jump, maxNumbers: number): string {
  const shown = j.rules.slice(0, maxNumbers).join(', ');
  const rest = j.rules.length - maxNumbers;
  const which =
    j.rules.length === 1 ? `rule ${shown}` : `rules ${shown}${rest > 0 ? ` and ${rest} more` : ''}`;
  return edgeText([`${j.goto ? '-g' : '-j'} ${which}`, plural(j.packets, 'packet')]);
}

/** Mermaid `flowchart LR` text for the chains of `table` in a namespace (or a host's own). */
export function chainsDiagram(
  where: Host | Netns,
  table: TableName = 'filter',
  options: ChainsOptions = {},
): string {
  const { ns, hostname } = resolve(where, options.netns);
  const max = Math.max(1, options.maxChains ?? DEFAULT_MAX_CHAINS);
  const maxNumbers = Math.max(1, options.maxRuleNumbers ?? 4);
  const state = ns?.netfilter?.tables[table];
  const chains = listedChains(state, table);
  const userChains = new Set(chains.filter((c) => c.hook === null).map((c) => c.name));
  const isChain = (name: string) => userChains.has(name);
  const ids = new IdRegistry('chain');
  const drawn = chains.slice(0, max);
  const hidden = chains.length - drawn.length;
  const nodeOf = new Map<string, string>();
  for (const [i, c] of chains.entries()) nodeOf.set(c.name, i < max ? ids.id(c.name) : 'more_chains');

  const place = ns ? namespaceLabel(ns, hostname) : `${options.netns ?? hostname} (no such namespace)`;
  const out = ['flowchart LR'];
  const jumps = new Map<string, Jump>();
  let rules = 0;
  for (const chain of chains) {
    rules += chain.rules.length;
    const from = nodeOf.get(chain.name)!;
    if (from === 'more_chains') continue;
    chain.rules.forEach((r, i) => {
      if (r.target !== null || !isChain(r.jump)) return;
      const to = nodeOf.get(r.jump)!;
      const key = `${from} ${to} ${r.goto}`;
      let j = jumps.get(key);
      if (!j) jumps.set(key, (j = { from, to, goto: r.goto, rules: [], packets: 0n }));
      j.rules.push(i + 1);
      j.packets += r.counters.packets;
    });
  }
  const title = `iptables ${table} table in ${place}`;
  const description =
    `${plural(chains.length, 'chain')} (${plural(chains.length - userChains.size, 'built-in chain')}, ` +
    `${plural(userChains.size, 'user chain')}) holding ${plural(rules, 'rule')}, ` +
    `with ${plural(jumps.size, 'jump')} between chains.`;
  out.push(...accessibilityLines(title, description));
  for (const c of drawn) out.push(`  ${nodeOf.get(c.name)}[${quoteLabel(chainLines(state, c, isChain))}]`);
  if (hidden > 0) out.push(`  more_chains[${quoteLabel(`… and ${hidden} more chains`)}]`);
  for (const j of jumps.values())
    out.push(`  ${j.from} ${j.goto ? '-.->' : '-->'}|${jumpLabel(j, maxNumbers)}| ${j.to}`);
  return `${out.join('\n')}\n`;
}
