// The text of a LOG target's kernel message for an IPv4 packet, field by field as
// net/netfilter/nf_log_syslog.c writes it (nf_log_ip_packet(), dump_ipv4_packet(),
// nf_log_dump_tcp_header(), nf_log_dump_udp_header(), dump_mac_header()).
import { formatIpv4 } from '../../net/inet.ts';
import { packetId } from '../../net/packet/ident.ts';
import {
  ICMP_DEST_UNREACH,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_PARAMETERPROB,
  ICMP_REDIRECT,
  ICMP_SOURCE_QUENCH,
  ICMP_TIME_EXCEEDED,
  IPPROTO_ICMP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  type Ipv4Packet,
  ipLength,
  UDP_HLEN,
} from '../../net/packet/types.ts';
import type { Link, Netns } from '../../net/state.ts';

/** XT_LOG_* flags (include/uapi/linux/netfilter/xt_LOG.h). */
export const LOG_TCPSEQ = 0x01;
export const LOG_TCPOPT = 0x02;
export const LOG_IPOPT = 0x04;
export const LOG_UID = 0x08;
export const LOG_MACDECODE = 0x20;

const ICMP_FRAG_NEEDED = 4;
const ETH_P_IP = '08:00';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const macBytes = (mac: number[]) => mac.map(hex2);

/** dump_mac_header(): the Ethernet header the packet arrived in. */
function macHeader(dev: Link, pkt: Ipv4Packet, flags: number): string {
  const mac = pkt.mac;
  if (!mac) return 'MAC= ';
  if (flags & LOG_MACDECODE && dev.kind !== 'loopback')
    return `MACSRC=${macBytes(mac.src).join(':')} MACDST=${macBytes(mac.dst).join(':')} MACPROTO=0800 `;
  return `MAC=${[...macBytes(mac.dst), ...macBytes(mac.src)].join(':')}:${ETH_P_IP} `;
}

/** nf_log_dump_tcp_header(). */
function tcpHeader(pkt: Ipv4Packet, flags: number): string {
  const th = pkt.tcp!;
  let s = `PROTO=TCP SPT=${th.srcPort} DPT=${th.dstPort} `;
  if (flags & LOG_TCPSEQ) s += `SEQ=${th.seq >>> 0} ACK=${th.ack >>> 0} `;
  s += `WINDOW=${th.window ?? 0} RES=0x00 `;
  // The flag words in header order: CWR ECE URG ACK PSH RST SYN FIN.
  for (const [letter, word] of [
    ['U', 'URG'],
    ['A', 'ACK'],
    ['P', 'PSH'],
    ['R', 'RST'],
    ['S', 'SYN'],
    ['F', 'FIN'],
  ])
    if (th.flags.includes(letter)) s += `${word} `;
  return `${s}URGP=0 `;
}

/** The ICMP part of dump_ipv4_packet(); errors quote the offending packet once, in brackets. */
function icmpHeader(ns: Netns, pkt: Ipv4Packet, nested: boolean): string {
  const ic = pkt.icmp!;
  let s = `PROTO=ICMP TYPE=${ic.type} CODE=${ic.code} `;
  switch (ic.type) {
    case ICMP_ECHOREPLY:
    case ICMP_ECHO:
      return `${s}ID=${ic.id} SEQ=${ic.seq} `;
    case ICMP_PARAMETERPROB:
      return `${s}PARAMETER=${ic.info >>> 24} `;
    case ICMP_REDIRECT:
      s += `GATEWAY=${formatIpv4(ic.info)} `;
      break;
    case ICMP_DEST_UNREACH:
    case ICMP_SOURCE_QUENCH:
    case ICMP_TIME_EXCEEDED:
      break;
    default:
      return s;
  }
  if (!nested && ic.quoted) s += `[${ipv4Packet(ns, ic.quoted, 0, true)}] `;
  if (ic.type === ICMP_DEST_UNREACH && ic.code === ICMP_FRAG_NEEDED) s += `MTU=${ic.info & 0xffff} `;
  return s;
}

/** dump_ipv4_packet(): addresses, header fields, then the transport header. */
function ipv4Packet(ns: Netns, pkt: Ipv4Packet, flags: number, nested: boolean): string {
  let s = `SRC=${formatIpv4(pkt.src)} DST=${formatIpv4(pkt.dst)} `;
  const tos = `0x${hex2(pkt.tos & 0x1e).toUpperCase()}`;
  const prec = `0x${hex2(pkt.tos & 0xe0).toUpperCase()}`;
  s += `LEN=${ipLength(pkt)} TOS=${tos} PREC=${prec} TTL=${pkt.ttl} ID=${packetId(ns, pkt)} `;
  if (pkt.df) s += 'DF ';
  if (pkt.protocol === IPPROTO_TCP && pkt.tcp) s += tcpHeader(pkt, flags);
  else if (pkt.protocol === IPPROTO_UDP && pkt.udp)
    s += `PROTO=UDP SPT=${pkt.udp.srcPort} DPT=${pkt.udp.dstPort} LEN=${UDP_HLEN + pkt.udp.dataLen} `;
  else if (pkt.protocol === IPPROTO_ICMP && pkt.icmp) s += icmpHeader(ns, pkt, nested);
  else s += `PROTO=${pkt.protocol} `;
  if (nested) return s;
  // nf_log_dump_sk_uid_gid(): only while the sending socket is still attached.
  if (flags & LOG_UID && pkt.owner) s += `UID=${pkt.owner.uid} GID=${pkt.owner.gid} `;
  if (pkt.mark) s += `MARK=0x${(pkt.mark >>> 0).toString(16)} `;
  return s;
}

/** nf_log_ip_packet(): the whole message after the syslog level. */
export function formatLogMessage(
  ns: Netns,
  pkt: Ipv4Packet,
  inDev: Link | null,
  outDev: Link | null,
  prefix: string,
  flags: number,
): string {
  let s = `${prefix}IN=${inDev?.name ?? ''} OUT=${outDev?.name ?? ''} `;
  if (inDev) s += macHeader(inDev, pkt, flags);
  return s + ipv4Packet(ns, pkt, flags, false);
}
