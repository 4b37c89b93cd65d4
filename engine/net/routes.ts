// Routing tables: the routes the kernel derives from addresses and link state (fib_add_ifaddr
// in net/ipv4/fib_frontend.c), the order in which a dump lists them, and longest-prefix lookup.
import { broadcastOf, networkOf } from './inet.ts';
import { type Link, type Netns, type Route, RT_TABLE_LOCAL, RT_TABLE_MAIN, SCOPE } from './state.ts';

function hasCarrierForRoutes(link: Link): boolean {
  if (!link.adminUp) return false;
  if (link.kind === 'veth') return link.peer?.adminUp === true;
  return true;
}

/** Rebuilds the kernel-owned IPv4 routes of a namespace from its addresses (fib_add_ifaddr()). */
export function syncKernelRoutes(ns: Netns): void {
  const kept = ns.routes.filter((r) => r.proto !== 'kernel' || r.family === 6);
  const derived: Route[] = [];
  for (const link of ns.links.values()) {
    for (const a of link.addrs) {
      if (a.family !== 4) continue;
      if (!link.adminUp && !a.localRoute) continue;
      // A secondary's routes use its subnet's primary as source (fib_add_ifaddr's `prim`).
      const prim = a.secondary
        ? link.addrs.find(
            (p) =>
              p.family === 4 &&
              !p.secondary &&
              p.prefix === a.prefix &&
              networkOf(p.local, p.prefix) === networkOf(a.local, a.prefix),
          )
        : a;
      const src = prim && prim.family === 4 ? prim.local : a.local;
      const base = {
        family: 4 as const,
        gateway: null,
        dev: link.ifindex,
        proto: 'kernel',
        src,
        metric: null,
      };
      derived.push({
        ...base,
        table: RT_TABLE_LOCAL,
        type: 'local',
        dst: a.local,
        prefix: 32,
        scope: SCOPE.host,
      });
      if (!link.adminUp) continue;
      if (a.broadcast !== null && a.broadcast !== 0xffffffff) {
        derived.push({
          ...base,
          table: RT_TABLE_LOCAL,
          type: 'broadcast',
          dst: a.broadcast,
          prefix: 32,
          scope: SCOPE.link,
        });
      }
      if (a.secondary) continue;
      if (a.prefix < 32) {
        const net = networkOf(a.local, a.prefix);
        if (link.kind === 'loopback')
          derived.push({
            ...base,
            table: RT_TABLE_LOCAL,
            type: 'local',
            dst: net,
            prefix: a.prefix,
            scope: SCOPE.host,
          });
        else
          derived.push({
            ...base,
            table: RT_TABLE_MAIN,
            type: 'unicast',
            dst: net,
            prefix: a.prefix,
            scope: SCOPE.link,
          });
      }
      if (a.prefix < 31) {
        derived.push({
          ...base,
          table: RT_TABLE_LOCAL,
          type: 'broadcast',
          dst: broadcastOf(a.local, a.prefix),
          prefix: 32,
          scope: SCOPE.link,
        });
      }
    }
  }
  ns.routes = [...kept, ...dedupe(derived)];
}

function dedupe(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.table}|${r.type}|${r.dst}|${r.prefix}|${r.dev}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when a route's device has no carrier (RTNH_F_LINKDOWN; never set on local routes). */
export function isLinkdown(ns: Netns, route: Route): boolean {
  if (route.dev === null || route.type === 'local') return false;
  const link = ns.links.get(route.dev);
  return link !== undefined && link.kind !== 'loopback' && !hasCarrierForRoutes(link);
}

/** Routes of one IPv4 table in the order a dump lists them (trie order, longer prefixes first). */
export function tableRoutes(ns: Netns, table: number): Route[] {
  return ns.routes
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.family === 4 && r.table === table)
    .sort(
      (a, b) =>
        (a.r.dst as number) - (b.r.dst as number) ||
        b.r.prefix - a.r.prefix ||
        (a.r.metric ?? 0) - (b.r.metric ?? 0) ||
        a.i - b.i,
    )
    .map(({ r }) => r);
}

/** Longest-prefix match over the local table, then main (ip rule defaults: local, main). */
export function lookup(ns: Netns, dst: number): Route | null {
  for (const table of [RT_TABLE_LOCAL, RT_TABLE_MAIN]) {
    let best: Route | null = null;
    for (const r of ns.routes) {
      if (r.family !== 4 || r.table !== table) continue;
      if (networkOf(dst, r.prefix) !== networkOf(r.dst as number, r.prefix)) continue;
      if (r.type === 'broadcast' && r.dst !== dst) continue;
      if (r.dev !== null) {
        const link = ns.links.get(r.dev);
        if (!link?.adminUp) continue;
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
