// Listening TCP sockets (net/ipv4/tcp_ipv4.c tcp_v4_rcv() → tcp_v4_conn_request(), tcp_minisocks.c):
// a port in a network namespace that answers SYNs with SYN-ACKs, completes connections on the
// ACK, and hands each connection's bytes to a handler that may write back and close. Segments
// reach the listener synchronously from the pipeline; connections are told apart by the peer's
// address and port.
import type { Host } from '../../host.ts';
import type { World } from '../../world.ts';
import { ipLocalOut } from '../packet/ipv4.ts';
import { RouteError, routeOutput } from '../packet/route.ts';
import { closeSocket, netRuntime, openSocket, type Socket, type SockMessage } from '../packet/runtime.ts';
import { ROOT_OWNER } from '../packet/socket.ts';
import { IPPROTO_TCP, type Ipv4Packet } from '../packet/types.ts';
import type { Netns } from '../state.ts';
import { streamClose, streamReceive, streamWrite, type TcpSegment, type TcpStream } from './tcp-stream.ts';

/** What a handler sees of one accepted connection. */
export interface ServerConn {
  readonly remote: number;
  readonly remotePort: number;
  readonly local: number;
  readonly localPort: number;
  write(data: string): void;
  close(): void;
}

/** A server program: told when a connection opens, when bytes arrive, when the peer closes. */
export interface TcpHandler {
  onOpen?(conn: ServerConn): void;
  onData(conn: ServerConn, data: string): void;
  onPeerClose?(conn: ServerConn): void;
}

export interface TcpListener {
  readonly ns: Netns;
  readonly port: number;
  /** Connections accepted so far. */
  accepted: number;
  close(): void;
}

export class ListenError extends Error {
  readonly errno: 'EADDRINUSE';
  constructor(errno: 'EADDRINUSE') {
    super(errno);
    this.errno = errno;
  }
}

/** SYN-ACK window and options (MSS, SACK-permitted, timestamps, window scale), as in a SYN. */
const SYNACK_WINDOW = 65160;
const SYNACK_OPTIONS_LEN = 20;

interface Accepted {
  stream: TcpStream;
  conn: ServerConn;
  established: boolean;
}

function listening(sock: Socket): boolean {
  return listeners.has(sock);
}

const listeners = new WeakSet<Socket>();

/**
 * listen() on 0.0.0.0:`port` in `ns` of `host`: from now on connections to the port are accepted
 * and served by `handler`. Throws ListenError('EADDRINUSE') when something listens there already.
 */
export function listenTcp(
  world: World,
  host: Host,
  ns: Netns,
  port: number,
  handler: TcpHandler,
): TcpListener {
  const rt = netRuntime(world, host);
  for (const s of rt.sockets)
    if (s.ns === ns && s.protocol === IPPROTO_TCP && s.localPort === port && listening(s))
      throw new ListenError('EADDRINUSE');
  const sock = openSocket(rt, ns, IPPROTO_TCP);
  sock.localPort = port;
  listeners.add(sock);
  const conns = new Map<string, Accepted>();
  const listener: TcpListener = {
    ns,
    port,
    accepted: 0,
    close() {
      listeners.delete(sock);
      closeSocket(rt, sock);
    },
  };

  const synAck = (pkt: Ipv4Packet, tcp: TcpSegment) => {
    const route = routeOutput(ns, pkt.src, { src: pkt.dst });
    if (route instanceof RouteError) return;
    const iss = world.random.int(0x100000000);
    const stream: TcpStream = {
      rt,
      ns,
      sock,
      local: pkt.dst,
      localPort: port,
      remote: pkt.src,
      remotePort: tcp.srcPort,
      sndNxt: (iss + 1) >>> 0,
      rcvNxt: (tcp.seq + 1) >>> 0,
      received: '',
      peerClosed: false,
      reset: false,
      closed: false,
    };
    const conn: ServerConn = {
      remote: stream.remote,
      remotePort: stream.remotePort,
      local: stream.local,
      localPort: port,
      write: (data) => streamWrite(stream, data),
      close: () => streamClose(stream),
    };
    conns.set(`${pkt.src}:${tcp.srcPort}`, { stream, conn, established: false });
    const reply: Ipv4Packet = {
      src: pkt.dst,
      dst: pkt.src,
      ttl: 64,
      protocol: IPPROTO_TCP,
      tos: 0,
      df: true,
      tcp: {
        srcPort: port,
        dstPort: tcp.srcPort,
        flags: 'SA',
        seq: iss,
        ack: stream.rcvNxt,
        window: SYNACK_WINDOW,
        optLen: SYNACK_OPTIONS_LEN,
        dataLen: 0,
      },
      mark: 0,
      latencyUs: 0,
      owner: ROOT_OWNER,
    };
    ipLocalOut(rt, ns, reply, route);
  };

  const segment = (msg: SockMessage) => {
    const pkt = msg.packet;
    const tcp = pkt?.tcp as TcpSegment | undefined;
    if (!pkt || !tcp) return;
    const key = `${pkt.src}:${tcp.srcPort}`;
    const known = conns.get(key);
    if (tcp.flags.includes('S') && !tcp.flags.includes('A')) {
      if (!known) synAck(pkt, tcp);
      return;
    }
    if (!known) return;
    if (!known.established && tcp.flags.includes('A') && !tcp.flags.includes('R')) {
      known.established = true;
      listener.accepted++;
      handler.onOpen?.(known.conn);
    }
    const wasOpen = !known.stream.peerClosed;
    const data = streamReceive(known.stream, tcp, false);
    if (data) handler.onData(known.conn, data);
    if (known.stream.reset) conns.delete(key);
    else if (wasOpen && known.stream.peerClosed) {
      handler.onPeerClose?.(known.conn);
      streamClose(known.stream);
    }
    if (known.stream.closed && known.stream.peerClosed) conns.delete(key);
  };

  // The pipeline queues segments on the socket; the listener takes each as it lands, and
  // segments that arrive while one is being handled wait their turn.
  let busy = false;
  const queue = sock.recv;
  queue.push = (...items: SockMessage[]) => {
    Array.prototype.push.apply(queue, items);
    if (!busy) {
      busy = true;
      try {
        for (let msg = queue.shift(); msg; msg = queue.shift()) segment(msg);
      } finally {
        busy = false;
      }
    }
    return queue.length;
  };
  return listener;
}
