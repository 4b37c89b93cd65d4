// The connection tracking table of a namespace as plain data (net/netfilter/nf_conntrack_core.c):
// tuples in the original and reply direction, status bits, the TCP state, the connection mark
// and the expiry time; lookups of a packet's tuple in either direction, and what an ICMP error
// quotes. NAT rewrites the reply tuple when a connection is first bound (nf_nat_setup_info).
import type { Ipv4Packet } from '../../net/packet/types.ts';

export interface Tuple {
  src: number;
  dst: number;
  proto: number;
  /** Ports for TCP/UDP; for ICMP the echo id is both (nf_conntrack_proto_icmp.c). */
  sport: number;
  dport: number;
  /** ICMP type and code of this direction's packets. */
  type: number;
  code: number;
}

export type TcpState =
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'ESTABLISHED'
  | 'FIN_WAIT'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSE';

export interface ConnEntry {
  id: number;
  orig: Tuple;
  reply: Tuple;
  seenReply: boolean;
  assured: boolean;
  /** Inserted in the table (nf_conntrack_confirm ran). */
  confirmed: boolean;
  /** NAT bindings set up (IPS_SRC_NAT_DONE / IPS_DST_NAT_DONE) and whether they change anything. */
  srcNatDone: boolean;
  dstNatDone: boolean;
  srcNat: boolean;
  dstNat: boolean;
  tcpState: TcpState | null;
  mark: number;
  /** Simulated time (ms) the entry expires at. */
  expiresAt: number;
}

export interface ConnTable {
  entries: ConnEntry[];
  nextId: number;
}

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

/** Echo, timestamp, info and address-mask requests and their replies (invmap of proto_icmp.c). */
const ICMP_INVERSE: Record<number, number> = { 8: 0, 0: 8, 13: 14, 14: 13, 15: 16, 16: 15, 17: 18, 18: 17 };

export function isIcmpQuery(type: number): boolean {
  return type === 8 || type === 13 || type === 15 || type === 17;
}

/** nf_ct_get_tuple(): the tuple of a packet, or null when conntrack cannot describe it. */
export function tupleOf(pkt: Ipv4Packet): Tuple | null {
  const base = { src: pkt.src, dst: pkt.dst, proto: pkt.protocol, sport: 0, dport: 0, type: 0, code: 0 };
  if (pkt.tcp) return { ...base, sport: pkt.tcp.srcPort, dport: pkt.tcp.dstPort };
  if (pkt.udp) return { ...base, sport: pkt.udp.srcPort, dport: pkt.udp.dstPort };
  if (pkt.icmp) {
    if (!(pkt.icmp.type in ICMP_INVERSE)) return null;
    return { ...base, sport: pkt.icmp.id, dport: pkt.icmp.id, type: pkt.icmp.type, code: pkt.icmp.code };
  }
  return base;
}

/** nf_ct_invert_tuple(). */
export function invertTuple(t: Tuple): Tuple {
  const type = t.proto === IPPROTO_ICMP ? (ICMP_INVERSE[t.type] ?? t.type) : t.type;
  return { src: t.dst, dst: t.src, proto: t.proto, sport: t.dport, dport: t.sport, type, code: t.code };
}

/** Tuples are equal for lookup: addresses, protocol, ports (ICMP: id and type). */
export function sameTuple(a: Tuple, b: Tuple): boolean {
  return (
    a.src === b.src &&
    a.dst === b.dst &&
    a.proto === b.proto &&
    a.sport === b.sport &&
    a.dport === b.dport &&
    (a.proto !== IPPROTO_ICMP || a.type === b.type)
  );
}

/** Drops expired entries (the GC worker) as of `now`. */
export function expire(table: ConnTable, now: number): void {
  table.entries = table.entries.filter((e) => e.expiresAt > now);
}

/** Finds a confirmed connection the tuple belongs to, and in which direction. */
export function lookup(table: ConnTable, t: Tuple, now: number): { entry: ConnEntry; reply: boolean } | null {
  for (const entry of table.entries) {
    if (entry.expiresAt <= now) continue;
    if (sameTuple(entry.orig, t)) return { entry, reply: false };
    if (sameTuple(entry.reply, t)) return { entry, reply: true };
  }
  return null;
}

/** A new, unconfirmed connection for a packet's tuple; the reply is the inverse until NAT binds. */
export function newEntry(table: ConnTable, t: Tuple, now: number): ConnEntry {
  return {
    id: table.nextId++,
    orig: t,
    reply: invertTuple(t),
    seenReply: false,
    assured: false,
    confirmed: false,
    srcNatDone: false,
    dstNatDone: false,
    srcNat: false,
    dstNat: false,
    tcpState: null,
    mark: 0,
    expiresAt: now,
  };
}
