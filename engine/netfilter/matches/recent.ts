// The recent match, revision 1 (extensions/libxt_recent.c of iptables 1.8.9,
// net/netfilter/xt_recent.c): named per-namespace lists of recently seen addresses, --set to
// record, --rcheck/--update/--remove to test, --seconds/--hitcount/--rttl/--reap to refine. The
// lists live in NfState.recent and follow the rules that name them (syncRecentTables at commit).
import { formatIpv4 } from '../../net/inet.ts';
import type { Resolver } from '../addr.ts';
import { ParamError } from '../errors.ts';
import { defineMatch, type OptSpec, optionPrecheck } from '../module.ts';
import type { PacketContext } from '../packet/context.ts';
import type { NfState } from '../state.ts';
import { parseUint } from '../xtables.ts';

type Action = 'set' | 'rcheck' | 'update' | 'remove';

interface RecentData {
  action: Action | null;
  invert: boolean;
  /** 0 when not given; printed with %d, so 4294967295 shows as -1. */
  seconds: number;
  hitCount: number;
  rttl: boolean;
  reap: boolean;
  name: string;
  dest: boolean;
  mask: number;
}

/** One address of a list (struct recent_entry): its last packets' times as a ring. */
export interface RecentEntry {
  addr: number;
  ttl: number;
  /** Simulated ms of the packets seen, a ring of nstampsMask + 1 slots. */
  stamps: number[];
  /** Where the next stamp goes (1-based count, masked before use, as the kernel keeps it). */
  index: number;
  nstamps: number;
}

/** One named list (struct recent_table); entries in LRU order, the oldest first. */
export interface RecentTable {
  mask: number;
  nstampsMask: number;
  entries: RecentEntry[];
}

export type RecentTables = Record<string, RecentTable>;

const O_SET = 0;
const O_RCHECK = 1;
const O_UPDATE = 2;
const O_REMOVE = 3;
const O_SECONDS = 4;
const O_REAP = 5;
const O_HITCOUNT = 6;
const O_RTTL = 7;
const O_NAME = 8;
const O_RSOURCE = 9;
const O_RDEST = 10;
const O_MASK = 11;
const F_SET = 1 << O_SET;
const F_REMOVE = 1 << O_REMOVE;
const F_ANY_OP = F_SET | (1 << O_RCHECK) | (1 << O_UPDATE) | F_REMOVE;

/** recent_opts_v1 (libxt_recent.c): the four actions exclude each other, --reap needs --seconds. */
const OPTS: OptSpec[] = [
  { name: 'set', id: O_SET, arg: false, invert: true, excl: F_ANY_OP },
  { name: 'rcheck', id: O_RCHECK, arg: false, invert: true, excl: F_ANY_OP },
  { name: 'update', id: O_UPDATE, arg: false, invert: true, excl: F_ANY_OP },
  { name: 'remove', id: O_REMOVE, arg: false, invert: true, excl: F_ANY_OP },
  { name: 'seconds', id: O_SECONDS, arg: true },
  { name: 'reap', id: O_REAP, arg: false, also: 1 << O_SECONDS },
  { name: 'hitcount', id: O_HITCOUNT, arg: true },
  { name: 'rttl', id: O_RTTL, arg: false, excl: F_SET | F_REMOVE },
  { name: 'name', id: O_NAME, arg: true },
  { name: 'rsource', id: O_RSOURCE, arg: false },
  { name: 'rdest', id: O_RDEST, arg: false },
  { name: 'mask', id: O_MASK, arg: true },
];

const ACTIONS: Record<number, Action> = {
  [O_SET]: 'set',
  [O_RCHECK]: 'rcheck',
  [O_UPDATE]: 'update',
  [O_REMOVE]: 'remove',
};
const ACTION_LABEL: Record<Action, string> = {
  set: 'SET',
  rcheck: 'CHECK',
  update: 'UPDATE',
  remove: 'REMOVE',
};

/** XT_RECENT_NAME_LEN: the name buffer holds 199 characters; XTTYPE_STRING cuts longer ones. */
const NAME_MAX = 199;
/** ip_list_tot: entries per list before the least recently seen one is dropped. */
const LIST_TOT = 100;
/**
 * XT_RECENT_MAX_NSTAMPS: 65536 since "xt_recent: Lift restrictions on max hitcount value"
 * (2024); Linux 6.1 had 256, but the recordings (89) come from 6.18, which takes --hitcount 256.
 */
const MAX_NSTAMPS = 65536;

