// Connection tracking on the packet path (nf_conntrack_in and nf_conntrack_confirm): finds or
// creates the connection of each packet, gives it a state (NEW, ESTABLISHED, RELATED, reply
// direction, INVALID or UNTRACKED), updates TCP state and timeouts, and inserts new connections
// into the table when their first packet leaves the hooks. ICMP errors belong to the connection
// of the packet they quote.
import type { Ipv4Packet } from '../../net/packet/types.ts';
import { isIcmpError } from '../../net/packet/types.ts';
import type { Netns } from '../../net/state.ts';
import type { CtInfo } from '../packet/context.ts';
import type { NfState } from '../state.ts';
import {
  type ConnEntry,
  expire,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  invertTuple,
  isIcmpQuery,
  lookup,
  newEntry,
  type TcpState,
  tupleOf,
} from './table.ts';

/** What the skb carries after conntrack: its entry and state, or that it is untracked. */
export interface CtAssignment {
  ct: ConnEntry | null;
  ctinfo: CtInfo | null;
  untracked: boolean;
}

const INVALID: CtAssignment = { ct: null, ctinfo: null, untracked: false };

const skbs = new WeakMap<Ipv4Packet, CtAssignment>();
/** Packets looped back through lo keep their conntrack (the skb is the same in the kernel). */
const looped = new WeakMap<Netns, Map<string, CtAssignment>>();

export function ctOf(pkt: Ipv4Packet): CtAssignment | null {
  return skbs.get(pkt) ?? null;
}

export function setCt(pkt: Ipv4Packet, a: CtAssignment): void {
  skbs.set(pkt, a);
}

const S = 1000;
/** nf_conntrack_*_timeout defaults, in ms. */
const TCP_TIMEOUTS: Record<TcpState, number> = {
  SYN_SENT: 120 * S,
  SYN_RECV: 60 * S,
  ESTABLISHED: 432000 * S,
  FIN_WAIT: 120 * S,
  CLOSE_WAIT: 60 * S,
  LAST_ACK: 30 * S,
  TIME_WAIT: 120 * S,
  CLOSE: 10 * S,
};

function timeoutFor(ct: ConnEntry): number {
  if (ct.orig.proto === IPPROTO_ICMP) return 30 * S;
  if (ct.orig.proto === IPPROTO_UDP) return ct.seenReply ? 120 * S : 30 * S;
  if (ct.orig.proto === IPPROTO_TCP) return TCP_TIMEOUTS[ct.tcpState ?? 'SYN_SENT'];
  return 600 * S;
}

/** A much simplified tcp_packet(): the states a handshake, a close or a reset lead to. */
function tcpUpdate(ct: ConnEntry, flags: string, reply: boolean): void {
  const has = (c: string) => flags.includes(c);
  if (has('R')) ct.tcpState = 'CLOSE';
  else if (has('S') && !has('A') && !reply) ct.tcpState ??= 'SYN_SENT';
  else if (has('S') && has('A') && reply) ct.tcpState = 'SYN_RECV';
  else if (has('F'))
    ct.tcpState = ct.tcpState === 'ESTABLISHED' ? (reply ? 'CLOSE_WAIT' : 'FIN_WAIT') : 'TIME_WAIT';
  else if (has('A') && (ct.tcpState === 'SYN_RECV' || ct.tcpState === null)) {
    ct.tcpState = 'ESTABLISHED';
    ct.assured = true;
  }
}

const tupleKey = (pkt: Ipv4Packet): string => JSON.stringify(tupleOf(pkt));

/** nf_conntrack_in() at PREROUTING or OUTPUT. */
export function conntrackIn(
  state: NfState,
  ns: Netns,
  pkt: Ipv4Packet,
  now: number,
  fromLo: boolean,
): CtAssignment {
  const existing = skbs.get(pkt);
  if (existing?.untracked) return existing;
  if (fromLo) {
    const kept = looped.get(ns)?.get(tupleKey(pkt));
    if (kept) {
      looped.get(ns)!.delete(tupleKey(pkt));
      skbs.set(pkt, kept);
      return kept;
    }
  }
  expire(state.conntrack, now);
  const a = classify(state, pkt, now);
  skbs.set(pkt, a);
  return a;
}

function classify(state: NfState, pkt: Ipv4Packet, now: number): CtAssignment {
  const table = state.conntrack;
  if (pkt.icmp && isIcmpError(pkt.icmp.type)) {
    const quoted = pkt.icmp.quoted ? tupleOf(pkt.icmp.quoted) : null;
    const found = quoted ? lookup(table, invertTuple(quoted), now) : null;
    if (!found) return INVALID;
    return { ct: found.entry, ctinfo: found.reply ? 'related-reply' : 'related', untracked: false };
  }
  const t = tupleOf(pkt);
  if (!t) return INVALID;
  const found = lookup(table, t, now);
  if (found) {
    const ct = found.entry;
    if (found.reply) ct.seenReply = true;
    if (pkt.tcp) tcpUpdate(ct, pkt.tcp.flags, found.reply);
    ct.expiresAt = now + timeoutFor(ct);
    const ctinfo: CtInfo = found.reply ? 'established-reply' : ct.seenReply ? 'established' : 'new';
    // nf_conntrack_tcp_packet(): a reset before the connection was assured kills it at once.
    if (pkt.tcp?.flags.includes('R') && !ct.assured) ct.expiresAt = now;
    return { ct, ctinfo, untracked: false };
  }
  // Only queries start ICMP connections; a reset starts no TCP one.
  if (pkt.icmp && !isIcmpQuery(pkt.icmp.type)) return INVALID;
  if (pkt.tcp?.flags.includes('R')) return INVALID;
  const ct = newEntry(table, t, now);
  if (pkt.tcp) tcpUpdate(ct, pkt.tcp.flags, false);
  ct.expiresAt = now + timeoutFor(ct);
  return { ct, ctinfo: 'new', untracked: false };
}

/** nf_conntrack_confirm() at the end of INPUT and POSTROUTING. */
export function conntrackConfirm(state: NfState, ns: Netns, pkt: Ipv4Packet, toLo: boolean): void {
  const a = skbs.get(pkt);
  if (!a) return;
  const ct = a.ct;
  if (ct && !ct.confirmed) {
    ct.confirmed = true;
    state.conntrack.entries.push(ct);
  }
  if (toLo && (ct || a.untracked)) {
    let kept = looped.get(ns);
    if (!kept) looped.set(ns, (kept = new Map()));
    kept.set(tupleKey(pkt), a);
  }
}
