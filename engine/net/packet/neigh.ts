// The neighbour layer: resolution with the kernel's state machine (net/core/neighbour.c
// neigh_update, __neigh_event_send, neigh_timer_handler) shared by ARP (net/ipv4/arp.c
// arp_process, arp_solicit, here) and IPv6 neighbour discovery (ipv6.ts). Entries live in
// ns.neigh as `ip neigh` lists them; queues, probe counts and timers live in the runtime.
import type { Ipv6 } from '../inet.ts';
import type { Mac } from '../mac.ts';
import type { Link, Neigh, Netns, NudState } from '../state.ts';
import { SCOPE } from '../state.ts';
import { icmpSend } from './icmp.ts';
import { icmp6Send, ndiscSolicit } from './ipv6.ts';
import { devXmit } from './link.ts';
import { isLocalAddress, selectAddress } from './route.ts';
import { addTimer, cancelTimer, type NeighExtra, type NetRuntime } from './runtime.ts';
import {
  ARPOP_REPLY,
  ARPOP_REQUEST,
  type ArpBody,
  BROADCAST_MAC,
  ICMP_DEST_UNREACH,
  ICMPV6_ADDR_UNREACH,
  ICMPV6_DEST_UNREACH,
  type Ipv4Packet,
  type Ipv6Packet,
  type PacketType,
  sameMac,
  UNREACH,
  ZERO_MAC,
} from './types.ts';

/** arp_tbl defaults (net/ipv4/arp.c): base_reachable_time 30 s, used unrandomised here. */
export const REACHABLE_TIME = 30_000;
const DELAY_PROBE_TIME = 5_000;
const RETRANS_TIME = 1_000;
const UCAST_PROBES = 3;
const MCAST_PROBES = 3;
const MCAST_REPROBES = 0;
const LOCKTIME = 1_000;
/** unres_qlen_bytes 212992 holds about this many ping-sized packets. */
const UNRES_QLEN = 101;

const CONNECTED: ReadonlySet<string> = new Set(['REACHABLE', 'PERMANENT', 'NOARP']);
const VALID: ReadonlySet<string> = new Set(['PERMANENT', 'NOARP', 'REACHABLE', 'PROBE', 'STALE', 'DELAY']);
const IN_TIMER: ReadonlySet<string> = new Set(['INCOMPLETE', 'REACHABLE', 'DELAY', 'PROBE']);

/** NUD_NONE: a new entry before its first use; never listed by state name. */
export const NUD_NONE = 'NONE' as NudState;

/** An IPv4 (number) or IPv6 (groups) neighbour address. */
export type NeighAddr = number | Ipv6;

export function sameNeighAddr(n: Neigh, ip: NeighAddr): boolean {
  if (typeof ip === 'number') return n.family === 4 && n.dst === ip;
  return n.family === 6 && (n.dst as Ipv6).every((g, i) => g === ip[i]);
}

export function neighLookup(ns: Netns, dev: Link, ip: NeighAddr): Neigh | null {
  return ns.neigh.find((n) => n.dev === dev.ifindex && sameNeighAddr(n, ip)) ?? null;
}

const isV6 = (p: Ipv4Packet | Ipv6Packet): p is Ipv6Packet => 'hopLimit' in p;

function xmitTo(rt: NetRuntime, dev: Link, dst: Mac, p: Ipv4Packet | Ipv6Packet): void {
  devXmit(rt, dev, isV6(p) ? { src: dev.mac, dst, ip6: p } : { src: dev.mac, dst, ip: p });
}

export function neighExtra(rt: NetRuntime, n: Neigh): NeighExtra {
  let x = rt.neigh.get(n);
  if (!x) {
    x = { queue: [], probes: 0, timer: null, confirmedAt: n.updatedAt, usedAt: n.updatedAt };
    rt.neigh.set(n, x);
  }
  return x;
}

