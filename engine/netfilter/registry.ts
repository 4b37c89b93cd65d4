// Every match and target extension the simulated iptables knows, by name, plus the names that
// exist as extension libraries on Debian 12 (a chain may not be named after one of them).
import { addrtypeMatch } from './matches/addrtype.ts';
import { commentMatch } from './matches/comment.ts';
import { conntrackMatch, stateMatch } from './matches/conntrack.ts';
import { icmpMatch } from './matches/icmp.ts';
import { macMatch } from './matches/mac.ts';
import { connmarkMatch, markMatch } from './matches/mark.ts';
import { multiportMatch } from './matches/multiport.ts';
import { recentMatch } from './matches/recent.ts';
import { sctpMatch } from './matches/sctp.ts';
import { statisticMatch } from './matches/statistic.ts';
import { tcpMatch } from './matches/tcp.ts';
import { udpMatch } from './matches/udp.ts';
import type { MatchExt, TargetExt } from './module.ts';
import { connmarkTarget } from './targets/connmark.ts';
import { ctTarget, notrackTarget } from './targets/ct.ts';
import { logTarget } from './targets/log.ts';
import { markTarget } from './targets/mark.ts';
import { masqueradeTarget, redirectTarget } from './targets/masquerade.ts';
import { dnatTarget, snatTarget } from './targets/nat.ts';
import { rejectTarget } from './targets/reject.ts';

const MATCHES: MatchExt[] = [
  tcpMatch,
  udpMatch,
  sctpMatch,
  icmpMatch,
  multiportMatch,
  conntrackMatch,
  stateMatch,
  commentMatch,
  markMatch,
  connmarkMatch,
  statisticMatch,
  addrtypeMatch,
  macMatch,
  recentMatch,
];

const TARGETS: TargetExt[] = [
  rejectTarget,
  dnatTarget,
  snatTarget,
  masqueradeTarget,
  redirectTarget,
  markTarget,
  connmarkTarget,
  logTarget,
  ctTarget,
  notrackTarget,
];

/** The verdicts iptables maps to its "standard" target. */
export const STANDARD_VERDICTS = ['ACCEPT', 'DROP', 'QUEUE', 'RETURN'];

/** Target extension libraries of Debian 12's iptables (libxt_*.so, libipt_*.so). */
const KNOWN_TARGETS = [
  'AUDIT',
  'CHECKSUM',
  'CLASSIFY',
  'CLUSTERIP',
  'CONNMARK',
  'CONNSECMARK',
  'CT',
  'DNAT',
  'DSCP',
  'ECN',
  'HMARK',
  'IDLETIMER',
  'LED',
  'LOG',
  'MARK',
  'MASQUERADE',
  'NETMAP',
  'NFLOG',
  'NFQUEUE',
  'NOTRACK',
  'RATEEST',
  'REDIRECT',
  'REJECT',
  'SECMARK',
  'SET',
  'SNAT',
  'SYNPROXY',
  'TCPMSS',
  'TCPOPTSTRIP',
  'TEE',
  'TOS',
  'TPROXY',
  'TRACE',
  'TTL',
  'ULOG',
];

/** Match extension libraries of Debian 12 (for "Couldn't load match"). */
const KNOWN_MATCHES = new Set([
  'addrtype',
  'ah',
  'bpf',
  'cgroup',
  'cluster',
  'comment',
  'connbytes',
  'connlabel',
  'connlimit',
  'connmark',
  'conntrack',
  'cpu',
  'dccp',
  'devgroup',
  'dscp',
  'ecn',
  'esp',
  'hashlimit',
  'helper',
  'icmp',
  'iprange',
  'ipvs',
  'length',
  'limit',
  'mac',
  'mark',
  'multiport',
  'nfacct',
  'osf',
  'owner',
  'physdev',
  'pkttype',
  'policy',
  'quota',
  'rateest',
  'realm',
  'recent',
  'rpfilter',
  'sctp',
  'set',
  'socket',
  'state',
  'statistic',
  'string',
  'tcp',
  'tcpmss',
  'time',
  'tos',
  'ttl',
  'u32',
  'udp',
]);

export function findMatch(name: string): MatchExt | null {
  return MATCHES.find((m) => m.name === name) ?? null;
}

export function findTarget(name: string): TargetExt | null {
  return TARGETS.find((t) => t.name === name) ?? null;
}

/** xtables_find_target(name, XTF_TRY_LOAD) != NULL: a verdict or a target library exists. */
export function isTargetName(name: string): boolean {
  return STANDARD_VERDICTS.includes(name) || name === 'standard' || KNOWN_TARGETS.includes(name);
}

export function isKnownMatch(name: string): boolean {
  return KNOWN_MATCHES.has(name);
}
