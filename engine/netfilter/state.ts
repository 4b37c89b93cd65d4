// The netfilter state of one network namespace as plain data: the iptables tables that exist
// (created on first change, as iptables-nft does), their built-in chains with policies and
// counters, user chains, rules (the ipt_entry fields plus match and target data) and the
// connection tracking table. Netns.netfilter holds it, created lazily by netfilterOf().
import type { HookPoint } from '../net/packet/hooks.ts';
import type { Netns } from '../net/state.ts';
import type { ConnTable } from './conntrack/table.ts';
import type { RecentTables } from './matches/recent.ts';

export type TableName = 'filter' | 'nat' | 'mangle' | 'raw' | 'security';

/** Packet and byte counters (64-bit, like the kernel's). */
export interface Counters {
  packets: bigint;
  bytes: bigint;
}

/** struct ipt_ip: what every rule can match without an extension. */
export interface IpSpec {
  src: number;
  smsk: number;
  dst: number;
  dmsk: number;
  /** Interface names as typed ('' for any); a trailing '+' is a wildcard. */
  iniface: string;
  outiface: string;
  proto: number;
  frag: boolean;
  invSrc: boolean;
  invDst: boolean;
  invIn: boolean;
  invOut: boolean;
  invProto: boolean;
  invFrag: boolean;
}

/** A match or target extension's instance: its name and its parsed data (plain data). */
export interface ExtEntry {
  name: string;
  data: unknown;
}

export interface Rule {
  ip: IpSpec;
  matches: ExtEntry[];
  /** The -j/-g name: '' (no target), ACCEPT, DROP, RETURN, a chain, or an extension target. */
  jump: string;
  goto: boolean;
  /** The extension target's data (REJECT, DNAT, ...); null for verdicts and chains. */
  target: ExtEntry | null;
  counters: Counters;
}

export type Policy = 'ACCEPT' | 'DROP';

export interface Chain {
  name: string;
  /** The hook of a base chain; null for a user chain. */
  hook: HookPoint | null;
  policy: Policy;
  counters: Counters;
  /**
   * Whether the base chain counts packets that reach its policy: nf_tables keeps chain stats
   * only once a policy or counters were set (-P, -Z, a restore's ":CHAIN" line).
   */
  stats: boolean;
  rules: Rule[];
}

export interface Table {
  name: TableName;
  /** Base chains in hook order, then user chains in creation order. */
  chains: Chain[];
}

export interface NfState {
  tables: Partial<Record<TableName, Table>>;
  conntrack: ConnTable;
  /** Set once a rule needed connection tracking (nf_ct_netns_get); it stays on. */
  tracking: boolean;
  /** Seed of the namespace's random source (statistic), drawn from the world's generator. */
  seed?: number;
  /** The recent match's named address lists (xt_recent's per-net tables), kept in step at commit. */
  recent?: RecentTables;
}

/** Built-in chains per table in listing order (iptables/nft.c builtin_table). */
export const BUILTIN_CHAINS: Record<TableName, HookPoint[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order iptables-save prints tables in (the order of nft's table list). */
export const SAVE_ORDER: TableName[] = ['mangle', 'security', 'raw', 'filter', 'nat'];

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(BUILTIN_CHAINS, name);
}

export const zeroCounters = (): Counters => ({ packets: 0n, bytes: 0n });

export function newChain(name: string, hook: HookPoint | null): Chain {
  return { name, hook, policy: 'ACCEPT', counters: zeroCounters(), stats: false, rules: [] };
}

/** A table with just its built-in chains, policies ACCEPT, as nft creates it. */
export function newTable(name: TableName): Table {
  return { name, chains: BUILTIN_CHAINS[name].map((hook) => newChain(hook, hook)) };
}

export function emptyConnTable(): ConnTable {
  return { entries: [], nextId: 1 };
}

/** The namespace's netfilter state, created empty (no tables) on first use. */
export function netfilterOf(ns: Netns): NfState {
  ns.netfilter ??= { tables: {}, conntrack: emptyConnTable(), tracking: false };
  return ns.netfilter;
}

export function findChain(table: Table, name: string): Chain | null {
  return table.chains.find((c) => c.name === name) ?? null;
}

/** True for a base chain whose name is the standard one for its hook (nft_chain_builtin). */
export function isBuiltin(chain: Chain): boolean {
  return chain.hook !== null;
}

/** strcmp order of user chain names (nft_cache_sort_chains). */
export function byName(a: Chain, b: Chain): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Base chains in hook order, then user chains sorted by name: the listing order. */
export function listingOrder(table: Table): Chain[] {
  const base = BUILTIN_CHAINS[table.name]
    .map((hook) => table.chains.find((c) => c.hook === hook) ?? null)
    .filter((c): c is Chain => c !== null);
  const user = table.chains.filter((c) => c.hook === null).sort(byName);
  return [...base, ...user];
}

/** How many rules jump or go to `name` (the "(N references)" of a user chain). */
export function references(table: Table, name: string): number {
  let n = 0;
  for (const c of table.chains) for (const r of c.rules) if (r.target === null && r.jump === name) n++;
  return n;
}

/**
 * A deep copy of plain data (objects, arrays, primitives including bigint): what the ruleset
 * holds. Much faster than structuredClone for the many small objects of a large ruleset.
 */
export function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clonePlain) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clonePlain(v);
  return out as T;
}

export function cloneRule(rule: Rule): Rule {
  return clonePlain(rule);
}

export function cloneTable(table: Table): Table {
  return clonePlain(table);
}