export function neighCreate(
  rt: NetRuntime,
  dev: Link,
  ip: NeighAddr,
  state: NudState = NUD_NONE,
  lladdr: Mac | null = null,
): Neigh {
  const family = typeof ip === 'number' ? 4 : 6;
  const n: Neigh = {
    family,
    dst: typeof ip === 'number' ? ip : [...ip],
    dev: dev.ifindex,
    lladdr,
    state,
    updatedAt: rt.now,
  };
  dev.ns.neigh.push(n);
  neighExtra(rt, n);
  return n;
}

function alive(n: Neigh, dev: Link): boolean {
  return dev.ns.links.get(n.dev) === dev && dev.ns.neigh.includes(n);
}

function devOf(ns: Netns, n: Neigh): Link | null {
  return ns.links.get(n.dev) ?? null;
}

function setTimer(rt: NetRuntime, ns: Netns, n: Neigh, at: number): void {
  const x = neighExtra(rt, n);
  cancelTimer(x.timer);
  x.timer = addTimer(rt, at, () => {
    x.timer = null;
    const dev = devOf(ns, n);
    if (dev && alive(n, dev)) neighTimer(rt, dev, n);
  });
}

/** Sends the packets queued on an entry that just became valid. */
function flushQueue(rt: NetRuntime, dev: Link, n: Neigh): void {
  const x = neighExtra(rt, n);
  const queued = x.queue;
  x.queue = [];
  for (const p of queued) {
    if (!VALID.has(n.state) || !n.lladdr) break;
    p.latencyUs += 30;
    xmitTo(rt, dev, n.lladdr, p);
  }
}

/** neigh_invalidate(): every queued packet gets "host unreachable" back. */
function invalidate(rt: NetRuntime, dev: Link, n: Neigh): void {
  const x = neighExtra(rt, n);
  const queued = x.queue;
  x.queue = [];
  for (const p of queued) {
    if (isV6(p)) icmp6Send(rt, dev.ns, p, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0);
    else icmpSend(rt, dev.ns, p, ICMP_DEST_UNREACH, UNREACH.host, 0);
  }
}

export interface UpdateFlags {
  override?: boolean;
  weakOverride?: boolean;
  admin?: boolean;
}

/** neigh_update(): the one way an entry changes state or address. */
export function neighUpdate(
  rt: NetRuntime,
  dev: Link,
  n: Neigh,
  lladdr: Mac | null,
  state: NudState,
  flags: UpdateFlags = {},
): void {
  const x = neighExtra(rt, n);
  const old = n.state;
  let next = state;
  if (!flags.admin && (old === 'NOARP' || old === 'PERMANENT')) return;
  if (!VALID.has(next)) {
    cancelTimer(x.timer);
    x.timer = null;
    n.state = next;
    n.updatedAt = rt.now;
    if ((old === 'INCOMPLETE' || old === 'PROBE') && next === 'FAILED') invalidate(rt, dev, n);
    return;
  }
  let addr = lladdr ?? n.lladdr;
  if (!addr) return;
  if (CONNECTED.has(next)) x.confirmedAt = rt.now;
  const same = n.lladdr !== null && sameMac(addr, n.lladdr);
  if (VALID.has(old)) {
    if (!same && !flags.override) {
      if (!(flags.weakOverride && CONNECTED.has(old))) return;
      addr = n.lladdr!;
      next = 'STALE';
    } else if (same && next === 'STALE' && !flags.admin) next = old;
  }
  if (next !== old) {
    cancelTimer(x.timer);
    x.timer = null;
    if (IN_TIMER.has(next)) setTimer(rt, dev.ns, n, rt.now + (next === 'REACHABLE' ? REACHABLE_TIME : 0));
    n.state = next;
    n.updatedAt = rt.now;
  }
  if (!n.lladdr || !sameMac(addr, n.lladdr)) {
    n.lladdr = [...addr];
    n.updatedAt = rt.now;
    if (!CONNECTED.has(next)) x.confirmedAt = rt.now - 2 * REACHABLE_TIME;
  }
  if (next === old) return;
  if (!VALID.has(old)) flushQueue(rt, dev, n);
}

