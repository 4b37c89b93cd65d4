// UDP sockets for simulated programs: a server bound to a port in a network namespace that
// answers each datagram (udp_rcv() queues it on the bound socket, the program sendto()s back
// from the address it arrived on), and a client's connected datagram socket. Datagrams carry
// the application's message in a `payload` field beside dataLen (as TCP segments do); they
// travel the real pipeline, so netfilter (kube-proxy's DNAT) and conntrack see them.
import type { Host } from '../../host.ts';
import type { World } from '../../world.ts';
import { ipLocalOut, type SendError } from '../packet/ipv4.ts';
import { RouteError, routeOutput } from '../packet/route.ts';
import {
  closeSocket,
  type NetRuntime,
  netRuntime,
  openSocket,
  type Socket,
  type SockMessage,
} from '../packet/runtime.ts';
import { ROOT_OWNER } from '../packet/socket.ts';
import { IPPROTO_UDP, type Ipv4Packet, type UdpBody } from '../packet/types.ts';
import type { Netns } from '../state.ts';
import { ListenError } from './listen.ts';

/** A UDP header with the application message it carries. */
export type UdpDatagramBody = UdpBody & { payload?: unknown };

export interface UdpDatagram {
  src: number;
  srcPort: number;
  /** The address it was sent to, after any DNAT (the socket's local address). */
  dst: number;
  dstPort: number;
  payload: unknown;
  dataLen: number;
}

/** A server program: given each datagram, it may answer through `reply`. */
export type UdpHandler = (dgram: UdpDatagram, reply: (payload: unknown, dataLen: number) => void) => void;

export interface UdpListener {
  readonly ns: Netns;
  readonly port: number;
  /** Datagrams received so far. */
  received: number;
  close(): void;
}

const bound = new WeakSet<Socket>();

/** sendto() from `src`:`srcPort` (0: the route's source) to dst:dstPort. */
export function sendDatagram(
  rt: NetRuntime,
  ns: Netns,
  from: { src: number; srcPort: number },
  dst: number,
  dstPort: number,
  payload: unknown,
  dataLen: number,
): SendError | null {
  const route = routeOutput(ns, dst, from.src ? { src: from.src } : {});
  if (route instanceof RouteError) return { errno: route.errno };
  const udp: UdpDatagramBody = { srcPort: from.srcPort, dstPort, dataLen, payload };
  const pkt: Ipv4Packet = {
    src: from.src || route.src,
    dst,
    ttl: 64,
    protocol: IPPROTO_UDP,
    tos: 0,
    df: true,
    udp,
    mark: 0,
    latencyUs: 0,
    owner: ROOT_OWNER,
  };
  return ipLocalOut(rt, ns, pkt, route);
}

function datagramOf(msg: SockMessage): UdpDatagram | null {
  const pkt = msg.packet;
  const udp = pkt?.udp as UdpDatagramBody | undefined;
  if (!pkt || !udp) return null;
  return {
    src: pkt.src,
    srcPort: udp.srcPort,
    dst: pkt.dst,
    dstPort: udp.dstPort,
    payload: udp.payload,
    dataLen: udp.dataLen,
  };
}

/**
 * bind() to 0.0.0.0:`port` in `ns` of `host`: each datagram that arrives is handed to
 * `handler` as it lands. Throws ListenError('EADDRINUSE') when the port is bound already.
 */
export function listenUdp(
  world: World,
  host: Host,
  ns: Netns,
  port: number,
  handler: UdpHandler,
): UdpListener {
  const rt = netRuntime(world, host);
  for (const s of rt.sockets)
    if (s.ns === ns && s.protocol === IPPROTO_UDP && s.localPort === port)
      throw new ListenError('EADDRINUSE');
  const sock = openSocket(rt, ns, IPPROTO_UDP);
  sock.localPort = port;
  bound.add(sock);
  const listener: UdpListener = {
    ns,
    port,
    received: 0,
    close() {
      bound.delete(sock);
      closeSocket(rt, sock);
    },
  };
  let busy = false;
  const queue = sock.recv;
  queue.push = (...items: SockMessage[]) => {
    Array.prototype.push.apply(queue, items);
    if (busy) return queue.length;
    busy = true;
    try {
      for (let msg = queue.shift(); msg; msg = queue.shift()) {
        const dgram = datagramOf(msg);
        if (!dgram || !bound.has(sock)) continue;
        listener.received++;
        // the answer leaves from the address the datagram was sent to (after DNAT, the pod's)
        handler(dgram, (payload, dataLen) =>
          sendDatagram(rt, ns, { src: dgram.dst, srcPort: port }, dgram.src, dgram.srcPort, payload, dataLen),
        );
      }
    } finally {
      busy = false;
    }
    return queue.length;
  };
  return listener;
}

/** A client's datagram socket on an ephemeral port, connected to one peer. */
export interface UdpClient {
  readonly rt: NetRuntime;
  readonly sock: Socket;
  send(payload: unknown, dataLen: number): SendError | null;
  /** Datagrams from the peer received so far, taken off the socket. */
  take(): UdpDatagram[];
  /** ICMP errors about what was sent (ECONNREFUSED for port unreachable), taken off the socket. */
  takeErrors(): string[];
  close(): void;
}

export function openUdpClient(world: World, host: Host, ns: Netns, dst: number, dstPort: number): UdpClient {
  const rt = netRuntime(world, host);
  const sock = openSocket(rt, ns, IPPROTO_UDP);
  return {
    rt,
    sock,
    send: (payload, dataLen) =>
      sendDatagram(rt, ns, { src: 0, srcPort: sock.localPort }, dst, dstPort, payload, dataLen),
    take() {
      const got: UdpDatagram[] = [];
      sock.recv = sock.recv.filter((m) => {
        const d = datagramOf(m);
        // a connected socket only takes datagrams from its peer (udp4_lib_lookup's match)
        if (!d || d.src !== dst || d.srcPort !== dstPort) return true;
        got.push(d);
        return false;
      });
      return got;
    },
    takeErrors() {
      const errors = sock.errqueue.map((m) => m.error?.errno ?? '').filter(Boolean);
      sock.errqueue = [];
      return errors;
    },
    close: () => closeSocket(rt, sock),
  };
}
