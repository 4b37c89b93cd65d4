// -L and -S of a table (nft_rule_list / nft_rule_list_save in iptables/nft.c): chain headers
// with policy and counters or reference counts, rows, the "(N references)" of user chains,
// -L CHAIN N and -S CHAIN N for one rule, and missing base chains shown as empty ACCEPT ones.
import { NO_RESOLVER, type Resolver } from '../addr.ts';
import { OTHER_PROBLEM, XtablesError } from '../errors.ts';
import { BUILTIN_CHAINS, type Chain, newChain, references, type Table, type TableName } from '../state.ts';
import { printNumBare } from '../xtables.ts';
import { type ListFormat, listRow, saveRuleBody } from './rule.ts';

/** The chains a listing shows: base chains (faked when missing) then user chains by name. */
export function listedChains(table: Table | undefined, name: TableName): Chain[] {
  const chains = table?.chains ?? [];
  const base = BUILTIN_CHAINS[name].map(
    (hook) => chains.find((c) => c.hook === hook && c.name === hook) ?? newChain(hook, hook),
  );
  const user = chains
    .filter((c) => c.hook === null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...base, ...user];
}

/** Base chains renamed away from their hook's name: nft lists them, iptables cannot. */
export function isTainted(table: Table | undefined): boolean {
  return !!table?.chains.some((c) => c.hook !== null && c.hook !== c.name);
}

function findListed(table: Table | undefined, name: TableName, chain: string): Chain {
  const c = listedChains(table, name).find((x) => x.name === chain);
  if (!c)
    throw new XtablesError(
      OTHER_PROBLEM,
      `chain \`${chain}' in table \`${name}' is incompatible, use 'nft' tool.`,
    );
  return c;
}

function header(table: Table | undefined, c: Chain, f: ListFormat): string {
  let s = `Chain ${c.name}`;
  if (c.hook !== null) {
    s += ` (policy ${c.policy}`;
    if (f.verbose)
      s += ` ${printNumBare(c.counters.packets, f.exact)}packets, ${printNumBare(c.counters.bytes, f.exact).trim()} bytes`;
    s += ')\n';
  } else s += ` (${table ? references(table, c.name) : 0} references)\n`;
  if (f.lineNumbers) s += 'num  ';
  if (f.verbose) s += f.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ';
  s += 'target    ';
  s += ' prot opt';
  if (f.verbose) s += ' in     out    ';
  s += ' source              ';
  s += ' destination        ';
  return `${s} \n`;
}

/** iptables -L [chain [rulenum]]. */
export function listTable(
  table: Table | undefined,
  name: TableName,
  chain: string | null,
  rulenum: number,
  f: ListFormat,
  resolver: Resolver = NO_RESOLVER,
): string {
  const tainted = isTainted(table)
    ? `# Table \`${name}' contains incompatible base-chains, use 'nft' tool to list them.\n`
    : '';
  if (chain !== null) {
    const c = findListed(table, name, chain);
    if (rulenum) {
      const r = c.rules[rulenum - 1];
      return tainted + (r ? listRow(r, rulenum, f, resolver) : '');
    }
    return tainted + header(table, c, f) + c.rules.map((r, i) => listRow(r, i + 1, f, resolver)).join('');
  }
  const parts = listedChains(table, name).map(
    (c) => header(table, c, f) + c.rules.map((r, i) => listRow(r, i + 1, f, resolver)).join(''),
  );
  return tainted + parts.join('\n');
}

/** iptables -S [chain [rulenum]] (with -v: counters). */
export function listRules(
  table: Table | undefined,
  name: TableName,
  chain: string | null,
  rulenum: number,
  counters: boolean,
): string {
  const tainted = isTainted(table)
    ? `# Table \`${name}' contains incompatible base-chains, use 'nft' tool to list them.\n`
    : '';
  const policyLine = (c: Chain) =>
    c.hook === null
      ? `-N ${c.name}\n`
      : `-P ${c.name} ${c.policy}${counters ? ` -c ${c.counters.packets} ${c.counters.bytes}` : ''}\n`;
  const ruleLines = (c: Chain) => c.rules.map((r) => `-A ${c.name}${saveRuleBody(r, counters)}\n`).join('');
  if (chain !== null) {
    const c = findListed(table, name, chain);
    if (rulenum) {
      const r = c.rules[rulenum - 1];
      return tainted + (r ? `-A ${c.name}${saveRuleBody(r, counters)}\n` : '');
    }
    return tainted + policyLine(c) + ruleLines(c);
  }
  const chains = listedChains(table, name);
  return tainted + chains.map(policyLine).join('') + chains.map(ruleLines).join('');
}