/** neigh_timer_handler(). */
function neighTimer(rt: NetRuntime, dev: Link, n: Neigh): void {
  const x = neighExtra(rt, n);
  const now = rt.now;
  let next = now + RETRANS_TIME;
  if (n.state === 'REACHABLE') {
    if (now < x.confirmedAt + REACHABLE_TIME) next = x.confirmedAt + REACHABLE_TIME;
    else if (now <= x.usedAt + DELAY_PROBE_TIME) {
      n.state = 'DELAY';
      n.updatedAt = now;
      next = now + DELAY_PROBE_TIME;
    } else {
      n.state = 'STALE';
      n.updatedAt = now;
      return;
    }
  } else if (n.state === 'DELAY') {
    if (now <= x.confirmedAt + DELAY_PROBE_TIME) {
      n.state = 'REACHABLE';
      n.updatedAt = now;
      next = x.confirmedAt + REACHABLE_TIME;
    } else {
      n.state = 'PROBE';
      n.updatedAt = now;
      x.probes = 0;
    }
  }
  if ((n.state === 'INCOMPLETE' || n.state === 'PROBE') && x.probes >= maxProbes(n)) {
    n.state = 'FAILED';
    n.updatedAt = now;
    invalidate(rt, dev, n);
    return;
  }
  if (IN_TIMER.has(n.state)) setTimer(rt, dev.ns, n, next);
  if (n.state === 'INCOMPLETE' || n.state === 'PROBE') probe(rt, dev, n);
}

function maxProbes(n: Neigh): number {
  return UCAST_PROBES + (n.state === 'PROBE' ? MCAST_REPROBES : MCAST_PROBES);
}

/** neigh_probe() → arp_solicit() / ndisc_solicit(): multicast while incomplete, unicast in PROBE. */
function probe(rt: NetRuntime, dev: Link, n: Neigh): void {
  const x = neighExtra(rt, n);
  const probes = x.probes;
  x.probes++;
  const unicast = probes < UCAST_PROBES && n.lladdr !== null ? n.lladdr : null;
  const last = x.queue[x.queue.length - 1];
  if (n.family === 6) {
    ndiscSolicit(rt, dev, n.dst as Ipv6, last && isV6(last) ? last.src : null, unicast);
    return;
  }
  const target = n.dst as number;
  const sip =
    last && !isV6(last) && isLocalAddress(dev.ns, last.src)
      ? last.src
      : selectAddress(dev.ns, dev, target, SCOPE.link);
  arpSend(rt, dev, ARPOP_REQUEST, unicast ?? BROADCAST_MAC, sip, target, unicast ?? ZERO_MAC);
}

/** neigh_resolve_output() / __neigh_event_send(): sends `pkt` to `nexthop` on `dev`, resolving first. */
export function neighOutput(
  rt: NetRuntime,
  dev: Link,
  nexthop: NeighAddr,
  pkt: Ipv4Packet | Ipv6Packet,
): void {
  const ns = dev.ns;
  if (dev.kind === 'loopback') {
    xmitTo(rt, dev, ZERO_MAC, pkt);
    return;
  }
  const n = neighLookup(ns, dev, nexthop) ?? neighCreate(rt, dev, nexthop);
  const x = neighExtra(rt, n);
  if (CONNECTED.has(n.state) && n.lladdr) {
    xmitTo(rt, dev, n.lladdr, pkt);
    return;
  }
  x.usedAt = rt.now;
  if (n.state === 'DELAY' || n.state === 'PROBE') {
    xmitTo(rt, dev, n.lladdr!, pkt);
    return;
  }
  if (n.state === 'STALE') {
    n.state = 'DELAY';
    n.updatedAt = rt.now;
    setTimer(rt, ns, n, rt.now + DELAY_PROBE_TIME);
    xmitTo(rt, dev, n.lladdr!, pkt);
    return;
  }
  let immediate = false;
  if (n.state !== 'INCOMPLETE') {
    x.probes = UCAST_PROBES;
    n.state = 'INCOMPLETE';
    n.updatedAt = rt.now;
    setTimer(rt, ns, n, rt.now + RETRANS_TIME);
    immediate = true;
  }
  if (x.queue.length >= UNRES_QLEN) x.queue.shift();
  x.queue.push(pkt);
  if (immediate) probe(rt, dev, n);
}

