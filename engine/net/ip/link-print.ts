// How iproute2 prints a link (ip/ipaddress.c print_linkinfo): the header with flags, qdisc,
// master, operstate, the link/ether line with link-netns / link-netnsid, the -br line, JSON.

import { formatMac } from '../mac.ts';
import { bridgePorts, hasCarrier } from '../netlink.ts';
import { type Link, linkByName, type Netns, type NetStack } from '../state.ts';
import type { JsonValue } from './json.ts';

/** RFC 2863 operstate as the kernel reports it (net/core/link_watch.c, 6.18 behaviour for veth). */
export function operstate(link: Link): string {
  // Devices that never report carrier (lo, dummy) are UNKNOWN when up.
  if (link.kind === 'loopback' || link.kind === 'dummy') return link.adminUp ? 'UNKNOWN' : 'DOWN';
  if (!link.adminUp) return 'DOWN';
  if (link.kind === 'bridge') {
    if (bridgePorts(link).length === 0) return 'UNKNOWN';
    return hasCarrier(link) ? 'UP' : 'DOWN';
  }
  if (hasCarrier(link)) return 'UP';
  if (link.kind === 'veth' && link.peer) {
    // The lower device is looked up by the peer's index in this link's own namespace.
    if (link.peer.ifindex === link.ifindex) return 'DOWN';
    const lower = link.ns.links.get(link.peer.ifindex);
    return lower && !lower.adminUp ? 'LOWERLAYERDOWN' : 'DOWN';
  }
  return 'DOWN';
}

export function linkFlags(link: Link): string[] {
  const flags: string[] = [];
  const carrier = hasCarrier(link);
  if (link.adminUp && !carrier) flags.push('NO-CARRIER');
  if (link.kind === 'loopback') flags.push('LOOPBACK');
  // drivers/net/dummy.c dummy_setup(): IFF_NOARP set, IFF_MULTICAST cleared.
  else if (link.kind === 'dummy') flags.push('BROADCAST', 'NOARP');
  else flags.push('BROADCAST', 'MULTICAST');
  if (link.adminUp) flags.push('UP');
  if (link.adminUp && carrier) flags.push('LOWER_UP');
  if (mDown(link)) flags.push('M-DOWN');
  return flags;
}

function mDown(link: Link): boolean {
  return link.peer !== null && link.peer.ns === link.ns && !link.peer.adminUp;
}

export function qdiscOf(link: Link): string {
  return link.qdiscAttached ? 'noqueue' : 'noop';
}

/** `veth0@ceth0`, `veth0@if2`, or just the name. */
export function displayName(link: Link): string {
  if (!link.peer) return link.name;
  return link.peer.ns === link.ns ? `${link.name}@${link.peer.name}` : `${link.name}@if${link.peer.ifindex}`;
}

/** ` link-netns NAME` or ` link-netnsid N` for a veth whose peer is in another namespace. */
export function netnsSuffix(stack: NetStack, link: Link): string {
  if (!link.peer || link.peer.ns === link.ns) return '';
  const nsid = link.ns.nsids.get(link.peer.ns.uid);
  if (nsid === undefined) return '';
  const named = stack.named.find((n) => link.ns.nsids.get(n.ns.uid) === nsid);
  return named ? ` link-netns ${named.name}` : ` link-netnsid ${nsid}`;
}

export function masterName(link: Link): string | null {
  if (link.master === null) return null;
  return link.ns.links.get(link.master)?.name ?? null;
}

/** The header line (without newline) and the link/ether line. */
export function linkLines(
  stack: NetStack,
  link: Link,
  forAddr: boolean,
  headerSuffix = '',
): [string, string] {
  const master = masterName(link);
  const mode = forAddr ? '' : ' mode DEFAULT';
  const header = `${link.ifindex}: ${displayName(link)}: <${linkFlags(link).join(',')}> mtu ${link.mtu} qdisc ${qdiscOf(link)}${master ? ` master ${master}` : ''} state ${operstate(link)}${mode} group default qlen 1000${headerSuffix}`;
  const type = link.kind === 'loopback' ? 'loopback' : 'ether';
  const brd = link.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  return [header, `    link/${type} ${formatMac(link.mac)} brd ${brd}${netnsSuffix(stack, link)}`];
}

export function briefLinkLine(link: Link): string {
  return `${displayName(link).padEnd(16)} ${operstate(link).padEnd(14)} ${formatMac(link.mac)} <${linkFlags(link).join(',')}> `;
}

export function briefName(link: Link): string {
  return `${displayName(link).padEnd(16)} ${operstate(link).padEnd(14)} `;
}

/** The JSON object for a link, in iproute2's key order. */
export function linkJson(stack: NetStack, link: Link, forAddr: boolean): Record<string, JsonValue> {
  const o: Record<string, JsonValue> = { ifindex: link.ifindex };
  if (link.peer) {
    if (link.peer.ns === link.ns) o.link = link.peer.name;
    else o.link_index = link.peer.ifindex;
  }
  o.ifname = link.name;
  o.flags = linkFlags(link);
  o.mtu = link.mtu;
  o.qdisc = qdiscOf(link);
  const master = masterName(link);
  if (master) o.master = master;
  o.operstate = operstate(link);
  if (!forAddr) o.linkmode = 'DEFAULT';
  o.group = 'default';
  o.txqlen = 1000;
  o.link_type = link.kind === 'loopback' ? 'loopback' : 'ether';
  o.address = formatMac(link.mac);
  o.broadcast = link.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  if (link.peer && link.peer.ns !== link.ns) {
    const nsid = link.ns.nsids.get(link.peer.ns.uid);
    if (nsid !== undefined) o.link_netnsid = nsid;
  }
  void stack;
  return o;
}

/** Resolves `dev NAME` in a namespace. */
export function findLink(ns: Netns, name: string): Link | null {
  return linkByName(ns, name);
}
