// What the packet pipeline carries: IPv4 packets (ICMP, UDP, TCP bodies), ARP messages and the
// Ethernet frames around them, with the header sizes the link counters add up.
import type { Ipv6 } from '../inet.ts';
import type { Mac } from '../mac.ts';

export const ETH_HLEN = 14;
export const ARP_LEN = 28;
export const IPV4_HLEN = 20;
export const ICMP_HLEN = 8;
export const UDP_HLEN = 8;
export const TCP_HLEN = 20;

export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

/** ICMP types (include/uapi/linux/icmp.h). */
export const ICMP_ECHOREPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_SOURCE_QUENCH = 4;
export const ICMP_REDIRECT = 5;
export const ICMP_ECHO = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_PARAMETERPROB = 12;

/** ICMP_DEST_UNREACH codes. */
export const UNREACH = {
  net: 0,
  host: 1,
  proto: 2,
  port: 3,
  fragNeeded: 4,
  netProhibited: 9,
  hostProhibited: 10,
  pktFiltered: 13,
} as const;

export const ICMP_EXC_TTL = 0;

/** True for the ICMP types that report an error about another packet (net/ipv4/icmp.c icmp_pointers). */
export function isIcmpError(type: number): boolean {
  return (
    type === ICMP_DEST_UNREACH ||
    type === ICMP_SOURCE_QUENCH ||
    type === ICMP_REDIRECT ||
    type === ICMP_TIME_EXCEEDED ||
    type === ICMP_PARAMETERPROB
  );
}

export interface IcmpBody {
  type: number;
  code: number;
  /** Echo identifier and sequence (0 for errors). */
  id: number;
  seq: number;
  /** Bytes after the 8-byte ICMP header (echo data, or the quoted packet for errors). */
  dataLen: number;
  /** The 32-bit "rest of header" for errors: the MTU of a frag-needed, the gateway of a redirect. */
  info: number;
  /** For errors: the offending packet as it was quoted (its header and first bytes). */
  quoted: Ipv4Packet | null;
}

export interface UdpBody {
  srcPort: number;
  dstPort: number;
  dataLen: number;
}

export interface TcpBody {
  srcPort: number;
  dstPort: number;
  /** Flag letters as iptables names them: S, A, F, R, P, U. */
  flags: string;
  seq: number;
  ack: number;
  /** Receive window advertised (0 in resets). */
  window?: number;
  /** Bytes of TCP options after the 20-byte header (a SYN's MSS, SACK, timestamps, scale). */
  optLen?: number;
  dataLen: number;
}

export interface Ipv4Packet {
  src: number;
  dst: number;
  ttl: number;
  protocol: number;
  tos: number;
  /** Don't Fragment. */
  df: boolean;
  /** skb->ignore_df: the sender fragments locally despite DF (IP_PMTUDISC_WANT). */
  ignoreDf?: boolean;
  icmp?: IcmpBody;
  udp?: UdpBody;
  tcp?: TcpBody;
  /** Payload length for protocols without a body above. */
  rawLen?: number;
  /** skb->mark, for netfilter and routing by mark. */
  mark: number;
  /** Identification field; chosen the first time something reads it (its value truly varies). */
  id?: number;
  /** The sending socket's owner while the packet is still in the namespace that sent it. */
  owner?: { uid: number; gid: number };
  /** The Ethernet header it arrived in (skb_mac_header), set on receive. */
  mac?: { src: Mac; dst: Mac };
  /** Simulated time the packet has spent on the wire so far, in microseconds (for ping's rtt). */
  latencyUs: number;
}

/** Total IPv4 length (tot_len). */
export function ipLength(p: Ipv4Packet): number {
  if (p.icmp) return IPV4_HLEN + ICMP_HLEN + p.icmp.dataLen;
  if (p.udp) return IPV4_HLEN + UDP_HLEN + p.udp.dataLen;
  if (p.tcp) return IPV4_HLEN + TCP_HLEN + (p.tcp.optLen ?? 0) + p.tcp.dataLen;
  return IPV4_HLEN + (p.rawLen ?? 0);
}

export function clonePacket(p: Ipv4Packet): Ipv4Packet {
  return {
    ...p,
    icmp: p.icmp ? { ...p.icmp, quoted: p.icmp.quoted ? clonePacket(p.icmp.quoted) : null } : undefined,
    udp: p.udp ? { ...p.udp } : undefined,
    tcp: p.tcp ? { ...p.tcp } : undefined,
  };
}

export const ARPOP_REQUEST = 1;
export const ARPOP_REPLY = 2;

export interface ArpBody {
  op: number;
  sha: Mac;
  sip: number;
  tha: Mac;
  tip: number;
}

export const IPV6_HLEN = 40;
export const IPPROTO_ICMPV6 = 58;

/** ICMPv6 types (include/uapi/linux/icmpv6.h) and neighbour discovery (RFC 4861). */
export const ICMPV6_DEST_UNREACH = 1;
export const ICMPV6_PKT_TOOBIG = 2;
export const ICMPV6_TIME_EXCEED = 3;
export const ICMPV6_PARAMPROB = 4;
export const ICMPV6_ECHO_REQUEST = 128;
export const ICMPV6_ECHO_REPLY = 129;
export const NDISC_NEIGHBOUR_SOLICITATION = 135;
export const NDISC_NEIGHBOUR_ADVERTISEMENT = 136;
export const ICMPV6_ADDR_UNREACH = 3;

export interface Icmpv6Body {
  type: number;
  code: number;
  id: number;
  seq: number;
  /** Bytes after the 8-byte header (echo data, ND body and options, or the quoted packet). */
  dataLen: number;
  info: number;
  /** Neighbour discovery: the target address and the link-layer address option. */
  target: Ipv6 | null;
  lladdr: Mac | null;
  solicited: boolean;
  quoted: Ipv6Packet | null;
}

export interface Ipv6Packet {
  src: Ipv6;
  dst: Ipv6;
  hopLimit: number;
  icmp6: Icmpv6Body;
  latencyUs: number;
}

export function ip6Length(p: Ipv6Packet): number {
  return IPV6_HLEN + ICMP_HLEN + p.icmp6.dataLen;
}

export interface Frame {
  src: Mac;
  dst: Mac;
  arp?: ArpBody;
  ip?: Ipv4Packet;
  ip6?: Ipv6Packet;
}

/** Bytes a device counts for a frame: the Ethernet header plus its payload (no padding on veth). */
export function frameLength(f: Frame): number {
  if (f.arp) return ETH_HLEN + ARP_LEN;
  if (f.ip6) return ETH_HLEN + ip6Length(f.ip6);
  return ETH_HLEN + (f.ip ? ipLength(f.ip) : 0);
}

export const BROADCAST_MAC: Mac = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
export const ZERO_MAC: Mac = [0, 0, 0, 0, 0, 0];

export const isBroadcastMac = (m: Mac) => m.every((b) => b === 0xff);
export const sameMac = (a: Mac, b: Mac) => a.every((x, i) => x === b[i]);

/** skb->pkt_type as eth_type_trans() sets it from the destination MAC. */
export type PacketType = 'host' | 'broadcast' | 'multicast' | 'otherhost';
