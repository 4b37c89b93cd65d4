// The IPv6 side of the pipeline, kept to what ping needs: output (net/ipv6/ip6_output.c),
// receive and local delivery (ip6_input.c), ICMPv6 echo and errors (icmp.c) and neighbour
// discovery (net/ipv6/ndisc.c: NS to the solicited-node group, NA back). No forwarding and
// no netfilter hooks for IPv6 yet: packets for other hosts are dropped.
import type { Ipv6 } from '../inet.ts';
import type { Mac } from '../mac.ts';
import type { Link, Netns } from '../state.ts';
import type { SendError } from './ipv4.ts';
import { devXmit } from './link.ts';
import { neighCreate, neighLookup, neighOutput, neighUpdate } from './neigh.ts';
import { RouteError } from './route.ts';
import {
  isMulticast6,
  isUnspecified6,
  localOwner6,
  type Output6,
  routeOutput6,
  sameV6,
  usable6,
} from './route6.ts';
import { type NetRuntime, socketsIn } from './runtime.ts';
import {
  ICMPV6_ECHO_REPLY,
  ICMPV6_ECHO_REQUEST,
  type Icmpv6Body,
  IPPROTO_ICMPV6,
  type Ipv6Packet,
  ip6Length,
  NDISC_NEIGHBOUR_ADVERTISEMENT,
  NDISC_NEIGHBOUR_SOLICITATION,
  type PacketType,
} from './types.ts';

const ALL_NODES: Ipv6 = [0xff02, 0, 0, 0, 0, 0, 0, 1];
/** IPV6_MIN_MTU less the headers: how much of an offending packet an error quotes. */
const MAX_QUOTE6 = 1280 - 48;
/** ND messages: target (16) plus one link-layer address option (8). */
const ND_BODY = 24;

export function solicitedNode(addr: Ipv6): Ipv6 {
  return [0xff02, 0, 0, 0, 0, 1, 0xff00 | (addr[6] & 0xff), addr[7]];
}

/** ipv6_eth_mc_map(): 33:33 and the group's last 32 bits. */
function multicastMac(group: Ipv6): Mac {
  return [0x33, 0x33, group[6] >> 8, group[6] & 0xff, group[7] >> 8, group[7] & 0xff];
}

function body(type: number, fields: Partial<Icmpv6Body> = {}): Icmpv6Body {
  return {
    type,
    code: 0,
    id: 0,
    seq: 0,
    dataLen: 0,
    info: 0,
    target: null,
    lladdr: null,
    solicited: false,
    quoted: null,
    ...fields,
  };
}

/** ip6_local_out() → ip6_finish_output2(): through lo, to a multicast MAC, or via the neighbour. */
export function ip6LocalOut(rt: NetRuntime, pkt: Ipv6Packet, route: Output6): SendError | null {
  if (route.type === 'local') {
    devXmit(rt, route.dev, { src: [0, 0, 0, 0, 0, 0], dst: [0, 0, 0, 0, 0, 0], ip6: pkt });
    return null;
  }
  if (ip6Length(pkt) > route.dev.mtu) return { errno: 'EMSGSIZE', mtu: route.dev.mtu };
  if (isMulticast6(pkt.dst)) {
    devXmit(rt, route.dev, { src: route.dev.mac, dst: multicastMac(pkt.dst), ip6: pkt });
    return null;
  }
  neighOutput(rt, route.dev, route.nexthop, pkt);
  return null;
}

/** ndisc_solicit(): a neighbour solicitation, multicast to the target's group unless `unicast`. */
export function ndiscSolicit(
  rt: NetRuntime,
  dev: Link,
  target: Ipv6,
  srcHint: Ipv6 | null,
  unicast: Mac | null,
): void {
  const own = usable6(dev, rt.now);
  const src =
    srcHint && own.some((a) => sameV6(a.local, srcHint))
      ? srcHint
      : (own.find((a) => a.scope === 253)?.local ?? null);
  const dst = unicast ? target : solicitedNode(target);
  const pkt: Ipv6Packet = {
    src: src ?? [0, 0, 0, 0, 0, 0, 0, 0],
    dst,
    hopLimit: 255,
    icmp6: body(NDISC_NEIGHBOUR_SOLICITATION, {
      target: [...target],
      lladdr: src ? [...dev.mac] : null,
      dataLen: src ? ND_BODY : 16,
    }),
    latencyUs: 0,
  };
  devXmit(rt, dev, { src: dev.mac, dst: unicast ?? multicastMac(dst), ip6: pkt });
}

/** ndisc_recv_ns(): learn the asker as STALE and advertise ourselves back. */
function recvNs(rt: NetRuntime, dev: Link, pkt: Ipv6Packet): void {
  const target = pkt.icmp6.target;
  if (!target || isUnspecified6(pkt.src)) return;
  if (!usable6(dev, rt.now).some((a) => sameV6(a.local, target))) return;
  const lladdr = pkt.icmp6.lladdr;
  if (lladdr) {
    const n = neighLookup(dev.ns, dev, pkt.src) ?? neighCreate(rt, dev, pkt.src);
    neighUpdate(rt, dev, n, lladdr, 'STALE', { override: true, weakOverride: true });
  }
  const na: Ipv6Packet = {
    src: [...target],
    dst: [...pkt.src],
    hopLimit: 255,
    icmp6: body(NDISC_NEIGHBOUR_ADVERTISEMENT, {
      target: [...target],
      lladdr: [...dev.mac],
      solicited: true,
      dataLen: ND_BODY,
    }),
    latencyUs: pkt.latencyUs,
  };
  neighOutput(rt, dev, pkt.src, na);
}

