// The moving parts of a host's packet pipeline that are not network configuration: the
// simulated time packets travel at, timers (neighbour probes and ageing, bridge fdb ageing),
// sockets of running tools, and per-entry bookkeeping the kernel keeps beside its tables.
// Everything here follows the world's simulated clock; nothing waits for real time.
import type { World } from '../../world.ts';
import { hostNet } from '../netlink.ts';
import type { Link, Neigh, Netns, NetStack } from '../state.ts';
import type { Ipv4Packet, Ipv6Packet } from './types.ts';

export interface Timer {
  at: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

/** What the neighbour layer keeps per entry beside the listed state (struct neighbour). */
export interface NeighExtra {
  /** Packets waiting for resolution (neigh->arp_queue). */
  queue: Array<Ipv4Packet | Ipv6Packet>;
  probes: number;
  timer: Timer | null;
  confirmedAt: number;
  usedAt: number;
}

/** An error a socket with IP_RECVERR queues (struct sock_extended_err). */
export interface SockError {
  origin: 'icmp' | 'local';
  /** errno name: EHOSTUNREACH, ECONNREFUSED, EMSGSIZE, ENETUNREACH, ... */
  errno: string;
  type: number;
  code: number;
  info: number;
  /** Who reported it (the ICMP sender), 0 for local errors. */
  offender: number;
  /** The packet the error is about, as sent. */
  quoted: Ipv4Packet | null;
  quoted6?: Ipv6Packet | null;
}

export interface SockMessage {
  at: number;
  /** The packet received (an echo reply, a UDP datagram) or the ICMP error itself. */
  packet: Ipv4Packet | null;
  packet6?: Ipv6Packet | null;
  /** TTL (IPv6: hop limit) of the received packet (IP_RECVTTL). */
  ttl: number;
  /** Device it arrived on (the scope of a link-local sender). */
  ifindex?: number;
  error: SockError | null;
}

export interface Socket {
  ns: Netns;
  protocol: number;
  /** UDP: the local port; ICMP raw: 0. */
  localPort: number;
  /** ICMP raw: the echo identifier the tool filters on. */
  ident: number;
  /** SO_BINDTODEVICE ifindex. */
  boundDev: number | null;
  recv: SockMessage[];
  errqueue: SockMessage[];
}

export interface NetRuntime {
  stack: NetStack;
  /** Simulated time (ms) of what the pipeline is doing now. */
  now: number;
  timers: Timer[];
  nextSeq: number;
  sockets: Set<Socket>;
  neigh: WeakMap<Neigh, NeighExtra>;
  /** Bridge fdb: when each learned MAC was last seen. */
  fdbSeen: WeakMap<Link, Map<string, number>>;
  /** ICMP error rate limit per destination (inet_peer rate_tokens/rate_last). */
  icmpPeers: WeakMap<Netns, Map<number, { tokens: number; last: number }>>;
  nextPort: number;
}

const runtimes = new WeakMap<NetStack, NetRuntime>();

/** The pipeline runtime of a host's network stack, with every timer due by now already run. */
export function netRuntime(world: World, host: World['mainHost']): NetRuntime {
  const stack = hostNet(world, host);
  let rt = runtimes.get(stack);
  if (!rt) {
    rt = {
      stack,
      now: world.clock.now(),
      timers: [],
      nextSeq: 0,
      sockets: new Set(),
      neigh: new WeakMap(),
      fdbSeen: new WeakMap(),
      icmpPeers: new WeakMap(),
      nextPort: 32768 + world.random.int(28000),
    };
    runtimes.set(stack, rt);
  }
  runTimers(rt, world.clock.now());
  return rt;
}

/**
 * Brings a host's pipeline up to the world's clock: neighbour states age, probes go out, the
 * bridge forgets old MACs. Tools that show state the pipeline changes call this first.
 */
export function settleNet(world: World, host: World['mainHost']): void {
  netRuntime(world, host);
}

export function addTimer(rt: NetRuntime, at: number, run: () => void): Timer {
  const timer: Timer = { at, seq: rt.nextSeq++, run, cancelled: false };
  rt.timers.push(timer);
  return timer;
}

export function cancelTimer(timer: Timer | null): void {
  if (timer) timer.cancelled = true;
}

function nextTimer(rt: NetRuntime): Timer | null {
  let best: Timer | null = null;
  for (const t of rt.timers)
    if (!t.cancelled && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
  return best;
}

/**
 * Runs due timers in time order up to `to`. When `stop` returns true after a timer, stops there
 * and returns that time; otherwise returns `to`.
 */
export function runTimers(rt: NetRuntime, to: number, stop?: () => boolean): number {
  for (;;) {
    rt.timers = rt.timers.filter((t) => !t.cancelled);
    const t = nextTimer(rt);
    if (!t || t.at > to) break;
    t.cancelled = true;
    rt.now = Math.max(rt.now, t.at);
    t.run();
    if (stop?.()) return rt.now;
  }
  rt.now = Math.max(rt.now, to);
  return rt.now;
}

/** The time of the next pending timer, or null. */
export function nextTimerAt(rt: NetRuntime): number | null {
  return nextTimer(rt)?.at ?? null;
}

/**
 * A tool waiting until `to` (or until `stop` holds): runs the pipeline's timers on the way and
 * moves the world's clock to where the wait ended.
 */
export function waitUntil(world: World, rt: NetRuntime, to: number, stop?: () => boolean): number {
  const end = stop?.() ? rt.now : runTimers(rt, to, stop);
  world.clock.advance(end - world.clock.now());
  world.budget.checkTime(world.clock.now());
  return end;
}

export function openSocket(rt: NetRuntime, ns: Netns, protocol: number, ident = 0): Socket {
  const sock: Socket = { ns, protocol, localPort: 0, ident, boundDev: null, recv: [], errqueue: [] };
  if (protocol !== 1) {
    sock.localPort = rt.nextPort;
    rt.nextPort = rt.nextPort >= 60999 ? 32768 : rt.nextPort + 1;
  }
  rt.sockets.add(sock);
  return sock;
}

/**
 * The sockets a packet delivered into `ns` can reach: those of the host that namespace belongs
 * to. A packet that crossed into another host (a veth between kind nodes and the docker host)
 * is still being processed by the sender's pipeline, whose own sockets are not the receiver's.
 */
export function socketsIn(rt: NetRuntime, ns: Netns): Set<Socket> {
  return (runtimes.get(ns.stack) ?? rt).sockets;
}

export function closeSocket(rt: NetRuntime, sock: Socket): void {
  rt.sockets.delete(sock);
}
