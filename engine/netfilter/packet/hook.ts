// netfilter plugged into the packet pipeline's hooks: at each hook point the tables run in the
// kernel's priority order (raw -300, conntrack -200, mangle -150, nat DNAT -100, filter 0,
// security 50, nat SNAT 100, conntrack confirm last), each through its base chain for that
// hook, and the first DROP or REJECT ends the packet.
import { createRandom, type Random } from '../../core/random.ts';
import {
  ACCEPT,
  type HookPoint,
  type HookState,
  registerNetfilter,
  type Verdict,
} from '../../net/packet/hooks.ts';
import type { Ipv4Packet } from '../../net/packet/types.ts';
import { conntrackConfirm, conntrackIn, ctOf, setCt } from '../conntrack/track.ts';
import type { NfState, TableName } from '../state.ts';
import type { PacketContext } from './context.ts';
import { bindNat, manipOf, natPacket } from './nat.ts';
import { trace } from './trace.ts';
import { type ChainVerdict, runChain } from './traverse.ts';

type Stage = TableName | 'conntrack' | 'confirm';

/** The hook functions of each hook point in priority order. */
const STAGES: Record<HookPoint, Stage[]> = {
  PREROUTING: ['raw', 'conntrack', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'security', 'nat', 'confirm'],
  FORWARD: ['mangle', 'filter', 'security'],
  OUTPUT: ['raw', 'conntrack', 'mangle', 'nat', 'filter', 'security'],
  POSTROUTING: ['mangle', 'nat', 'confirm'],
};

const randoms = new WeakMap<NfState, Random>();

/** The statistic match's random source: the world's seeded generator, forked per namespace. */
function randomOf(state: NfState): Random {
  let r = randoms.get(state);
  if (!r) randoms.set(state, (r = createRandom(state.seed ?? 0)));
  return r;
}

function context(state: NfState, pkt: Ipv4Packet, st: HookState, table: TableName): PacketContext {
  const a = ctOf(pkt);
  return {
    pkt,
    hook: st.hook,
    table,
    ns: st.ns,
    state,
    inDev: st.inDev,
    outDev: st.outDev,
    ct: a?.ct ?? null,
    ctinfo: a?.ctinfo ?? null,
    untracked: a?.untracked ?? false,
    random: randomOf(state),
    now: st.now,
  };
}

/** Runs one table's base chains registered at this hook; null when it has none. */
function runTable(state: NfState, pc: PacketContext): ChainVerdict | null {
  const table = state.tables[pc.table];
  if (!table) return null;
  let verdict: ChainVerdict | null = null;
  for (const chain of table.chains) {
    if (chain.hook !== pc.hook) continue;
    verdict = runChain(table, chain, pc.hook, pc);
    if (verdict.kind !== 'accept') return verdict;
  }
  return verdict;
}

/** nf_nat_inet_fn(): binds a new connection through the nat chain, then rewrites the packet. */
function natStage(state: NfState, pc: PacketContext): ChainVerdict | null {
  const nat = state.tables.nat;
  if (!nat || nat.chains.every((c) => c.hook === null)) return null;
  const ct = pc.ct;
  if (!ct || pc.untracked) return null;
  const manip = manipOf(pc.hook);
  if (pc.ctinfo === 'new' && !(manip === 'SRC' ? ct.srcNatDone : ct.dstNatDone)) {
    const v = runTable(state, pc);
    if (v && v.kind !== 'accept') return v;
    bindNat(pc, manip, { addr: manip === 'SRC' ? pc.pkt.src : pc.pkt.dst, port: null });
  }
  const before = manip === 'SRC' ? pc.pkt.src : pc.pkt.dst;
  natPacket(pc, manip);
  const after = manip === 'SRC' ? pc.pkt.src : pc.pkt.dst;
  if (before !== after) trace({ kind: 'nat', ns: pc.ns, hook: pc.hook, manip, from: before, to: after });
  return null;
}

function toVerdict(v: ChainVerdict): Verdict {
  if (v.kind === 'reject') return { kind: 'reject', with: v.with };
  return v.kind === 'drop' ? { kind: 'drop' } : ACCEPT;
}

export function netfilterHook(pkt: Ipv4Packet, st: HookState): Verdict {
  const state = st.ns.netfilter;
  if (!state) return ACCEPT;
  const tracking = state.tracking || !!state.tables.nat;
  if (!tracking && Object.keys(state.tables).length === 0) return ACCEPT;
  trace({ kind: 'hook', ns: st.ns, hook: st.hook, packet: pkt });
  for (const stage of STAGES[st.hook]) {
    if (stage === 'conntrack') {
      if (!tracking) continue;
      const a = conntrackIn(state, st.ns, pkt, st.now, st.inDev?.kind === 'loopback');
      const what = a.untracked ? 'UNTRACKED' : (a.ctinfo?.toUpperCase() ?? 'INVALID');
      trace({ kind: 'conntrack', ns: st.ns, hook: st.hook, state: what, id: a.ct?.id ?? null });
      continue;
    }
    if (stage === 'confirm') {
      if (tracking) conntrackConfirm(state, st.ns, pkt, st.outDev?.kind === 'loopback');
      continue;
    }
    const pc = context(state, pkt, st, stage);
    const v = stage === 'nat' ? natStage(state, pc) : runTable(state, pc);
    if (stage === 'raw' && pc.untracked) setCt(pkt, { ct: null, ctinfo: null, untracked: true });
    if (v && v.kind !== 'accept') {
      trace({ kind: 'verdict', ns: st.ns, hook: st.hook, verdict: v.kind });
      return toVerdict(v);
    }
  }
  trace({ kind: 'verdict', ns: st.ns, hook: st.hook, verdict: 'accept' });
  return ACCEPT;
}

let installed = false;

/** Plugs netfilter into every packet pipeline (once). */
export function installNetfilter(): void {
  if (installed) return;
  installed = true;
  registerNetfilter(netfilterHook);
}
