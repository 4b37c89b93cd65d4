// IPv6 routing for the pipeline: which addresses are ours, the prefix routes addresses imply
// (addrconf_prefix_route in net/ipv6/addrconf.c) plus routes in the table, and source address
// selection (ipv6_dev_get_saddr, simplified to scope and prefix matching).
import type { Ipv6 } from '../inet.ts';
import { isTentative } from '../ip/addr-print.ts';
import { hasCarrier } from '../netlink.ts';
import type { Ipv6Addr, Link, Netns } from '../state.ts';
import { RouteError } from './route.ts';

export interface Output6 {
  type: 'local' | 'unicast';
  dev: Link;
  /** Chosen source, or null when none fits (the caller's address is used if bound). */
  src: Ipv6 | null;
  nexthop: Ipv6;
}

export const sameV6 = (a: Ipv6, b: Ipv6) => a.every((g, i) => g === b[i]);
export const isLinkLocal6 = (a: Ipv6) => (a[0] & 0xffc0) === 0xfe80;
export const isMulticast6 = (a: Ipv6) => (a[0] & 0xff00) === 0xff00;
export const isUnspecified6 = (a: Ipv6) => a.every((g) => g === 0);

export function inPrefix6(a: Ipv6, net: Ipv6, len: number): boolean {
  for (let bit = 0; bit < len; bit++) {
    const mask = 0x8000 >> (bit & 15);
    if ((a[bit >> 4] & mask) !== (net[bit >> 4] & mask)) return false;
  }
  return true;
}

export function ipv6Enabled(link: Link): boolean {
  return link.ns.sysctl.get(`net/ipv6/conf/${link.name}/disable_ipv6`) !== '1';
}

/** Usable (not tentative, not failed) IPv6 addresses of a link. */
export function usable6(link: Link, now: number): Ipv6Addr[] {
  if (!ipv6Enabled(link)) return [];
  return link.addrs.filter((a): a is Ipv6Addr => a.family === 6 && !isTentative(link, a, now));
}

/** The link holding `addr` as a usable address (link-local ones only count on `dev`). */
export function localOwner6(ns: Netns, addr: Ipv6, now: number, dev: Link | null = null): Link | null {
  for (const link of ns.links.values()) {
    if (!link.adminUp) continue;
    if (isLinkLocal6(addr) && dev && link !== dev && link.kind !== 'loopback') continue;
    if (usable6(link, now).some((a) => sameV6(a.local, addr))) return link;
  }
  return null;
}

/** ipv6_dev_get_saddr(), reduced: same scope, same prefix first, then any of that scope. */
export function selectSource6(ns: Netns, dev: Link | null, dst: Ipv6, now: number): Ipv6 | null {
  const wantLink = isLinkLocal6(dst);
  const fits = (a: Ipv6Addr) => (wantLink ? a.scope === 253 : a.scope === 0);
  const candidates = dev ? usable6(dev, now).filter(fits) : [];
  const same = candidates.find((a) => inPrefix6(dst, a.local, a.prefix));
  if (same) return same.local;
  if (candidates[0]) return candidates[0].local;
  if (wantLink) return null;
  for (const link of [...ns.links.values()].sort((x, y) => x.ifindex - y.ifindex)) {
    const a = usable6(link, now).find(fits);
    if (a) return a.local;
  }
  return null;
}

/** ip6_route_output(): where a locally generated packet to `dst` goes. */
export function routeOutput6(ns: Netns, dst: Ipv6, now: number, oif: Link | null): Output6 | RouteError {
  const lo = ns.links.get(1)!;
  const owner = localOwner6(ns, dst, now, oif);
  if (owner) return { type: 'local', dev: lo, src: dst, nexthop: dst };
  if (isLinkLocal6(dst) || isMulticast6(dst)) {
    if (!oif) return new RouteError('EINVAL');
    if (!oif.adminUp || !ipv6Enabled(oif)) return new RouteError('ENETUNREACH');
    return { type: 'unicast', dev: oif, src: selectSource6(ns, oif, dst, now), nexthop: dst };
  }
  let best: { dev: Link; len: number; gw: Ipv6 | null } | null = null;
  for (const link of ns.links.values()) {
    if (!link.adminUp || link.kind === 'loopback' || !hasCarrier(link) || (oif && link !== oif)) continue;
    for (const a of usable6(link, now)) {
      if (a.scope !== 0 || a.prefix >= 128 || !inPrefix6(dst, a.local, a.prefix)) continue;
      if (!best || a.prefix > best.len) best = { dev: link, len: a.prefix, gw: null };
    }
  }
  for (const r of ns.routes) {
    if (r.family !== 6 || r.type !== 'unicast' || r.dev === null) continue;
    const dev = ns.links.get(r.dev);
    if (!dev?.adminUp || (oif && dev !== oif) || !inPrefix6(dst, r.dst as Ipv6, r.prefix)) continue;
    if (!best || r.prefix > best.len) best = { dev, len: r.prefix, gw: (r.gateway as Ipv6 | null) ?? null };
  }
  if (!best) return new RouteError('ENETUNREACH');
  return {
    type: 'unicast',
    dev: best.dev,
    src: selectSource6(ns, best.dev, dst, now),
    nexthop: best.gw ?? dst,
  };
}