/** glibc __inet_aton_exact(): one to four parts in C notation (0x hex, 0 octal), the last filling. */
function inetAton(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const p of parts) {
    if (!/^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$/.test(p)) return null;
    const v = /^0[xX]/.test(p)
      ? Number.parseInt(p.slice(2) || '0', 16)
      : p.length > 1 && p[0] === '0'
        ? Number.parseInt(p, 8)
        : Number(p);
    if (v > 0xffffffff) return null;
    values.push(v);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return null;
  let addr = 0;
  values.forEach((v, i) => {
    addr += v * 2 ** (8 * (3 - i));
  });
  return addr + last;
}

/**
 * XTTYPE_HOST (xtopt_parse_host): getaddrinfo() of the argument. Numbers in inet_aton() form and
 * /etc/hosts names resolve; otherwise glibc fails with "Name or service not known" at once for
 * names that are only digits and dots or hold other characters than a host name's (recorded in
 * 89: 300.0.0.0, 1.2.3.4.5, 255.255.255.0/24), and with no DNS server reachable with "Temporary
 * failure in name resolution" for the rest (89: foo).
 */
function parseHost(arg: string, resolver: Resolver): number {
  const numeric = inetAton(arg);
  if (numeric !== null) return numeric;
  const found = resolver.lookup(arg);
  if (found?.length) return found[0];
  const nonName = /^[0-9.]*$/.test(arg) || /[^A-Za-z0-9._-]/.test(arg);
  const reason = nonName ? 'Name or service not known' : 'Temporary failure in name resolution';
  throw new ParamError(`getaddrinfo: ${reason}\n`);
}

/** printf("%d") of the kernel's unsigned 32-bit value. */
const signed32 = (n: number): number => n | 0;

function saveText(d: RecentData): string {
  let s = d.invert ? ' !' : '';
  if (d.action) s += ` --${d.action}`;
  if (d.seconds) s += ` --seconds ${signed32(d.seconds)}`;
  if (d.reap) s += ' --reap';
  if (d.hitCount) s += ` --hitcount ${signed32(d.hitCount)}`;
  if (d.rttl) s += ' --rttl';
  s += ` --name ${d.name} --mask ${formatIpv4(d.mask)}`;
  return s + (d.dest ? ' --rdest' : ' --rsource');
}

function printText(d: RecentData): string {
  let s = d.invert ? ' !' : '';
  s += ' recent:';
  if (d.action) s += ` ${ACTION_LABEL[d.action]}`;
  if (d.seconds) s += ` seconds: ${signed32(d.seconds)}`;
  if (d.reap) s += ' reap';
  if (d.hitCount) s += ` hit_count: ${signed32(d.hitCount)}`;
  if (d.rttl) s += ' TTL-Match';
  s += ` name: ${d.name} side: ${d.dest ? 'dest' : 'source'}`;
  return `${s} mask: ${formatIpv4(d.mask)}`;
}

/** recent_mt_check(): what the kernel refuses with EINVAL once userspace let the rule through. */
function kernelCheck(d: RecentData): string | null {
  const EINVAL = 'Invalid argument';
  if (d.action === null) return EINVAL;
  if ((d.action === 'set' || d.action === 'remove') && (d.seconds || d.hitCount || d.rttl || d.reap))
    return EINVAL;
  if (d.reap && !d.seconds) return EINVAL;
  if (d.hitCount >= MAX_NSTAMPS) return EINVAL;
  // xt_check_proc_name(): the name becomes a file under /proc/net/xt_recent.
  if (d.name === '' || d.name === '.' || d.name === '..' || d.name.includes('/')) return EINVAL;
  return null;
}

/** roundup_pow_of_two(n) - 1 for n >= 1. */
function ringMask(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p - 1;
}

/** The stamp ring a rule asks for (ip_pkt_list_tot is 0): its hit count rounded up, or 32. */
function nstampsMaskFor(d: RecentData): number {
  return d.hitCount ? ringMask(d.hitCount) : 31;
}

/** The recent match of every rule in the namespace's tables. */
function recentRules(state: NfState): RecentData[] {
  const out: RecentData[] = [];
  for (const table of Object.values(state.tables))
    for (const chain of table?.chains ?? [])
      for (const rule of chain.rules)
        for (const m of rule.matches) if (m.name === 'recent') out.push(m.data as RecentData);
  return out;
}

/**
 * After a ruleset commit, makes the lists follow the rules as recent_mt_check()/destroy()
 * refcount them: a list comes into being with the mask of the first rule naming it, is flushed
 * when a rule needs a longer stamp ring, and disappears with the last rule naming it.
 */
