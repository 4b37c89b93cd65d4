// The conntrack match, revision 3, and the state match that iptables-nft stores as its alias
// (extensions/libxt_conntrack.c, net/netfilter/xt_conntrack.c): states, protocol, tuple
// addresses and ports, status bits, remaining lifetime and direction of the packet's connection.
import { type AddrMask, ipparseAny, listAddr, NO_RESOLVER, type Resolver } from '../addr.ts';
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import type { PacketContext } from '../packet/context.ts';
import { parseProtocol, strtouiEnd } from '../xtables.ts';
import { type PortRange, parsePortRc } from './ports.ts';

/** State bits in the order print_state() lists them. */
const STATES: Array<[string, number]> = [
  ['INVALID', 1],
  ['NEW', 8],
  ['RELATED', 4],
  ['ESTABLISHED', 2],
  ['UNTRACKED', 64],
  ['SNAT', 128],
  ['DNAT', 256],
];
/** The order conntrack_ps_state() tries names in (prefixes allowed). */
const PARSE_ORDER = ['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'];
const STATUS: Array<[string, number]> = [
  ['EXPECTED', 1],
  ['SEEN_REPLY', 2],
  ['ASSURED', 4],
  ['CONFIRMED', 8],
];
const STATUS_PARSE = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];

type AddrKey = 'origsrc' | 'origdst' | 'replsrc' | 'repldst';
type PortKey = 'origsrcport' | 'origdstport' | 'replsrcport' | 'repldstport';

interface ConntrackData {
  /** Option ids given (match_flags), and which of them are inverted. */
  flags: number;
  inv: number;
  alias: boolean;
  stateMask: number;
  l4proto: number;
  addrs: Partial<Record<AddrKey, AddrMask>>;
  ports: Partial<Record<PortKey, PortRange>>;
  statusMask: number;
  expires: [number, number];
  /** --ctdir: true for REPLY. */
  dirReply: boolean;
}

const ADDR_IDS: Record<number, AddrKey> = { 2: 'origsrc', 3: 'origdst', 4: 'replsrc', 5: 'repldst' };
const PORT_IDS: Record<number, PortKey> = {
  6: 'origsrcport',
  7: 'origdstport',
  8: 'replsrcport',
  9: 'repldstport',
};
const O_STATE = 0;
const O_PROTO = 1;
const O_STATUS = 10;
const O_EXPIRE = 11;
const O_DIR = 12;

const OPTS: OptSpec[] = [
  { name: 'ctstate', id: O_STATE, arg: true, invert: true },
  { name: 'ctproto', id: O_PROTO, arg: true, invert: true },
  ...Object.entries(ADDR_IDS).map(([id, key]) => ({
    name: `ct${key}`,
    id: Number(id),
    arg: true,
    invert: true,
  })),
  { name: 'ctstatus', id: O_STATUS, arg: true, invert: true },
  { name: 'ctexpire', id: O_EXPIRE, arg: true, invert: true },
  ...Object.entries(PORT_IDS).map(([id, key]) => ({
    name: `ct${key}`,
    id: Number(id),
    arg: true,
    invert: true,
  })),
  { name: 'ctdir', id: O_DIR, arg: true },
];

/** conntrack_ps_states()/state_parse_states(): comma-separated, each a case-insensitive prefix. */
function parseList(arg: string, names: string[], what: string, bits: (name: string) => number): number {
  let mask = 0;
  const items = arg.split(',');
  items.forEach((item, i) => {
    const rest = items.slice(i).join(',');
    const name = item === '' ? undefined : names.find((n) => n.toLowerCase().startsWith(item.toLowerCase()));
    if (name === undefined) throw new ParamError(`Bad ${what} "${rest}"`);
    mask |= bits(name);
  });
  return mask;
}

const stateBit = (name: string) => STATES.find(([n]) => n === name)![1];
const statusBit = (name: string) => STATUS.find(([n]) => n === name)?.[1] ?? 0;

function stateText(mask: number): string {
  return ` ${STATES.filter(([, b]) => mask & b)
    .map(([n]) => n)
    .join(',')}`;
}