/** ndisc_recv_na(). */
function recvNa(rt: NetRuntime, dev: Link, pkt: Ipv6Packet): void {
  const target = pkt.icmp6.target;
  if (!target) return;
  const n = neighLookup(dev.ns, dev, target);
  if (!n) return;
  const solicited = pkt.icmp6.solicited;
  neighUpdate(rt, dev, n, pkt.icmp6.lladdr, solicited ? 'REACHABLE' : 'STALE', {
    weakOverride: true,
    override: solicited,
  });
}

/** ipv6_rcv() → ip6_input(): ours (or a group we are in) is delivered, the rest dropped. */
export function ip6Rcv(rt: NetRuntime, dev: Link, received: Ipv6Packet, pktType: PacketType): void {
  if (pktType === 'otherhost' || dev.ns.sysctl.get(`net/ipv6/conf/${dev.name}/disable_ipv6`) === '1') return;
  const pkt: Ipv6Packet = { ...received, icmp6: { ...received.icmp6 } };
  if (isMulticast6(pkt.dst)) {
    const groups = [ALL_NODES, ...dev.addrs.flatMap((a) => (a.family === 6 ? [solicitedNode(a.local)] : []))];
    if (groups.some((g) => sameV6(g, pkt.dst))) deliver(rt, dev, pkt, true);
    return;
  }
  if (localOwner6(dev.ns, pkt.dst, rt.now, dev.kind === 'loopback' ? null : dev))
    deliver(rt, dev, pkt, false);
}

function deliver(rt: NetRuntime, dev: Link, pkt: Ipv6Packet, multicast: boolean): void {
  const ns = dev.ns;
  const icmp = pkt.icmp6;
  switch (icmp.type) {
    case NDISC_NEIGHBOUR_SOLICITATION:
      recvNs(rt, dev, pkt);
      return;
    case NDISC_NEIGHBOUR_ADVERTISEMENT:
      recvNa(rt, dev, pkt);
      return;
    case ICMPV6_ECHO_REQUEST: {
      // icmpv6_echo_reply(): from the address asked (or a chosen one for a group), out the way it came.
      const route = routeOutput6(ns, pkt.src, rt.now, dev.kind === 'loopback' ? null : dev);
      if (route instanceof RouteError) return;
      const src = multicast ? route.src : pkt.dst;
      if (!src) return;
      const reply: Ipv6Packet = {
        src: [...src],
        dst: [...pkt.src],
        hopLimit: 64,
        icmp6: body(ICMPV6_ECHO_REPLY, { id: icmp.id, seq: icmp.seq, dataLen: icmp.dataLen }),
        latencyUs: pkt.latencyUs,
      };
      ip6LocalOut(rt, reply, route);
      return;
    }
    case ICMPV6_ECHO_REPLY:
      for (const sock of socketsIn(rt, ns)) {
        if (sock.ns !== ns || sock.protocol !== IPPROTO_ICMPV6 || sock.ident !== icmp.id) continue;
        sock.recv.push({
          at: rt.now,
          packet: null,
          packet6: pkt,
          ttl: pkt.hopLimit,
          error: null,
          ifindex: dev.ifindex,
        });
      }
      return;
    default:
      if (icmp.type < 128 && icmp.quoted) deliverError(rt, dev, pkt);
  }
}

function deliverError(rt: NetRuntime, dev: Link, pkt: Ipv6Packet): void {
  const ns = dev.ns;
  const quoted = pkt.icmp6.quoted!;
  for (const sock of socketsIn(rt, ns)) {
    if (sock.ns !== ns || sock.protocol !== IPPROTO_ICMPV6) continue;
    if (quoted.icmp6.type !== ICMPV6_ECHO_REQUEST || quoted.icmp6.id !== sock.ident) continue;
    sock.errqueue.push({
      at: rt.now,
      packet: null,
      packet6: pkt,
      ttl: pkt.hopLimit,
      ifindex: dev.ifindex,
      error: {
        origin: 'icmp',
        errno: 'EHOSTUNREACH',
        type: pkt.icmp6.type,
        code: pkt.icmp6.code,
        info: pkt.icmp6.info,
        offender: 0,
        quoted: null,
        quoted6: quoted,
      },
    });
  }
}

/** icmp6_send(): an error about `orig` back to its sender. */
export function icmp6Send(
  rt: NetRuntime,
  ns: Netns,
  orig: Ipv6Packet,
  type: number,
  code: number,
  info: number,
): void {
  if (orig.icmp6.type < 128 || isUnspecified6(orig.src) || isMulticast6(orig.src)) return;
  const route = routeOutput6(ns, orig.src, rt.now, null);
  if (route instanceof RouteError) return;
  const src = localOwner6(ns, orig.dst, rt.now) ? orig.dst : route.src;
  if (!src) return;
  const err: Ipv6Packet = {
    src: [...src],
    dst: [...orig.src],
    hopLimit: 64,
    icmp6: body(type, { code, info, dataLen: Math.min(ip6Length(orig), MAX_QUOTE6), quoted: orig }),
    latencyUs: orig.latencyUs,
  };
  ip6LocalOut(rt, err, route);
}