/** dst_confirm_neigh(): a sender saw proof of reachability (MSG_CONFIRM). */
export function neighConfirm(rt: NetRuntime, dev: Link, nexthop: NeighAddr): void {
  const n = neighLookup(dev.ns, dev, nexthop);
  if (n) neighExtra(rt, n).confirmedAt = rt.now;
}

export function arpSend(
  rt: NetRuntime,
  dev: Link,
  op: number,
  dst: Mac,
  sip: number,
  tip: number,
  tha: Mac,
): void {
  const arp: ArpBody = { op, sha: [...dev.mac], sip, tha: [...tha], tip };
  devXmit(rt, dev, { src: dev.mac, dst, arp });
}

const isLoopbackIp = (a: number) => a >>> 24 === 127;
const isMulticastIp = (a: number) => a >>> 28 === 14;

/** arp_process(). */
export function arpRcv(rt: NetRuntime, dev: Link, arp: ArpBody, pktType: PacketType): void {
  if (pktType === 'otherhost' || dev.kind === 'loopback') return;
  const ns = dev.ns;
  if (isLoopbackIp(arp.tip) || isMulticastIp(arp.tip)) return;
  if (arp.op === ARPOP_REQUEST) {
    if (arp.sip === 0) return;
    // arp_ignore=0: answer for any local address, whichever device holds it.
    if (isLocalAddress(ns, arp.tip)) {
      // neigh_event_ns(): learn the asker as STALE.
      const n = neighLookup(ns, dev, arp.sip) ?? neighCreate(rt, dev, arp.sip);
      neighUpdate(rt, dev, n, arp.sha, 'STALE', { override: true });
      arpSend(rt, dev, ARPOP_REPLY, arp.sha, arp.tip, arp.sip, arp.sha);
      return;
    }
  }
  const n = neighLookup(ns, dev, arp.sip);
  if (!n) return;
  const state: NudState = arp.op === ARPOP_REPLY || pktType === 'host' ? 'REACHABLE' : 'STALE';
  const override = rt.now >= n.updatedAt + LOCKTIME;
  neighUpdate(rt, dev, n, arp.sha, state, { override });
}

/** neigh_ifdown(): a device going down forgets all but its permanent entries. */
export function neighLinkDown(rt: NetRuntime, dev: Link): void {
  for (const n of dev.ns.neigh.filter((e) => e.dev === dev.ifindex && e.state !== 'PERMANENT')) {
    const x = neighExtra(rt, n);
    cancelTimer(x.timer);
    x.queue = [];
  }
  dev.ns.neigh = dev.ns.neigh.filter((e) => e.dev !== dev.ifindex || e.state === 'PERMANENT');
}

/** Removes an entry (ip neigh del / flush). */
export function neighRemove(rt: NetRuntime, ns: Netns, n: Neigh): void {
  const x = neighExtra(rt, n);
  cancelTimer(x.timer);
  x.queue = [];
  ns.neigh = ns.neigh.filter((e) => e !== n);
}

export const neighStates = { VALID, CONNECTED };

/** skb_still_in_host_queue(): whether a packet still waits in one of `ns`'s neighbour queues. */
export function stillQueued(rt: NetRuntime, ns: Netns, pkt: Ipv4Packet | Ipv6Packet): boolean {
  return ns.neigh.some((n) => rt.neigh.get(n)?.queue.includes(pkt) ?? false);
}

/** Every packet waiting in `ns`'s neighbour queues for an address to resolve. */
export function queuedPackets(rt: NetRuntime, ns: Netns): Array<Ipv4Packet | Ipv6Packet> {
  return ns.neigh.flatMap((n) => rt.neigh.get(n)?.queue ?? []);
}