function statusText(mask: number): string {
  const names = STATUS.filter(([, b]) => mask & b).map(([n]) => n);
  return ` ${names.length ? names.join(',') : 'NONE'}`;
}

function dump(d: ConntrackData, prefix: string, numeric: boolean, resolver: Resolver = NO_RESOLVER): string {
  const has = (id: number) => d.flags & (1 << id);
  const not = (id: number) => (d.inv & (1 << id) ? ' !' : '');
  let s = '';
  if (has(O_STATE)) s += `${not(O_STATE)} ${prefix}${d.alias ? 'state' : 'ctstate'}${stateText(d.stateMask)}`;
  if (has(O_PROTO)) s += `${not(O_PROTO)} ${prefix}ctproto ${d.l4proto}`;
  for (const [id, key] of Object.entries(ADDR_IDS)) {
    const a = d.addrs[key];
    if (!has(Number(id)) || !a) continue;
    const text = !numeric && a.addr === 0 ? 'anywhere' : listAddr(a.addr, a.mask, numeric, resolver);
    s += `${not(Number(id))} ${prefix}ct${key} ${text}`;
  }
  for (const [id, key] of Object.entries(PORT_IDS)) {
    const p = d.ports[key];
    if (!has(Number(id)) || !p) continue;
    const text = p[1] === 0 || p[0] === p[1] ? `${p[0]}` : `${p[0]}:${p[1]}`;
    s += `${not(Number(id))} ${prefix}ct${key} ${text}`;
  }
  if (has(O_STATUS)) s += `${not(O_STATUS)} ${prefix}ctstatus${statusText(d.statusMask)}`;
  if (has(O_EXPIRE)) {
    const [lo, hi] = d.expires;
    s += `${not(O_EXPIRE)} ${prefix}ctexpire ${lo === hi ? lo : `${lo}:${hi}`}`;
  }
  if (has(O_DIR)) s += ` ${prefix}ctdir ${d.dirReply ? 'REPLY' : 'ORIGINAL'}`;
  return s;
}

const init = (): ConntrackData => ({
  flags: 0,
  inv: 0,
  alias: false,
  stateMask: 0,
  l4proto: 0,
  addrs: {},
  ports: {},
  statusMask: 0,
  expires: [0, 0],
  dirReply: false,
});

/** The state bits of a packet (XT_CONNTRACK_STATE_BIT of its ctinfo, or INVALID/UNTRACKED). */
export function packetStateBits(pc: PacketContext, withNat: boolean): number {
  if (pc.untracked) return 64;
  if (!pc.ct || !pc.ctinfo) return 1;
  let bits = pc.ctinfo === 'new' ? 8 : pc.ctinfo.startsWith('related') ? 4 : 2;
  if (withNat && pc.ct.srcNat) bits |= 128;
  if (withNat && pc.ct.dstNat) bits |= 256;
  return bits;
}

function ctMatch(d: ConntrackData, pc: PacketContext): boolean {
  const has = (id: number) => d.flags & (1 << id);
  const inv = (id: number) => (d.inv & (1 << id)) !== 0;
  if (has(O_STATE) && ((d.stateMask & packetStateBits(pc, true)) !== 0) === inv(O_STATE)) return false;
  const ct = pc.ct;
  if (!ct || pc.untracked) return has(O_STATE) !== 0;
  const reply = pc.ctinfo?.endsWith('reply') ?? false;
  if (has(O_DIR) && reply !== d.dirReply) return false;
  if (has(O_PROTO) && (ct.orig.proto === d.l4proto) === inv(O_PROTO)) return false;
  const tuples = { orig: ct.orig, repl: ct.reply };
  for (const [id, key] of Object.entries(ADDR_IDS)) {
    const a = d.addrs[key];
    if (!has(Number(id)) || !a) continue;
    const t = tuples[key.startsWith('orig') ? 'orig' : 'repl'];
    const addr = key.endsWith('src') ? t.src : t.dst;
    if (((addr & a.mask) >>> 0 === a.addr) === inv(Number(id))) return false;
  }
  for (const [id, key] of Object.entries(PORT_IDS)) {
    const p = d.ports[key];
    if (!has(Number(id)) || !p) continue;
    const t = tuples[key.startsWith('orig') ? 'orig' : 'repl'];
    const port = key.includes('src') ? t.sport : t.dport;
    if ((port >= p[0] && port <= p[1]) === inv(Number(id))) return false;
  }
  if (has(O_STATUS)) {
    const status = (ct.seenReply ? 2 : 0) | (ct.assured ? 4 : 0) | (ct.confirmed ? 8 : 0);
    if (((status & d.statusMask) !== 0) === inv(O_STATUS)) return false;
  }
  if (has(O_EXPIRE)) {
    const left = Math.max(0, Math.floor((ct.expiresAt - pc.now) / 1000));
    if ((left >= d.expires[0] && left <= d.expires[1]) === inv(O_EXPIRE)) return false;
  }
  return true;
}

