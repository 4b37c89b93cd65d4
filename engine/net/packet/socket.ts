// What tools do with sockets: send an ICMP echo request from a raw socket (raw_sendmsg) or a
// UDP datagram (udp_sendmsg), routed and sent through the pipeline; replies and errors land in
// the socket's queues (see icmp.ts).
import type { Ipv6 } from '../inet.ts';
import type { Link } from '../state.ts';
import { ipLocalOut, type SendError } from './ipv4.ts';
import { ip6LocalOut } from './ipv6.ts';
import { neighConfirm } from './neigh.ts';
import { RouteError, routeOutput } from './route.ts';
import { routeOutput6 } from './route6.ts';
import type { NetRuntime, Socket } from './runtime.ts';
import {
  ICMP_ECHO,
  ICMPV6_ECHO_REQUEST,
  IPPROTO_ICMP,
  IPPROTO_UDP,
  type Ipv4Packet,
  type Ipv6Packet,
} from './types.ts';

export interface SendOptions {
  /** Bound source address (bind() / ping -I ADDR). */
  src: number | null;
  /** Bound device (SO_BINDTODEVICE / ping -I DEV). */
  oif: Link | null;
  ttl: number;
  /** MSG_CONFIRM: the last reply proved the neighbour reachable. */
  confirm?: boolean;
  /** The DF bit: IP_PMTUDISC_DO or IP_PMTUDISC_WANT. */
  df?: boolean;
  /** IP_PMTUDISC_WANT: too large for the device is fragmented here, not refused. */
  ignoreDf?: boolean;
  tos?: number;
  mark?: number;
}

/** Every simulated process runs as root. */
export const ROOT_OWNER = { uid: 0, gid: 0 };

/** The IPv4 header a socket's options give a packet (ip_build_and_send_pkt's fields). */
function fromSocket(dst: number, protocol: number, opts: SendOptions): Ipv4Packet {
  return {
    src: 0,
    dst,
    ttl: opts.ttl,
    protocol,
    tos: opts.tos ?? 0,
    df: opts.df ?? false,
    ignoreDf: opts.ignoreDf,
    owner: ROOT_OWNER,
    mark: opts.mark ?? 0,
    latencyUs: 0,
  };
}

function send(rt: NetRuntime, sock: Socket, pkt: Ipv4Packet, opts: SendOptions): SendError | null {
  const route = routeOutput(sock.ns, pkt.dst, { oif: opts.oif, src: opts.src });
  if (route instanceof RouteError) return { errno: route.errno };
  pkt.src = route.src;
  if (opts.confirm && route.type === 'unicast') neighConfirm(rt, route.dev, route.nexthop);
  const err = ipLocalOut(rt, sock.ns, pkt, route);
  if (err?.errno === 'EMSGSIZE') {
    // ip_local_error(): with IP_RECVERR the refusal is also queued, carrying the MTU.
    sock.errqueue.push({
      at: rt.now,
      packet: null,
      ttl: -1,
      error: {
        origin: 'local',
        errno: 'EMSGSIZE',
        type: 0,
        code: 0,
        info: err.mtu,
        offender: 0,
        quoted: pkt,
      },
    });
  }
  return err;
}

export function sendEcho(
  rt: NetRuntime,
  sock: Socket,
  dst: number,
  seq: number,
  dataLen: number,
  opts: SendOptions,
): SendError | null {
  const pkt = fromSocket(dst, IPPROTO_ICMP, opts);
  pkt.icmp = { type: ICMP_ECHO, code: 0, id: sock.ident, seq, dataLen, info: 0, quoted: null };
  return send(rt, sock, pkt, opts);
}

export function sendUdp(
  rt: NetRuntime,
  sock: Socket,
  dst: number,
  dstPort: number,
  dataLen: number,
  opts: SendOptions,
): SendError | null {
  const pkt = fromSocket(dst, IPPROTO_UDP, opts);
  pkt.udp = { srcPort: sock.localPort, dstPort, dataLen };
  return send(rt, sock, pkt, opts);
}

/** rawv6_sendmsg() of an ICMPv6 echo request; `src` is the bound address, if any. */
export function sendEcho6(
  rt: NetRuntime,
  sock: Socket,
  dst: Ipv6,
  seq: number,
  dataLen: number,
  opts: { src: Ipv6 | null; oif: Link | null; hopLimit: number },
): SendError | null {
  const route = routeOutput6(sock.ns, dst, rt.now, opts.oif);
  if (route instanceof RouteError) return { errno: route.errno };
  const src = opts.src ?? route.src;
  if (!src) return { errno: 'EADDRNOTAVAIL' };
  const pkt: Ipv6Packet = {
    src: [...src],
    dst: [...dst],
    hopLimit: opts.hopLimit,
    icmp6: {
      type: ICMPV6_ECHO_REQUEST,
      code: 0,
      id: sock.ident,
      seq,
      dataLen,
      info: 0,
      target: null,
      lladdr: null,
      solicited: false,
      quoted: null,
    },
    latencyUs: 0,
  };
  return ip6LocalOut(rt, pkt, route);
}
