// How iproute2 prints addresses (ip/ipaddress.c print_addrinfo): IPv4 before IPv6, primaries
// by scope then secondaries, IPv6 newest first within a scope, flags such as tentative.
import { formatIpv4, formatIpv6 } from '../inet.ts';
import { hasCarrier } from '../netlink.ts';
import type { Addr, Ipv4Addr, Ipv6Addr, Link } from '../state.ts';
import type { JsonValue } from './json.ts';

const SCOPE_NAMES: Record<number, string> = {
  0: 'global',
  200: 'site',
  253: 'link',
  254: 'host',
  255: 'nowhere',
};

export function scopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? String(scope);
}

/**
 * net/ipv6/addrconf.c addrconf_dad_failure(): DAD fails when a neighbour on the link (here the
 * veth peer) already holds the address; the address then stays `dadfailed tentative`.
 */
export function dadFailed(link: Link, a: Ipv6Addr, now: number): boolean {
  if (a.nodad || now < a.dadDoneAt) return a.dadFailed;
  const peer = link.peer;
  const clash = peer?.addrs.some(
    (p) => p.family === 6 && p.local.every((g, i) => g === a.local[i]) && (p.nodad || p.addedAt < a.addedAt),
  );
  return a.dadFailed || Boolean(clash);
}

export function isTentative(link: Link, a: Ipv6Addr, now: number): boolean {
  if (dadFailed(link, a, now)) return true;
  if (a.nodad) return false;
  return !hasCarrier(link) || now < a.dadDoneAt;
}

export function v6Flags(link: Link, a: Ipv6Addr, now: number): string[] {
  const flags: string[] = [];
  if (a.nodad) flags.push('nodad');
  if (dadFailed(link, a, now)) flags.push('dadfailed');
  if (isTentative(link, a, now)) flags.push('tentative');
  return flags;
}

/** Addresses of a link in the order the kernel dumps them. */
export function orderedAddrs(link: Link): Addr[] {
  const v4 = link.addrs.filter((a): a is Ipv4Addr => a.family === 4);
  const primaries = v4
    .filter((a) => !a.secondary)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.scope - x.a.scope || x.i - y.i)
    .map(({ a }) => a);
  const secondaries = v4.filter((a) => a.secondary);
  const v6 = link.addrs
    .filter((a): a is Ipv6Addr => a.family === 6)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.scope - y.a.scope || y.a.addedAt - x.a.addedAt || y.i - x.i)
    .map(({ a }) => a);
  return [...primaries, ...secondaries, ...v6];
}

export function addrText(a: Addr): string {
  return a.family === 4 ? formatIpv4(a.local) : formatIpv6(a.local);
}

/** The two lines of one address (without the leading newline). */
export function addrLines(link: Link, a: Addr, now: number): [string, string] {
  const life = '       valid_lft forever preferred_lft forever';
  if (a.family === 4) {
    const brd = a.broadcast !== null ? ` brd ${formatIpv4(a.broadcast)}` : '';
    const sec = a.secondary ? ' secondary' : '';
    return [
      `    inet ${addrText(a)}/${a.prefix}${brd} scope ${scopeName(a.scope)}${sec} ${a.label ?? link.name}`,
      life,
    ];
  }
  const flags = v6Flags(link, a, now);
  return [
    `    inet6 ${addrText(a)}/${a.prefix} scope ${scopeName(a.scope)} ${flags.map((f) => `${f} `).join('')}`,
    life,
  ];
}

export function addrJson(link: Link, a: Addr, now: number): Record<string, JsonValue> {
  const o: Record<string, JsonValue> = {
    family: a.family === 4 ? 'inet' : 'inet6',
    local: addrText(a),
    prefixlen: a.prefix,
  };
  if (a.family === 4 && a.broadcast !== null) o.broadcast = formatIpv4(a.broadcast);
  o.scope = scopeName(a.scope);
  if (a.family === 4 && a.secondary) o.secondary = true;
  if (a.family === 6) for (const f of v6Flags(link, a, now)) o[f] = true;
  if (a.family === 4) o.label = a.label ?? link.name;
  o.valid_life_time = 4294967295;
  o.preferred_life_time = 4294967295;
  return o;
}