export const conntrackMatch = defineMatch<ConntrackData>({
  name: 'conntrack',
  options: OPTS,
  conntrack: true,
  init,
  parse(d, opt, arg, invert, ctx, flags) {
    optionPrecheck('conntrack', opt, arg, invert, flags);
    const bit = 1 << opt.id;
    d.flags |= bit;
    if (invert && opt.id !== O_DIR) d.inv |= bit;
    const a = arg!;
    if (opt.id === O_STATE) d.stateMask |= parseList(a, PARSE_ORDER, 'ctstate', stateBit);
    else if (opt.id === O_PROTO) d.l4proto = parseProtocol(a);
    else if (opt.id === O_STATUS) d.statusMask |= parseList(a, STATUS_PARSE, 'ctstatus', statusBit);
    else if (opt.id === O_EXPIRE) {
      const lo = strtouiEnd(a, 0, 0xffffffff);
      const hi = lo?.rest.startsWith(':') ? strtouiEnd(lo.rest.slice(1), 0, 0xffffffff) : null;
      if (!lo || (lo.rest !== '' && hi?.rest !== ''))
        throw new ParamError(
          `conntrack: bad value for option "--ctexpire", or out of range (0-4294967295).\n`,
        );
      d.expires = [lo.value, hi ? hi.value : lo.value];
    } else if (opt.id === O_DIR) {
      if (a.toUpperCase() === 'ORIGINAL') d.dirReply = false;
      else if (a.toUpperCase() === 'REPLY') d.dirReply = true;
      else throw new ParamError(`conntrack: Bad value for "--ctdir" option: "${a}"`);
    } else if (ADDR_IDS[opt.id]) d.addrs[ADDR_IDS[opt.id]] = ipparseAny(a, ctx.resolver);
    else if (PORT_IDS[opt.id]) d.ports[PORT_IDS[opt.id]] = parsePortRc('conntrack', opt.name, a);
  },
  check(_d, flags) {
    if (flags === 0) throw new ParamError('conntrack: At least one option is required');
  },
  save: (d) => dump(d, '--', true),
  print: (d, _ip, numeric, resolver) => dump(d, '', numeric, resolver),
  match: ctMatch,
});

export const stateMatch = defineMatch<ConntrackData>({
  name: 'state',
  options: [{ name: 'state', id: O_STATE, arg: true, invert: true, mand: true }],
  conntrack: true,
  init: () => ({ ...init(), alias: true }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('state', opt, arg, invert, flags);
    if (arg!.endsWith(','))
      throw new ParamError('"--state" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED');
    d.flags = 1 << O_STATE;
    d.stateMask = parseList(arg!, PARSE_ORDER.slice(0, 5), 'state', stateBit);
    if (invert) d.inv |= 1 << O_STATE;
  },
  save: (d) => dump(d, '--', true),
  print: (d, _ip, numeric, resolver) => dump(d, '', numeric, resolver),
  match: (d, pc) => ((d.stateMask & packetStateBits(pc, false)) !== 0) !== ((d.inv & 1) !== 0),
});
