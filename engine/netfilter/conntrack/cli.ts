// The conntrack tool (conntrack-tools 1.4.7): -L lists the namespace's connections as
// libnetfilter_conntrack prints them, -C counts, -D deletes, -F flushes, with the usual tuple,
// protocol, mark and status filters. The summary goes to stderr before the entries, as it does
// when stdout is a file (stdout is flushed at exit).
import type { CommandContext } from '../../commands/types.ts';
import { formatIpv4 } from '../../net/inet.ts';
import { queuedPackets } from '../../net/packet/neigh.ts';
import { netRuntime } from '../../net/packet/runtime.ts';
import { processNet } from '../../net/process.ts';
import { ipparseAny } from '../addr.ts';
import { nfStateOf, resolverOf } from '../cli/iptables.ts';
import { Getopt } from '../getopt.ts';
import { protoByName, protoByNumber } from '../netdb.ts';
import { CONNTRACK_HELP } from './help.ts';
import { type ConnEntry, expire, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Tuple } from './table.ts';
import { ctOf } from './track.ts';

const PREFIX = 'conntrack v1.4.7 (conntrack-tools): ';

type Command = 'L' | 'D' | 'F' | 'C' | 'G' | 'E' | 'S' | 'I' | 'U';

interface Filter {
  src?: number;
  dst?: number;
  rsrc?: number;
  rdst?: number;
  proto?: number;
  sport?: number;
  dport?: number;
  mark?: number;
  status?: string;
  state?: string;
}

class CtError extends Error {}

const LONG: Array<[string, 0 | 1 | 2, string]> = [
  ['dump', 2, 'L'],
  ['delete', 2, 'D'],
  ['flush', 2, 'F'],
  ['count', 2, 'C'],
  ['get', 2, 'G'],
  ['event', 2, 'E'],
  ['stats', 2, 'S'],
  ['create', 2, 'I'],
  ['update', 2, 'U'],
  ['src', 1, 's'],
  ['orig-src', 1, 's'],
  ['dst', 1, 'd'],
  ['orig-dst', 1, 'd'],
  ['reply-src', 1, 'r'],
  ['reply-dst', 1, 'q'],
  ['protonum', 1, 'p'],
  ['family', 1, 'f'],
  ['timeout', 1, 't'],
  ['status', 1, 'u'],
  ['mark', 1, 'm'],
  ['zero', 0, 'z'],
  ['output', 1, 'o'],
  ['zone', 1, 'w'],
  ['sport', 1, '1'],
  ['orig-port-src', 1, '1'],
  ['dport', 1, '2'],
  ['orig-port-dst', 1, '2'],
  ['state', 1, '3'],
  ['icmp-type', 1, '4'],
  ['icmp-code', 1, '5'],
  ['icmp-id', 1, '6'],
  ['help', 0, 'h'],
  ['version', 0, 'V'],
];

function protoName(n: number): string {
  return protoByNumber(n) ?? 'unknown';
}

/** The l4 part of a tuple: ports, or ICMP type/code/id. */
function l4Text(t: Tuple): string {
  if (t.proto === IPPROTO_TCP || t.proto === IPPROTO_UDP) return `sport=${t.sport} dport=${t.dport} `;
  if (t.proto === IPPROTO_ICMP) return `type=${t.type} code=${t.code} id=${t.sport} `;
  return '';
}

/**
 * An entry's reference count as `use=` shows it: one for the table, plus one for each packet
 * that still points at it, such as a packet waiting for ARP (nf_conntrack_get() on the skb).
 */
function references(ctx: CommandContext): (e: ConnEntry) => number {
  const { ns } = processNet(ctx);
  const counts = new Map<ConnEntry, number>();
  for (const pkt of queuedPackets(netRuntime(ctx.world, ctx.proc.host), ns)) {
    const ct = 'ttl' in pkt ? ctOf(pkt)?.ct : null;
    if (ct) counts.set(ct, (counts.get(ct) ?? 0) + 1);
  }
  return (e) => 1 + (counts.get(e) ?? 0);
}

/**
 * nfct_snprintf() in the default format. The timeout is whole seconds left (jiffies / HZ); the
 * tool always runs a moment after the last packet, so a fresh 30 s entry shows 29.
 */
export function formatEntry(e: ConnEntry, now: number, extended: boolean, use = 1): string {
  const left = Math.max(0, Math.floor((e.expiresAt - now - 1) / 1000));
  let s = extended ? 'ipv4     2 ' : '';
  s += `${protoName(e.orig.proto).padEnd(8)} ${e.orig.proto} ${left} `;
  if (e.tcpState) s += `${e.tcpState} `;
  s += `src=${formatIpv4(e.orig.src)} dst=${formatIpv4(e.orig.dst)} ${l4Text(e.orig)}`;
  if (!e.seenReply) s += '[UNREPLIED] ';
  s += `src=${formatIpv4(e.reply.src)} dst=${formatIpv4(e.reply.dst)} ${l4Text(e.reply)}`;
  if (e.assured) s += '[ASSURED] ';
  s += `mark=${e.mark} use=${use}`;
  return `${s}\n`;
}

