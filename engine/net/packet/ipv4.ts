// The IPv4 layer: receive (net/ipv4/ip_input.c), local delivery, forwarding
// (net/ipv4/ip_forward.c: only with forwarding on for the incoming device, TTL decrement,
// silent drop otherwise) and output (net/ipv4/ip_output.c), passing the netfilter hooks on the
// way as the kernel does.

import type { Mac } from '../mac.ts';
import type { Link, Netns } from '../state.ts';
import { type HookPoint, runHook, type Verdict } from './hooks.ts';
import { icmpRcv, icmpSend, sendReject } from './icmp.ts';
import { devXmit } from './link.ts';
import { neighOutput } from './neigh.ts';
import {
  isLocalAddress,
  loopbackOf,
  type OutputRoute,
  RouteError,
  routeInput,
  routeOutput,
} from './route.ts';
import { type NetRuntime, socketsIn } from './runtime.ts';
import {
  BROADCAST_MAC,
  clonePacket,
  ICMP_DEST_UNREACH,
  ICMP_EXC_TTL,
  ICMP_TIME_EXCEEDED,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Ipv4Packet,
  ipLength,
  type PacketType,
  UNREACH,
  ZERO_MAC,
} from './types.ts';

/** Why sending failed, as the socket call reports it. */
export type SendError =
  | { errno: 'EPERM' | 'ENETUNREACH' | 'EHOSTUNREACH' | 'EINVAL' | 'EACCES' | 'EADDRNOTAVAIL' }
  | { errno: 'EMSGSIZE'; mtu: number };

const FORWARD_US = 4;

function hook(
  rt: NetRuntime,
  point: HookPoint,
  ns: Netns,
  pkt: Ipv4Packet,
  inDev: Link | null,
  outDev: Link | null,
): Verdict {
  return runHook(pkt, { hook: point, ns, inDev, outDev, now: rt.now });
}

/** net.ipv4.conf.DEV.forwarding (set for every device by net.ipv4.ip_forward). */
export function forwardingOn(ns: Netns, dev: Link): boolean {
  const perDev = ns.sysctl.get(`net/ipv4/conf/${dev.name}/forwarding`);
  return (perDev ?? ns.sysctl.get('net/ipv4/ip_forward')) === '1';
}

/** ip_local_out(): a locally generated packet, already routed, through OUTPUT and on. */
export function ipLocalOut(rt: NetRuntime, ns: Netns, pkt: Ipv4Packet, route: OutputRoute): SendError | null {
  const dst = pkt.dst;
  const verdict = hook(rt, 'OUTPUT', ns, pkt, null, route.dev);
  if (verdict.kind === 'reject') sendReject(rt, ns, pkt, verdict.with);
  if (verdict.kind !== 'accept') return { errno: 'EPERM' };
  if (pkt.dst !== dst) {
    const again = routeOutput(ns, pkt.dst, { src: pkt.src });
    if (again instanceof RouteError) return { errno: again.errno };
    route = again;
  }
  return ipOutput(rt, ns, pkt, route);
}

/** ip_output() → POSTROUTING → ip_finish_output(): onto the wire, or back in through lo. */
function ipOutput(
  rt: NetRuntime,
  ns: Netns,
  pkt: Ipv4Packet,
  route: OutputRoute,
  inDev: Link | null = null,
): SendError | null {
  const verdict = hook(rt, 'POSTROUTING', ns, pkt, inDev, route.dev);
  if (verdict.kind === 'reject') sendReject(rt, ns, pkt, verdict.with);
  if (verdict.kind !== 'accept') return { errno: 'EPERM' };
  if (route.type === 'local') {
    devXmit(rt, loopbackOf(ns), { src: ZERO_MAC, dst: ZERO_MAC, ip: pkt });
    return null;
  }
  // IP_PMTUDISC_DO: a packet larger than the device MTU is refused with EMSGSIZE.
  if (pkt.df && !pkt.ignoreDf && ipLength(pkt) > route.dev.mtu && inDev === null)
    return { errno: 'EMSGSIZE', mtu: route.dev.mtu };
  if (route.type === 'broadcast') {
    devXmit(rt, route.dev, { src: route.dev.mac, dst: BROADCAST_MAC, ip: pkt });
    return null;
  }
  neighOutput(rt, route.dev, route.nexthop, pkt);
  return null;
}