export function syncRecentTables(state: NfState): void {
  const rules = recentRules(state);
  if (!rules.length && !state.recent) return;
  const tables: RecentTables = state.recent ?? {};
  const named = new Map<string, RecentData[]>();
  for (const d of rules) named.set(d.name, [...(named.get(d.name) ?? []), d]);
  for (const name of Object.keys(tables)) if (!named.has(name)) delete tables[name];
  for (const [name, list] of named) {
    const want = Math.max(...list.map(nstampsMaskFor));
    const t = tables[name];
    if (!t) tables[name] = { mask: list[0].mask, nstampsMask: want, entries: [] };
    else if (want > t.nstampsMask) {
      t.entries = [];
      t.nstampsMask = want;
    }
  }
  state.recent = tables;
}

function removeEntry(t: RecentTable, e: RecentEntry): void {
  t.entries = t.entries.filter((x) => x !== e);
}

/** recent_entry_update(): the next stamp slot, and the entry becomes the most recently seen. */
function touch(t: RecentTable, e: RecentEntry, now: number): void {
  e.index &= t.nstampsMask;
  e.stamps[e.index++] = now;
  if (e.index > e.nstamps) e.nstamps = e.index;
  removeEntry(t, e);
  t.entries.push(e);
}

/** The packet's TTL as it was before forwarding (recent_mt() adds one back to forwarded packets). */
function packetTtl(pc: PacketContext): number {
  const forwarded = pc.outDev !== null && pc.hook !== 'OUTPUT' && !pc.pkt.owner;
  return forwarded ? (pc.pkt.ttl + 1) & 0xff : pc.pkt.ttl;
}

function matchPacket(d: RecentData, pc: PacketContext): boolean {
  pc.state.recent ??= {};
  let t = pc.state.recent[d.name];
  if (!t) {
    t = { mask: d.mask, nstampsMask: nstampsMaskFor(d), entries: [] };
    pc.state.recent[d.name] = t;
  }
  const addr = ((d.dest ? pc.pkt.dst : pc.pkt.src) & t.mask) >>> 0;
  const ttl = packetTtl(pc);
  const want = d.rttl ? ttl : 0;
  const e = t.entries.find((x) => x.addr === addr && (want === x.ttl || want === 0 || x.ttl === 0));
  let ret = d.invert;
  if (!e) {
    if (d.action !== 'set') return ret;
    if (t.entries.length >= LIST_TOT) t.entries.shift();
    t.entries.push({ addr, ttl, stamps: [pc.now], index: 1, nstamps: 1 });
    return !ret;
  }
  if (d.action === 'set') ret = !ret;
  else if (d.action === 'remove') {
    removeEntry(t, e);
    ret = !ret;
  } else {
    // jiffies - seconds * HZ: stamps before this instant are too old.
    const since = pc.now - d.seconds * 1000;
    let hits = 0;
    for (let i = 0; i < e.nstamps; i++) {
      if (d.seconds && since > e.stamps[i]) continue;
      if (!d.hitCount || ++hits >= d.hitCount) {
        ret = !ret;
        break;
      }
    }
    if (d.reap) {
      // recent_entry_reap(): only the least recently seen entry, unless it is about to be updated.
      const oldest = t.entries[0];
      const updating = d.action === 'update' && ret;
      if (!(oldest === e && updating) && since > oldest.stamps[oldest.index - 1]) removeEntry(t, oldest);
    }
  }
  if (d.action === 'set' || (d.action === 'update' && ret)) {
    touch(t, e, pc.now);
    e.ttl = ttl;
  }
  return ret;
}

export const recentMatch = defineMatch<RecentData>({
  name: 'recent',
  options: OPTS,
  init: () => ({
    action: null,
    invert: false,
    seconds: 0,
    hitCount: 0,
    rttl: false,
    reap: false,
    name: 'DEFAULT',
    dest: false,
    mask: 0xffffffff,
  }),
  parse(d, opt, arg, invert, ctx, flags) {
    optionPrecheck('recent', opt, arg, invert, flags);
    const action = ACTIONS[opt.id];
    if (action) {
      d.action = action;
      if (invert) d.invert = true;
    } else if (opt.id === O_SECONDS) d.seconds = parseUint('recent', opt.name, arg!, 1, 0xffffffff);
    else if (opt.id === O_HITCOUNT) d.hitCount = parseUint('recent', opt.name, arg!, 0, 0xffffffff);
    else if (opt.id === O_REAP) d.reap = true;
    else if (opt.id === O_RTTL) d.rttl = true;
    else if (opt.id === O_NAME) d.name = arg!.slice(0, NAME_MAX);
    else if (opt.id === O_RSOURCE) d.dest = false;
    else if (opt.id === O_RDEST) d.dest = true;
    else if (opt.id === O_MASK) d.mask = parseHost(arg!, ctx.resolver);
  },
  check(_d, flags) {
    if (!(flags & F_ANY_OP))
      throw new ParamError("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
  },
  kernelCheck,
  save: saveText,
  print: printText,
  match: matchPacket,
});