function matches(e: ConnEntry, f: Filter): boolean {
  if (f.proto !== undefined && e.orig.proto !== f.proto) return false;
  if (f.src !== undefined && e.orig.src !== f.src) return false;
  if (f.dst !== undefined && e.orig.dst !== f.dst) return false;
  if (f.rsrc !== undefined && e.reply.src !== f.rsrc) return false;
  if (f.rdst !== undefined && e.reply.dst !== f.rdst) return false;
  if (f.sport !== undefined && e.orig.sport !== f.sport) return false;
  if (f.dport !== undefined && e.orig.dport !== f.dport) return false;
  if (f.mark !== undefined && e.mark !== f.mark) return false;
  if (f.state !== undefined && e.tcpState !== f.state.toUpperCase()) return false;
  if (f.status !== undefined) {
    const want = f.status.toUpperCase();
    if (want === 'ASSURED' && !e.assured) return false;
    if (want === 'SEEN_REPLY' && !e.seenReply) return false;
  }
  return true;
}

export function conntrack(ctx: CommandContext): number {
  const g = new Getopt<string>(
    ctx.argv,
    'L::D::F::C::G::E::S::I::U::s:d:r:q:p:f:t:u:m:zo:w:n:g:j:hV',
    LONG.map(([name, hasArg, value]) => ({ name, hasArg, value })),
    (c) => c,
  );
  let command: Command | null = null;
  const filter: Filter = {};
  let extended = false;
  const resolver = resolverOf(ctx);
  const addr = (text: string) => ipparseAny(text, resolver).addr;
  try {
    for (;;) {
      const r = g.next();
      if (r.kind === 'end') break;
      if (r.kind === 'word') continue;
      if (r.kind !== 'option') throw new CtError(`unknown option \`${ctx.argv[g.optind - 1]}'`);
      const arg = r.arg ?? '';
      switch (r.value) {
        case 'h':
          ctx.stdout.write(CONNTRACK_HELP);
          return 0;
        case 'V':
          ctx.stdout.write(`${PREFIX.slice(0, -2)}\n`);
          return 0;
        case 's':
          filter.src = addr(arg);
          break;
        case 'd':
          filter.dst = addr(arg);
          break;
        case 'r':
          filter.rsrc = addr(arg);
          break;
        case 'q':
          filter.rdst = addr(arg);
          break;
        case 'p': {
          const n = /^\d+$/.test(arg) ? Number(arg) : protoByName(arg.toLowerCase());
          if (n === null) throw new CtError(`\`${arg}' unsupported protocol`);
          filter.proto = n;
          break;
        }
        case 'm':
          filter.mark = Number(arg.split('/')[0]);
          break;
        case 'u':
          filter.status = arg;
          break;
        case '1':
          filter.sport = Number(arg);
          break;
        case '2':
          filter.dport = Number(arg);
          break;
        case '3':
          filter.state = arg;
          break;
        case 'o':
          extended = arg.split(',').includes('extended');
          break;
        default:
          if ('LDFCGESIU'.includes(r.value)) command = r.value as Command;
      }
    }
  } catch (e) {
    if (!(e instanceof CtError)) throw e;
    ctx.stderr.write(
      `${PREFIX}${e.message}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`,
    );
    return 2;
  }
  if (command === null) {
    ctx.stdout.write(CONNTRACK_HELP);
    return 0;
  }
  const state = nfStateOf(ctx);
  const now = ctx.world.clock.now();
  expire(state.conntrack, now);
  const table = state.conntrack;
  const selected = table.entries.filter((e) => matches(e, filter));
  const use = references(ctx);
  const show = (e: ConnEntry) => formatEntry(e, now, extended, use(e));
  switch (command) {
    case 'C':
      ctx.stdout.write(`${table.entries.length}\n`);
      return 0;
    case 'F':
      table.entries = [];
      ctx.stderr.write(`${PREFIX}connection tracking table has been emptied.\n`);
      return 0;
    case 'D':
      table.entries = table.entries.filter((e) => !selected.includes(e));
      ctx.stderr.write(`${PREFIX}${selected.length} flow entries have been deleted.\n`);
      ctx.stdout.write(selected.map(show).join(''));
      return selected.length ? 0 : 1;
    default:
      ctx.stderr.write(`${PREFIX}${selected.length} flow entries have been shown.\n`);
      ctx.stdout.write(selected.map(show).join(''));
      return 0;
  }
}
