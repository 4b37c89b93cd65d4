// An established TCP connection's byte stream in the simulated pipeline: data segments (MSS-
// sized, PSH on the last) and FINs sent through the IPv4 output path so netfilter and conntrack
// see them, and what arrives on a socket turned back into bytes. Segments carry their bytes in a
// `payload` field beside dataLen; there is no loss recovery (a dropped segment stays lost).

import { ipLocalOut } from '../packet/ipv4.ts';
import { RouteError, routeOutput } from '../packet/route.ts';
import type { NetRuntime, Socket } from '../packet/runtime.ts';
import { ROOT_OWNER } from '../packet/socket.ts';
import { IPPROTO_TCP, type Ipv4Packet, type TcpBody } from '../packet/types.ts';
import type { Netns } from '../state.ts';

/** MSS on a 1500-byte link less the timestamp option Linux sends on every segment. */
const MSS = 1448;
/** What an established Linux socket advertises before scaling (sysctl tcp_rmem defaults). */
const WINDOW = 502;
/** The timestamp option with its padding, on every segment after the SYN. */
const TIMESTAMP_OPTION_LEN = 12;

export type TcpSegment = TcpBody & { payload?: string };

export interface TcpStream {
  rt: NetRuntime;
  ns: Netns;
  sock: Socket;
  local: number;
  localPort: number;
  remote: number;
  remotePort: number;
  sndNxt: number;
  rcvNxt: number;
  /** Bytes received and not yet consumed. */
  received: string;
  /** The peer sent a FIN (or a reset). */
  peerClosed: boolean;
  reset: boolean;
  /** We sent a FIN. */
  closed: boolean;
}

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Sends one segment of the connection; false when it could not leave (no route, filtered). */
export function sendSegment(stream: TcpStream, flags: string, payload = ''): boolean {
  const route = routeOutput(stream.ns, stream.remote, { src: stream.local });
  if (route instanceof RouteError) return false;
  const dataLen = byteLength(payload);
  const tcp: TcpSegment = {
    srcPort: stream.localPort,
    dstPort: stream.remotePort,
    flags,
    seq: stream.sndNxt,
    ack: stream.rcvNxt,
    window: WINDOW,
    optLen: TIMESTAMP_OPTION_LEN,
    dataLen,
  };
  if (payload) tcp.payload = payload;
  const pkt: Ipv4Packet = {
    src: stream.local,
    dst: stream.remote,
    ttl: 64,
    protocol: IPPROTO_TCP,
    tos: 0,
    df: true,
    tcp,
    mark: 0,
    latencyUs: 0,
    owner: ROOT_OWNER,
  };
  stream.sndNxt = (stream.sndNxt + dataLen + (flags.includes('F') ? 1 : 0)) >>> 0;
  return ipLocalOut(stream.rt, stream.ns, pkt, route) === null;
}

/** write(): the bytes in MSS-sized segments, PSH on the last. */
export function streamWrite(stream: TcpStream, data: string): void {
  const bytes = encoder.encode(data);
  const decoder = new TextDecoder();
  for (let at = 0; at < bytes.length; at += MSS) {
    const last = at + MSS >= bytes.length;
    const chunk = decoder.decode(bytes.subarray(at, at + MSS), { stream: !last });
    sendSegment(stream, last ? 'PA' : 'A', chunk);
  }
}

/** close(): our FIN, once. */
export function streamClose(stream: TcpStream): void {
  if (stream.closed || stream.reset) return;
  stream.closed = true;
  sendSegment(stream, 'FA');
}

/**
 * tcp_rcv_established() for what a segment of this connection brings: its bytes, a FIN (ACKed;
 * the simulated application closes its side at once when `closeOnFin`), or a reset.
 * Returns the bytes that arrived.
 */
export function streamReceive(stream: TcpStream, seg: TcpSegment, closeOnFin: boolean): string {
  if (seg.flags.includes('R')) {
    stream.reset = true;
    stream.peerClosed = true;
    return '';
  }
  const data = seg.payload ?? '';
  if (seg.dataLen > 0) {
    stream.rcvNxt = (seg.seq + seg.dataLen) >>> 0;
    stream.received += data;
  }
  if (seg.flags.includes('F') && !stream.peerClosed) {
    stream.peerClosed = true;
    stream.rcvNxt = (stream.rcvNxt + 1) >>> 0;
    if (closeOnFin && !stream.closed) streamClose(stream);
    else sendSegment(stream, 'A');
  }
  return data;
}

/** Takes the segments queued on a socket that belong to this stream's peer. */
export function drainSegments(stream: TcpStream): TcpSegment[] {
  const mine: TcpSegment[] = [];
  stream.sock.recv = stream.sock.recv.filter((m) => {
    const tcp = m.packet?.tcp;
    if (!tcp || m.packet!.src !== stream.remote || tcp.srcPort !== stream.remotePort) return true;
    mine.push(tcp as TcpSegment);
    return false;
  });
  return mine;
}