/** ip_rcv() → PREROUTING → ip_rcv_finish(): what to do with a packet a device received. */
export function ipRcv(
  rt: NetRuntime,
  dev: Link,
  received: Ipv4Packet,
  pktType: PacketType,
  mac: { src: Mac; dst: Mac },
): void {
  if (pktType === 'otherhost') return;
  const ns = dev.ns;
  const pkt = clonePacket(received);
  pkt.mac = mac;
  // The sending socket stays behind: a device transmit orphans the skb (skb_orphan()).
  pkt.owner = undefined;
  pkt.ignoreDf = undefined;
  const verdict = hook(rt, 'PREROUTING', ns, pkt, dev, null);
  if (verdict.kind === 'reject') sendReject(rt, ns, pkt, verdict.with);
  if (verdict.kind !== 'accept') return;
  // fib_validate_source(): a packet from outside claiming one of our addresses is a martian.
  if (dev.kind !== 'loopback' && isLocalAddress(ns, pkt.src)) return;
  const route = routeInput(ns, pkt.dst);
  switch (route.kind) {
    case 'local':
      ipLocalDeliver(rt, dev, pkt, false);
      return;
    case 'broadcast':
      ipLocalDeliver(rt, dev, pkt, true);
      return;
    case 'unreachable': {
      // ip_error(): silent without forwarding; otherwise the matching ICMP error.
      if (!forwardingOn(ns, dev) || route.errno === 'EINVAL') return;
      const code =
        route.errno === 'ENETUNREACH'
          ? UNREACH.net
          : route.errno === 'EACCES'
            ? UNREACH.pktFiltered
            : UNREACH.host;
      icmpSend(rt, ns, pkt, ICMP_DEST_UNREACH, code, 0, pktType);
      return;
    }
    case 'forward':
      if (!forwardingOn(ns, dev)) return;
      ipForward(rt, dev, pkt, pktType, route.route);
  }
}

/** ip_forward(). */
function ipForward(
  rt: NetRuntime,
  inDev: Link,
  pkt: Ipv4Packet,
  pktType: PacketType,
  route: OutputRoute,
): void {
  const ns = inDev.ns;
  if (pktType !== 'host') return;
  if (pkt.ttl <= 1) {
    icmpSend(rt, ns, pkt, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0, pktType);
    return;
  }
  if (pkt.df && ipLength(pkt) > route.dev.mtu) {
    icmpSend(rt, ns, pkt, ICMP_DEST_UNREACH, UNREACH.fragNeeded, route.dev.mtu, pktType);
    return;
  }
  pkt.ttl--;
  pkt.latencyUs += FORWARD_US;
  const verdict = hook(rt, 'FORWARD', ns, pkt, inDev, route.dev);
  if (verdict.kind === 'reject') sendReject(rt, ns, pkt, verdict.with);
  if (verdict.kind !== 'accept') return;
  ipOutput(rt, ns, pkt, route, inDev);
}

/** ip_local_deliver() → INPUT → the protocol handler. */
function ipLocalDeliver(rt: NetRuntime, dev: Link, pkt: Ipv4Packet, broadcast: boolean): void {
  const ns = dev.ns;
  const verdict = hook(rt, 'INPUT', ns, pkt, dev, null);
  if (verdict.kind === 'reject') sendReject(rt, ns, pkt, verdict.with);
  if (verdict.kind !== 'accept') return;
  if (pkt.protocol === IPPROTO_ICMP) {
    icmpRcv(rt, dev, pkt, broadcast);
    return;
  }
  if (pkt.protocol === IPPROTO_UDP && pkt.udp) {
    const port = pkt.udp.dstPort;
    const sock = [...socketsIn(rt, ns)].find(
      (s) => s.ns === ns && s.protocol === IPPROTO_UDP && s.localPort === port,
    );
    if (sock) sock.recv.push({ at: rt.now, packet: pkt, ttl: pkt.ttl, error: null });
    else if (!broadcast) icmpSend(rt, ns, pkt, ICMP_DEST_UNREACH, UNREACH.port, 0);
    return;
  }
  if (pkt.protocol === IPPROTO_TCP && pkt.tcp) {
    const port = pkt.tcp.dstPort;
    const sock = [...socketsIn(rt, ns)].find(
      (s) => s.ns === ns && s.protocol === IPPROTO_TCP && s.localPort === port,
    );
    // A connecting socket takes its answer; nothing listens yet, so any other segment but a
    // reset is answered with one (tcp_v4_send_reset()).
    if (sock) sock.recv.push({ at: rt.now, packet: pkt, ttl: pkt.ttl, error: null });
    else if (!broadcast && !pkt.tcp.flags.includes('R')) sendReject(rt, ns, pkt, 'tcp-reset');
    return;
  }
  if (!broadcast) icmpSend(rt, ns, pkt, ICMP_DEST_UNREACH, UNREACH.proto, 0);
}
