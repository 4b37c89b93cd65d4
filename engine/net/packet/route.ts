// Routing decisions of the pipeline: the output route of a locally generated packet with its
// source address (ip_route_output_key_hash in net/ipv4/route.c, inet_select_addr in
// net/ipv4/devinet.c), and what an arriving packet's destination means (ip_route_input_slow).
import { inSubnet, networkOf } from '../inet.ts';
import {
  type Ipv4Addr,
  type Link,
  type Netns,
  type Route,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
  SCOPE,
} from '../state.ts';

export class RouteError extends Error {
  /** errno name the socket call fails with. */
  readonly errno: 'ENETUNREACH' | 'EHOSTUNREACH' | 'EINVAL' | 'EACCES';
  constructor(errno: RouteError['errno']) {
    super(errno);
    this.errno = errno;
  }
}

export interface OutputRoute {
  type: 'unicast' | 'local' | 'broadcast';
  /** Device the packet leaves by (lo for local destinations). */
  dev: Link;
  src: number;
  /** The next hop: the gateway, or the destination itself when on-link. */
  nexthop: number;
}

const RT_TABLE_DEFAULT = 253;

export function loopbackOf(ns: Netns): Link {
  return ns.links.get(1)!;
}

function ipv4Addrs(link: Link): Ipv4Addr[] {
  return link.addrs.filter((a): a is Ipv4Addr => a.family === 4);
}

/** Longest-prefix match in local, main then default (the default `ip rule` list). */
export function fibLookup(ns: Netns, dst: number, oif: number | null = null): Route | null {
  for (const table of [RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_DEFAULT]) {
    let best: Route | null = null;
    for (const r of ns.routes) {
      if (r.family !== 4 || r.table !== table) continue;
      if (networkOf(dst, r.prefix) !== networkOf(r.dst as number, r.prefix)) continue;
      if (r.type === 'broadcast' && r.dst !== dst) continue;
      if (r.dev !== null) {
        // A local route stays usable on a down link (fib_add_ifaddr() adds it regardless).
        const link = ns.links.get(r.dev);
        if (!link || (!link.adminUp && r.type !== 'local')) continue;
        if (oif !== null && r.dev !== oif && r.type !== 'local') continue;
      }
      if (
        !best ||
        r.prefix > best.prefix ||
        (r.prefix === best.prefix && (r.metric ?? 0) < (best.metric ?? 0))
      )
        best = r;
    }
    if (best) return best;
  }
  return null;
}

/** True when `addr` is one of the namespace's own addresses (a `local` route matches it). */
export function isLocalAddress(ns: Netns, addr: number): boolean {
  return fibLookup(ns, addr)?.type === 'local';
}

/** inet_select_addr(): a primary address on `dev` within `scope`, preferring `dst`'s subnet. */
export function selectAddress(ns: Netns, dev: Link | null, dst: number, scope: number): number {
  let fallback = 0;
  if (dev) {
    for (const a of ipv4Addrs(dev)) {
      if (a.secondary || a.scope > scope) continue;
      if (dst === 0 || inSubnet(dst, a.local, a.prefix)) return a.local;
      if (!fallback) fallback = a.local;
    }
    if (fallback) return fallback;
  }
  // Any device's address of global scope (lo first, as it is first in the device list).
  for (const link of [...ns.links.values()].sort((x, y) => x.ifindex - y.ifindex)) {
    for (const a of ipv4Addrs(link))
      if (!a.secondary && a.scope !== SCOPE.link && a.scope <= scope) return a.local;
  }
  return 0;
}

export interface OutputRequest {
  /** SO_BINDTODEVICE / IP_PKTINFO device. */
  oif?: Link | null;
  /** Source the socket is bound to. */
  src?: number | null;
}

/** ip_route_output_key_hash(): where a locally generated packet to `dst` goes, and from which address. */
export function routeOutput(ns: Netns, dst: number, req: OutputRequest = {}): OutputRoute | RouteError {
  const oif = req.oif ?? null;
  if (req.src && !isLocalAddress(ns, req.src)) return new RouteError('EINVAL');
  if (oif && !oif.adminUp) return new RouteError('ENETUNREACH');
  const lo = loopbackOf(ns);
  if (dst === 0xffffffff) {
    if (!oif) return new RouteError('ENETUNREACH');
    return {
      type: 'broadcast',
      dev: oif,
      src: req.src || selectAddress(ns, oif, 0, SCOPE.link),
      nexthop: dst,
    };
  }
  const r = fibLookup(ns, dst, oif?.ifindex ?? null);
  if (!r) {
    // "Apparently, routing tables are wrong. Assume, that the destination is on link."
    if (oif)
      return {
        type: 'unicast',
        dev: oif,
        src: req.src || selectAddress(ns, oif, 0, SCOPE.link),
        nexthop: dst,
      };
    return new RouteError('ENETUNREACH');
  }
  if (r.type === 'unreachable') return new RouteError('EHOSTUNREACH');
  if (r.type === 'prohibit') return new RouteError('EACCES');
  if (r.type === 'blackhole') return new RouteError('EINVAL');
  if (r.type === 'local')
    return { type: 'local', dev: lo, src: req.src || (r.src as number | null) || dst, nexthop: dst };
  const dev = r.dev !== null ? ns.links.get(r.dev)! : lo;
  const gw = (r.gateway as number | null) ?? 0;
  const src =
    req.src || (r.src as number | null) || selectAddress(ns, dev, gw || dst, gw ? SCOPE.global : r.scope);
  if (r.type === 'broadcast') return { type: 'broadcast', dev, src, nexthop: dst };
  return { type: 'unicast', dev, src, nexthop: gw || dst };
}

export type InputRoute =
  | { kind: 'local' }
  | { kind: 'broadcast' }
  | { kind: 'forward'; route: OutputRoute }
  | { kind: 'unreachable'; errno: 'ENETUNREACH' | 'EHOSTUNREACH' | 'EACCES' | 'EINVAL' };

/** ip_route_input_slow() without the forwarding check: local, broadcast, or the way on. */
export function routeInput(ns: Netns, dst: number): InputRoute {
  if (dst === 0xffffffff) return { kind: 'broadcast' };
  const r = fibLookup(ns, dst);
  if (!r) return { kind: 'unreachable', errno: 'ENETUNREACH' };
  if (r.type === 'local') return { kind: 'local' };
  if (r.type === 'broadcast') return { kind: 'broadcast' };
  if (r.type === 'unreachable') return { kind: 'unreachable', errno: 'EHOSTUNREACH' };
  if (r.type === 'prohibit') return { kind: 'unreachable', errno: 'EACCES' };
  if (r.type === 'blackhole') return { kind: 'unreachable', errno: 'EINVAL' };
  const out = routeOutput(ns, dst);
  if (out instanceof RouteError) return { kind: 'unreachable', errno: 'ENETUNREACH' };
  return { kind: 'forward', route: out };
}
