// ICMP (net/ipv4/icmp.c): echo replies, errors sent about other packets (with the per-destination
// rate limit of icmpv4_xrlim_allow), errors handed to the sockets that sent the offending packet
// (ip_icmp_error with IP_RECVERR), and REJECT's answers (net/ipv4/netfilter/nf_reject_ipv4.c).
import type { Link, Netns } from '../state.ts';
import type { RejectWith } from './hooks.ts';
import { ipLocalOut } from './ipv4.ts';
import { fibLookup, isLocalAddress, RouteError, routeOutput } from './route.ts';
import { type NetRuntime, type SockError, socketsIn } from './runtime.ts';
import {
  clonePacket,
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_HLEN,
  ICMP_PARAMETERPROB,
  ICMP_SOURCE_QUENCH,
  ICMP_TIME_EXCEEDED,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  IPV4_HLEN,
  type Ipv4Packet,
  ipLength,
  isIcmpError,
  type PacketType,
  UNREACH,
} from './types.ts';

/** sysctl_ip_default_ttl. */
export const DEFAULT_TTL = 64;
/** net.ipv4.icmp_ratelimit (ms) and the inet_peer burst (XRLIM_BURST_FACTOR). */
const RATELIMIT_MS = 1000;
const BURST_FACTOR = 6;
/** An error quotes as much of the offending packet as fits in 576 bytes. */
const MAX_QUOTE = 576 - IPV4_HLEN - ICMP_HLEN;

/** icmp_err_convert[]: the errno a socket sees for each destination-unreachable code. */
const UNREACH_ERRNO = [
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOPROTOOPT',
  'ECONNREFUSED',
  'EMSGSIZE',
  'EOPNOTSUPP',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENONET',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTUNREACH',
  'EHOSTUNREACH',
  'EHOSTUNREACH',
];

function errnoFor(type: number, code: number): string {
  if (type === ICMP_DEST_UNREACH) return UNREACH_ERRNO[code] ?? 'EHOSTUNREACH';
  if (type === ICMP_PARAMETERPROB) return 'EPROTO';
  return 'EHOSTUNREACH';
}

const isMulticast = (a: number) => a >>> 28 === 14;

function isBroadcastDst(ns: Netns, dst: number): boolean {
  return dst === 0xffffffff || fibLookup(ns, dst)?.type === 'broadcast';
}

/** inet_peer_xrlim_allow(): a token bucket per destination, starting full. */
function peerAllows(rt: NetRuntime, ns: Netns, dst: number): boolean {
  let peers = rt.icmpPeers.get(ns);
  if (!peers) rt.icmpPeers.set(ns, (peers = new Map()));
  let peer = peers.get(dst);
  if (!peer) peers.set(dst, (peer = { tokens: 0, last: rt.now - 60_000 }));
  let tokens = peer.tokens + (rt.now - peer.last);
  peer.last = rt.now;
  tokens = Math.min(tokens, BURST_FACTOR * RATELIMIT_MS);
  const allowed = tokens >= RATELIMIT_MS;
  if (allowed) tokens -= RATELIMIT_MS;
  peer.tokens = tokens;
  return allowed;
}

/** icmp_ratemask default 6168: dest-unreachable, source-quench, time-exceeded, parameter-problem. */
function rateLimited(type: number, code: number): boolean {
  if (type === ICMP_DEST_UNREACH && code === UNREACH.fragNeeded) return false;
  return (
    type === ICMP_DEST_UNREACH ||
    type === ICMP_SOURCE_QUENCH ||
    type === ICMP_TIME_EXCEEDED ||
    type === ICMP_PARAMETERPROB
  );
}

/** __icmp_send(): reports a problem with `orig` to its sender. */
export function icmpSend(
  rt: NetRuntime,
  ns: Netns,
  orig: Ipv4Packet,
  type: number,
  code: number,
  info: number,
  pktType: PacketType = 'host',
): void {
  if (pktType !== 'host') return;
  if (isBroadcastDst(ns, orig.dst) || isMulticast(orig.dst)) return;
  if (orig.src === 0 || isMulticast(orig.src) || orig.src === 0xffffffff) return;
  // Never an error about an error.
  if (orig.protocol === IPPROTO_ICMP && orig.icmp && isIcmpError(orig.icmp.type)) return;
  // The source is the offending packet's destination when that was us, otherwise chosen by route.
  const src = isLocalAddress(ns, orig.dst) ? orig.dst : null;
  const route = routeOutput(ns, orig.src, { src });
  if (route instanceof RouteError) return;
  if (rateLimited(type, code) && route.dev.kind !== 'loopback' && !peerAllows(rt, ns, orig.src)) return;
  const error: Ipv4Packet = {
    src: route.src,
    dst: orig.src,
    ttl: DEFAULT_TTL,
    protocol: IPPROTO_ICMP,
    tos: 0xc0,
    df: false,
    icmp: {
      type,
      code,
      id: 0,
      seq: 0,
      dataLen: Math.min(ipLength(orig), MAX_QUOTE),
      info,
      quoted: clonePacket(orig),
    },
    mark: 0,
    latencyUs: orig.latencyUs,
  };
  ipLocalOut(rt, ns, error, route);
}

