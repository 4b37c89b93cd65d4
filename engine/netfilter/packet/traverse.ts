// One table's chains for one hook (ipt_do_table in net/ipv4/netfilter/ip_tables.c): the base
// chain's rules in order, the ipt_ip match (addresses, interfaces with '+' wildcards, protocol,
// fragments), extension matches, counters, jumps and gotos to user chains with a return stack,
// RETURN, and the base chain's policy when the end is reached.
import type { HookPoint } from '../../net/packet/hooks.ts';
import { ipLength } from '../../net/packet/types.ts';
import { isVerdict } from '../cli/parse.ts';
import { findMatch, findTarget } from '../registry.ts';
import type { Chain, IpSpec, Rule, Table } from '../state.ts';
import type { PacketContext, TargetResult } from './context.ts';
import { trace } from './trace.ts';

/** The chain stack never grows past this (the kernel refuses loops when rules are added). */
const MAX_DEPTH = 64;

/** ifname_compare(): exact, or a prefix when the rule's name ends in '+'. */
function ifaceMatches(rule: string, dev: string | undefined, invert: boolean): boolean {
  if (rule === '') return true;
  const name = dev ?? '';
  const hit = rule.endsWith('+') ? name.startsWith(rule.slice(0, -1)) : name === rule;
  return hit !== invert;
}

/** ip_packet_match(). */
export function ipMatches(ip: IpSpec, pc: PacketContext): boolean {
  const p = pc.pkt;
  if (((p.src & ip.smsk) >>> 0 === ip.src) === ip.invSrc) return false;
  if (((p.dst & ip.dmsk) >>> 0 === ip.dst) === ip.invDst) return false;
  if (!ifaceMatches(ip.iniface, pc.inDev?.name, ip.invIn)) return false;
  if (!ifaceMatches(ip.outiface, pc.outDev?.name, ip.invOut)) return false;
  if (ip.proto && (p.protocol === ip.proto) === ip.invProto) return false;
  // The simulated IP layer never fragments: -f matches nothing, ! -f everything.
  if (ip.frag && !ip.invFrag) return false;
  return true;
}

function ruleMatches(rule: Rule, pc: PacketContext): boolean {
  if (!ipMatches(rule.ip, pc)) return false;
  for (const m of rule.matches) {
    const ext = findMatch(m.name);
    if (ext && !ext.match(m.data, pc)) return false;
  }
  return true;
}

function count(c: { packets: bigint; bytes: bigint }, pc: PacketContext): void {
  c.packets++;
  c.bytes += BigInt(ipLength(pc.pkt));
}

/** The verdict of a rule whose matches all hold. */
function ruleVerdict(rule: Rule, pc: PacketContext): TargetResult {
  if (rule.target) return findTarget(rule.target.name)?.run(rule.target.data, pc) ?? { kind: 'continue' };
  if (!rule.jump) return { kind: 'continue' };
  if (rule.jump === 'ACCEPT') return { kind: 'accept' };
  if (rule.jump === 'DROP' || rule.jump === 'QUEUE') return { kind: 'drop' };
  if (rule.jump === 'RETURN') return { kind: 'return' };
  if (isVerdict(rule.jump)) return { kind: 'continue' };
  return { kind: 'jump', chain: rule.jump, goto: rule.goto };
}

export type ChainVerdict = Exclude<TargetResult, { kind: 'continue' | 'return' | 'jump' }>;

/** Runs `base` (a base chain of `table`) for the packet; NAT targets answer ACCEPT. */
export function runChain(table: Table, base: Chain, hook: HookPoint, pc: PacketContext): ChainVerdict {
  const stack: Array<{ chain: Chain; next: number }> = [];
  let chain = base;
  let i = 0;
  const ns = pc.ns;
  trace({ kind: 'chain', ns, hook, table: table.name, chain: chain.name });
  for (;;) {
    if (i >= chain.rules.length) {
      const back = stack.pop();
      if (!back) break;
      chain = back.chain;
      i = back.next;
      continue;
    }
    const rule = chain.rules[i];
    const matched = ruleMatches(rule, pc);
    trace({ kind: 'rule', ns, hook, table: table.name, chain: chain.name, index: i + 1, matched });
    i++;
    if (!matched) continue;
    count(rule.counters, pc);
    const v = ruleVerdict(rule, pc);
    if (v.kind === 'continue') continue;
    if (v.kind === 'return') {
      const back = stack.pop();
      if (!back) break;
      chain = back.chain;
      i = back.next;
      continue;
    }
    if (v.kind === 'jump') {
      const callee = table.chains.find((c) => c.name === v.chain && c.hook === null);
      if (!callee || stack.length >= MAX_DEPTH) continue;
      if (!v.goto) stack.push({ chain, next: i });
      chain = callee;
      i = 0;
      trace({ kind: 'chain', ns, hook, table: table.name, chain: chain.name });
      continue;
    }
    return v;
  }
  if (base.stats) count(base.counters, pc);
  trace({ kind: 'policy', ns, hook, table: table.name, chain: base.name, policy: base.policy });
  return base.policy === 'DROP' ? { kind: 'drop' } : { kind: 'accept' };
}
