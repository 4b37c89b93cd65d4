// NAT on top of connection tracking (net/netfilter/nf_nat_core.c, nf_nat_proto.c): a NEW
// connection's first packet is bound by the nat table (or gets a null binding), which rewrites
// its reply tuple; every later packet of either direction is rewritten from the tuples, and
// ICMP errors about it have their quoted packet and outer addresses translated too.
import { loopbackOf, selectAddress } from '../../net/packet/route.ts';
import type { Ipv4Packet } from '../../net/packet/types.ts';
import { isIcmpError } from '../../net/packet/types.ts';
import { SCOPE } from '../../net/state.ts';
import { IPPROTO_ICMP, invertTuple, sameTuple, type Tuple } from '../conntrack/table.ts';
import type { NatRange } from '../targets/nat.ts';
import type { PacketContext } from './context.ts';

export type Manip = 'SRC' | 'DST';

/** HOOK2MANIP(): source NAT after routing (POSTROUTING, INPUT), destination NAT before. */
export function manipOf(hook: string): Manip {
  return hook === 'POSTROUTING' || hook === 'INPUT' ? 'SRC' : 'DST';
}

function hash(t: Tuple): number {
  let h = 0x811c9dc5;
  for (const v of [t.src, t.dst, t.proto, t.sport, t.dport]) h = Math.imul(h ^ v, 0x01000193) >>> 0;
  return h;
}

/** Rewrites one side of a packet (and its ports) to a tuple (nf_nat_ipv4_manip_pkt). */
function manipPkt(pkt: Ipv4Packet, target: Tuple, manip: Manip): void {
  if (manip === 'SRC') {
    pkt.src = target.src;
    if (pkt.tcp) pkt.tcp.srcPort = target.sport;
    if (pkt.udp) pkt.udp.srcPort = target.sport;
  } else {
    pkt.dst = target.dst;
    if (pkt.tcp) pkt.tcp.dstPort = target.dport;
    if (pkt.udp) pkt.udp.dstPort = target.dport;
  }
}

/** nf_nat_setup_info(): binds the connection so its original tuple's `manip` side becomes `to`. */
export function bindNat(pc: PacketContext, manip: Manip, to: { addr: number; port: number | null }): void {
  const ct = pc.ct;
  if (!ct || (manip === 'SRC' ? ct.srcNatDone : ct.dstNatDone)) return;
  const curr = invertTuple(ct.reply);
  const next = { ...curr };
  if (manip === 'SRC') {
    next.src = to.addr;
    if (to.port !== null && curr.proto !== IPPROTO_ICMP) next.sport = to.port;
  } else {
    next.dst = to.addr;
    if (to.port !== null && curr.proto !== IPPROTO_ICMP) next.dport = to.port;
  }
  if (!sameTuple(next, curr)) {
    ct.reply = invertTuple(next);
    if (manip === 'SRC') ct.srcNat = true;
    else ct.dstNat = true;
  }
  if (manip === 'SRC') ct.srcNatDone = true;
  else ct.dstNatDone = true;
}

/** The address and port a DNAT/SNAT range maps the connection to (find_best_ips_proto). */
export function pickFromRange(
  pc: PacketContext,
  r: NatRange,
  manip: Manip,
): { addr: number; port: number | null } {
  const ct = pc.ct;
  const curr = ct ? invertTuple(ct.reply) : null;
  const h = curr ? hash(curr) : 0;
  const span = (r.maxIp - r.minIp) >>> 0;
  const addr = r.mapIps
    ? (r.minIp + (span ? h % (span + 1) : 0)) >>> 0
    : manip === 'SRC'
      ? pc.pkt.src
      : pc.pkt.dst;
  let port: number | null = null;
  if (r.protoSpecified && curr) {
    const now = manip === 'SRC' ? curr.sport : curr.dport;
    const size = r.maxPort - r.minPort + 1;
    port = now >= r.minPort && now <= r.maxPort ? now : r.minPort + (h % size);
  }
  return { addr, port };
}

/** MASQUERADE: the outgoing device's address toward the packet's destination. */
export function masqueradeAddress(pc: PacketContext): number {
  return pc.outDev ? selectAddress(pc.ns, pc.outDev, pc.pkt.dst, SCOPE.global) : 0;
}

/** REDIRECT: the incoming device's first address in PREROUTING, 127.0.0.1 for local packets. */
export function redirectAddress(pc: PacketContext): number {
  if (pc.hook !== 'PREROUTING') return 0x7f000001;
  const dev = pc.inDev ?? loopbackOf(pc.ns);
  const a = dev.addrs.find((x) => x.family === 4);
  return a && a.family === 4 ? a.local : 0;
}

/** nf_nat_packet() for a packet of the connection in direction `reply`. */
export function natPacket(pc: PacketContext, manip: Manip): void {
  const ct = pc.ct;
  if (!ct) return;
  const reply = pc.ctinfo === 'established-reply' || pc.ctinfo === 'related-reply';
  if (pc.pkt.icmp && isIcmpError(pc.pkt.icmp.type) && pc.ctinfo?.startsWith('related')) {
    icmpReplyTranslation(pc, manip, reply);
    return;
  }
  // The other direction needs the other kind of NAT undone.
  const bound = reply ? (manip === 'SRC' ? ct.dstNat : ct.srcNat) : manip === 'SRC' ? ct.srcNat : ct.dstNat;
  if (!bound) return;
  const other = reply ? ct.orig : ct.reply;
  manipPkt(pc.pkt, invertTuple(other), manip);
}

/** nf_nat_icmp_reply_translation(): the quoted packet and the error's outer header. */
function icmpReplyTranslation(pc: PacketContext, manip: Manip, reply: boolean): void {
  const ct = pc.ct!;
  const bound = reply ? (manip === 'SRC' ? ct.dstNat : ct.srcNat) : manip === 'SRC' ? ct.srcNat : ct.dstNat;
  if (!bound) return;
  const other = reply ? ct.orig : ct.reply;
  const quoted = pc.pkt.icmp!.quoted;
  if (quoted) manipPkt(quoted, other, manip === 'SRC' ? 'DST' : 'SRC');
  manipPkt(pc.pkt, invertTuple(other), manip);
}