/** What REJECT sends: an ICMP unreachable, or a TCP reset for a TCP segment. */
export function sendReject(rt: NetRuntime, ns: Netns, pkt: Ipv4Packet, how: RejectWith): void {
  if (how !== 'tcp-reset') {
    icmpSend(rt, ns, pkt, ICMP_DEST_UNREACH, how.icmpCode, 0);
    return;
  }
  if (!pkt.tcp || pkt.tcp.flags.includes('R')) return;
  const route = routeOutput(ns, pkt.src, { src: isLocalAddress(ns, pkt.dst) ? pkt.dst : null });
  if (route instanceof RouteError) return;
  const ack = pkt.tcp.flags.includes('A');
  const reset: Ipv4Packet = {
    src: route.src,
    dst: pkt.src,
    ttl: DEFAULT_TTL,
    protocol: IPPROTO_TCP,
    tos: 0,
    df: true,
    tcp: {
      srcPort: pkt.tcp.dstPort,
      dstPort: pkt.tcp.srcPort,
      flags: ack ? 'R' : 'RA',
      seq: ack ? pkt.tcp.ack : 0,
      ack: ack ? 0 : pkt.tcp.seq + pkt.tcp.dataLen + (pkt.tcp.flags.includes('S') ? 1 : 0),
      dataLen: 0,
    },
    mark: 0,
    latencyUs: pkt.latencyUs,
  };
  ipLocalOut(rt, ns, reset, route);
}

/** icmp_rcv(): a packet for this host. */
export function icmpRcv(rt: NetRuntime, dev: Link, pkt: Ipv4Packet, broadcast: boolean): void {
  const ns = dev.ns;
  const icmp = pkt.icmp;
  if (!icmp) return;
  if (icmp.type === ICMP_ECHOREPLY) {
    // raw_local_deliver(): the raw sockets of tools waiting for this identifier.
    for (const sock of socketsIn(rt, ns)) {
      if (sock.ns !== ns || sock.protocol !== IPPROTO_ICMP || sock.ident !== icmp.id) continue;
      if (sock.boundDev !== null && sock.boundDev !== dev.ifindex && dev.kind !== 'loopback') continue;
      sock.recv.push({ at: rt.now, packet: pkt, ttl: pkt.ttl, error: null });
    }
    return;
  }
  if (icmp.type === ICMP_ECHO) {
    // icmp_echo(): broadcasts ignored by default (icmp_echo_ignore_broadcasts=1).
    if (broadcast && ns.sysctl.get('net/ipv4/icmp_echo_ignore_broadcasts') !== '0') return;
    if (ns.sysctl.get('net/ipv4/icmp_echo_ignore_all') === '1') return;
    const route = routeOutput(ns, pkt.src, { src: broadcast ? null : pkt.dst });
    if (route instanceof RouteError) return;
    const reply: Ipv4Packet = {
      src: route.src,
      dst: pkt.src,
      ttl: DEFAULT_TTL,
      protocol: IPPROTO_ICMP,
      tos: pkt.tos,
      df: false,
      icmp: {
        type: ICMP_ECHOREPLY,
        code: 0,
        id: icmp.id,
        seq: icmp.seq,
        dataLen: icmp.dataLen,
        info: 0,
        quoted: null,
      },
      mark: 0,
      latencyUs: pkt.latencyUs,
    };
    ipLocalOut(rt, ns, reply, route);
    return;
  }
  if (isIcmpError(icmp.type) && icmp.quoted) deliverError(rt, ns, pkt);
}

/** icmp_unreach() → the protocol's err_handler → ip_icmp_error(): queue it on the sender's socket. */
function deliverError(rt: NetRuntime, ns: Netns, pkt: Ipv4Packet): void {
  const icmp = pkt.icmp!;
  const quoted = icmp.quoted!;
  const error: SockError = {
    origin: 'icmp',
    errno: errnoFor(icmp.type, icmp.code),
    type: icmp.type,
    code: icmp.code,
    info: icmp.info,
    offender: pkt.src,
    quoted,
  };
  for (const sock of socketsIn(rt, ns)) {
    if (sock.ns !== ns || sock.protocol !== quoted.protocol) continue;
    if (
      quoted.protocol === IPPROTO_ICMP &&
      (quoted.icmp?.type !== ICMP_ECHO || quoted.icmp.id !== sock.ident)
    )
      continue;
    if (quoted.protocol === IPPROTO_UDP && quoted.udp?.srcPort !== sock.localPort) continue;
    if (quoted.protocol === IPPROTO_TCP && quoted.tcp?.srcPort !== sock.localPort) continue;
    sock.errqueue.push({ at: rt.now, packet: pkt, ttl: pkt.ttl, error });
  }
}
