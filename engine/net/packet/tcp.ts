// TCP's active open as far as the engine has it (net/ipv4/tcp_output.c tcp_connect(),
// tcp_timer.c): a SYN retransmitted on an RTO starting at 1 s and doubling, given up after
// net.ipv4.tcp_syn_retries; a reset refuses the connection, and an ICMP error ends it
// (tcp_v4_err()) unless it arrives while connect() still owns the socket, when it is only
// remembered (sk_err_soft) and the next retransmission decides. A SYN-ACK is acknowledged and
// the connection reported established; listeners and data transfer live in engine/net/server/.
import type { World } from '../../world.ts';
import type { Netns } from '../state.ts';
import { ipLocalOut } from './ipv4.ts';
import { stillQueued } from './neigh.ts';
import { RouteError, routeOutput } from './route.ts';
import { addTimer, closeSocket, type NetRuntime, openSocket, type Socket, waitUntil } from './runtime.ts';
import { ROOT_OWNER } from './socket.ts';
import { IPPROTO_TCP, type Ipv4Packet } from './types.ts';

const TCP_TIMEOUT_INIT_MS = 1000;
/** What Linux advertises in a SYN on a 1500-byte link (MSS 1460 × 44, then scaled). */
const SYN_WINDOW = 64240;
/** MSS, SACK-permitted, timestamps and window-scale options with their padding. */
const SYN_OPTIONS_LEN = 20;

export type ConnectResult =
  | {
      errno: null;
      sock: Socket;
      /** The source address the route chose, the next sequence numbers to send and expect. */
      src?: number;
      sndNxt?: number;
      rcvNxt?: number;
    }
  | { errno: string };

export interface ConnectOptions {
  /** The caller's own limit (curl --connect-timeout, nc -w): ETIMEDOUT when it passes first. */
  timeoutMs?: number;
  /** O_NONBLOCK connect() then poll(), as curl does. */
  nonBlocking?: boolean;
}

function synRetries(ns: Netns): number {
  return Number(ns.sysctl.get('net/ipv4/tcp_syn_retries') ?? '6');
}

function segment(
  sock: Socket,
  src: number,
  dst: number,
  dstPort: number,
  flags: string,
  seq: number,
  ack: number,
): Ipv4Packet {
  return {
    src,
    dst,
    ttl: 64,
    protocol: IPPROTO_TCP,
    tos: 0,
    df: true,
    tcp: {
      srcPort: sock.localPort,
      dstPort,
      flags,
      seq,
      ack,
      window: flags === 'S' ? SYN_WINDOW : 0,
      optLen: flags === 'S' ? SYN_OPTIONS_LEN : 0,
      dataLen: 0,
    },
    mark: 0,
    latencyUs: 0,
    owner: ROOT_OWNER,
  };
}

/** connect() on a new TCP socket in `ns`; blocks in simulated time until it is decided. */
export function tcpConnect(
  world: World,
  rt: NetRuntime,
  ns: Netns,
  dst: number,
  port: number,
  opts: ConnectOptions = {},
): ConnectResult {
  const route = routeOutput(ns, dst, {});
  if (route instanceof RouteError) return { errno: route.errno };
  const sock = openSocket(rt, ns, IPPROTO_TCP);
  const iss = world.random.int(0x100000000);
  const start = rt.now;
  // tcp_write_timeout(): the SYN's lifetime is the sum of its doubling timeouts.
  const retries = synRetries(ns);
  const synDeadline = start + TCP_TIMEOUT_INIT_MS * (2 ** (retries + 1) - 1);
  const deadline = opts.timeoutMs === undefined ? synDeadline : Math.min(synDeadline, start + opts.timeoutMs);
  let softError: string | null = null;
  let owned = true;
  let lastSyn: Ipv4Packet | null = null;
  const send = () => {
    // A retransmission is skipped while the last SYN still waits for the neighbour (-EBUSY).
    if (lastSyn && stillQueued(rt, ns, lastSyn)) return;
    lastSyn = segment(sock, route.src, dst, port, 'S', iss, 0);
    const err = ipLocalOut(rt, ns, lastSyn, route);
    if (err && err.errno !== 'EPERM') softError = err.errno;
  };
  const decided = () => sock.recv.length > 0 || (sock.errqueue.length > 0 && !owned);
  let rto = TCP_TIMEOUT_INIT_MS;
  let at = start;
  const retransmit = () => {
    if (decided()) return;
    at += rto;
    rto *= 2;
    if (at >= deadline) return;
    addTimer(rt, at, () => {
      if (decided()) return;
      send();
      retransmit();
    });
  };
  send();
  // An error that came back during the send found the socket still owned by connect(). A
  // non-blocking connect() (curl) is not held up by it: recorded, curl to a peer namespace's
  // REJECT fails "after 0 ms" where bash's blocking connect retransmits the SYN.
  if (sock.errqueue.length > 0 && !opts.nonBlocking) softError = sock.errqueue.shift()!.error!.errno;
  owned = false;
  retransmit();
  waitUntil(world, rt, deadline, decided);
  const reply = sock.recv.shift();
  let result: ConnectResult;
  if (reply?.packet?.tcp?.flags.includes('R')) result = { errno: 'ECONNREFUSED' };
  else if (reply?.packet?.tcp) {
    const th = reply.packet.tcp;
    ipLocalOut(rt, ns, segment(sock, route.src, dst, port, 'A', iss + 1, th.seq + 1), route);
    result = { errno: null, sock, src: route.src, sndNxt: iss + 1, rcvNxt: th.seq + 1 };
  } else if (sock.errqueue.length > 0) result = { errno: sock.errqueue.shift()!.error!.errno };
  else result = { errno: softError ?? 'ETIMEDOUT' };
  if (result.errno !== null) closeSocket(rt, sock);
  return result;
}
