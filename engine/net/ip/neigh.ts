// `ip neigh` (iproute2 6.1 ip/ipneigh.c): show, flush, get, add, change, replace and del of
// neighbour entries, with the kernel's answers (net/core/neighbour.c neigh_add/neigh_delete).
import type { CommandContext } from '../../commands/types.ts';
import { formatIpv4, formatIpv6, type Ipv6, parseIpv4, parseIpv4Prefix, parseIpv6 } from '../inet.ts';
import { formatMac, type Mac } from '../mac.ts';
import { NUD_NONE, neighCreate, neighExtra, neighRemove, neighStates, neighUpdate } from '../packet/neigh.ts';
import { type NeighExtra, netRuntime } from '../packet/runtime.ts';
import { type Link, linkByName, type Neigh, type NudState } from '../state.ts';
import { type JsonValue, writeJson } from './json.ts';
import { type IpHandler, type IpOptions, matches } from './options.ts';

const USAGE = `Usage: ip neigh { add | del | change | replace }
                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]
                [ protocol PROTO ]

	ip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
				  [ vrf NAME ] [ nomaster ]
	ip neigh get { ADDR | proxy ADDR } dev DEV

STATE := { delay | failed | incomplete | noarp | none |
           permanent | probe | reachable | stale }
`;

/** NUD_* bits (include/uapi/linux/neighbour.h), in the order `ip neigh` prints them. */
const NUD_BITS: Array<[NudState, number]> = [
  ['INCOMPLETE', 0x01],
  ['REACHABLE', 0x02],
  ['STALE', 0x04],
  ['DELAY', 0x08],
  ['PROBE', 0x10],
  ['FAILED', 0x20],
  ['NOARP', 0x40],
  ['PERMANENT', 0x80],
];
const NUD_NOARP = 0x40;
const NUD_PERMANENT = 0x80;
const NUD_FAILED = 0x20;

const bitOf = (s: NudState) => NUD_BITS.find(([n]) => n === s)?.[1] ?? 0;

/** A status with the message already written. */
class Exit extends Error {
  readonly status: number;
  constructor(status: number) {
    super(String(status));
    this.status = status;
  }
}

function die(ctx: CommandContext, message: string, status: number): never {
  ctx.stderr.write(`${message}\n`);
  throw new Exit(status);
}

/** nud_state_a2n(). */
function parseNud(arg: string): NudState | null | undefined {
  if (matches(arg, 'permanent')) return 'PERMANENT';
  if (matches(arg, 'reachable')) return 'REACHABLE';
  if (arg === 'noarp') return 'NOARP';
  if (arg === 'none') return null;
  if (arg === 'stale') return 'STALE';
  if (arg === 'incomplete') return 'INCOMPLETE';
  if (arg === 'delay') return 'DELAY';
  if (arg === 'probe') return 'PROBE';
  if (matches(arg, 'failed')) return 'FAILED';
  return undefined;
}

type Addr = { family: 4; addr: number } | { family: 6; addr: Ipv6 };

/** get_addr(): exits 1 when the text is not an address of the family. */
function getAddr(ctx: CommandContext, opts: IpOptions, arg: string): Addr {
  const v4 = opts.family !== 6 ? parseIpv4(arg) : null;
  if (v4 !== null) return { family: 4, addr: v4 };
  const v6 = opts.family !== 4 ? parseIpv6(arg) : null;
  if (v6) return { family: 6, addr: v6 };
  const name = opts.family === 4 ? 'inet' : opts.family === 6 ? 'inet6' : 'any valid';
  return die(ctx, `Error: ${name} address is expected rather than "${arg}".`, 1);
}

/** ll_addr_a2n(): hex bytes separated by colons; the bad piece is named. */
function parseLladdr(ctx: CommandContext, arg: string): Mac {
  const bytes: number[] = [];
  for (const piece of arg.split(':')) {
    const m = /^\s*(?:0[xX])?([0-9a-fA-F]+)/.exec(piece);
    const v = m ? Number.parseInt(m[1], 16) : Number.NaN;
    if (Number.isNaN(v) || v > 255) die(ctx, `"${piece}" is invalid lladdr.`, 1);
    bytes.push(v);
  }
  return bytes;
}

function sameAddr(n: Neigh, a: Addr): boolean {
  if (n.family !== a.family) return false;
  if (a.family === 4) return n.dst === a.addr;
  return (n.dst as Ipv6).every((g, i) => g === a.addr[i]);
}

function findLink(ctx: CommandContext, opts: IpOptions, name: string): Link {
  return linkByName(opts.ns, name) ?? die(ctx, `Cannot find device "${name}"`, 1);
}

function nextArg(ctx: CommandContext, args: string[], i: number): string {
  if (i + 1 >= args.length) die(ctx, 'Command line is not complete. Try option "help"', 255);
  return args[i + 1];
}

/** ipneigh_modify(): add, change, replace and delete. */
function modify(
  ctx: CommandContext,
  opts: IpOptions,
  args: string[],
  op: 'add' | 'change' | 'replace' | 'del',
): number {
  let state: NudState | null = 'PERMANENT';
  let lla: string | null = null;
  let devName: string | null = null;
  let dst: Addr | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (matches(a, 'lladdr')) {
      const v = nextArg(ctx, args, i++);
      if (lla !== null) die(ctx, `Error: duplicate "lladdr": "${v}" is the second value.`, 255);
      lla = v;
    } else if (a === 'nud') {
      const v = nextArg(ctx, args, i++);
      const s = parseNud(v);
      if (s === undefined) die(ctx, `Error: argument "${v}" is wrong: nud state is bad`, 255);
      state = s;
    } else if (a === 'router' || a === 'use' || a === 'managed' || matches(a, 'extern_learn')) {
      if (a === 'managed') state = null;
    } else if (a === 'dev') {
      devName = nextArg(ctx, args, i++);
    } else if (matches(a, 'protocol')) {
      i++;
    } else {
      let v = a;
      if (v === 'to') v = nextArg(ctx, args, i++);
      if (dst) die(ctx, `Error: either "to" is duplicate, or "${v}" is a garbage.`, 255);
      dst = getAddr(ctx, opts, v);
    }
  }
  if (!devName || !dst) die(ctx, 'Device and destination are required arguments.', 255);
  const lladdr = lla !== null && lla !== 'null' ? parseLladdr(ctx, lla) : null;
  const dev = findLink(ctx, opts, devName);
  const rt = netRuntime(ctx.world, ctx.proc.host);
  const ns = opts.ns;
  const existing = ns.neigh.find((n) => n.dev === dev.ifindex && sameAddr(n, dst)) ?? null;
  if (op === 'del') {
    if (!existing) die(ctx, 'RTNETLINK answers: No such file or directory', 2);
    neighUpdate(rt, dev, existing, null, 'FAILED', { admin: true, override: true });
    neighRemove(rt, ns, existing);
    return 0;
  }
  if (existing && op === 'add') die(ctx, 'RTNETLINK answers: File exists', 2);
  if (!existing && op === 'change') die(ctx, 'RTNETLINK answers: No such file or directory', 2);
  if (lladdr && lladdr.length < 6 && dev.kind !== 'loopback') die(ctx, 'Error: Invalid link address.', 2);
  const valid = state !== null && neighStates.VALID.has(state);
  if (valid && !lladdr && !(existing && neighStates.VALID.has(existing.state)))
    die(ctx, 'Error: No link layer address given.', 2);
  const n = existing ?? neighCreate(rt, dev, dst.addr);
  neighUpdate(rt, dev, n, lladdr, state ?? NUD_NONE, { admin: true, override: op !== 'add' || !existing });
  return 0;
}

interface Filter {
  family: 4 | 6 | null;
  index: number;
  state: number;
  prefix: { family: 4 | 6; addr: number | Ipv6; len: number } | null;
}

function parsePrefix(arg: string, family: 4 | 6 | null): Filter['prefix'] | undefined {
  if (arg === 'default' || arg === 'all' || arg === 'any') return null;
  if (family !== 6) {
    const p = parseIpv4Prefix(arg);
    if (p) return { family: 4, addr: p.addr, len: p.prefix };
  }
  if (family !== 4) {
    const [a, l, ...rest] = arg.split('/');
    const v6 = parseIpv6(a);
    const len = l === undefined ? 128 : /^\d{1,3}$/.test(l) ? Number(l) : -1;
    if (v6 && rest.length === 0 && len >= 0 && len <= 128) return { family: 6, addr: v6, len };
  }
  return undefined;
}

function prefixMatches(p: NonNullable<Filter['prefix']>, n: Neigh): boolean {
  if (p.family !== n.family) return false;
  if (p.family === 4)
    return p.len === 0 || (n.dst as number) >>> (32 - p.len) === (p.addr as number) >>> (32 - p.len);
  const a = p.addr as Ipv6;
  const b = n.dst as Ipv6;
  for (let bit = 0; bit < p.len; bit++) {
    const g = bit >> 4;
    const mask = 0x8000 >> (bit & 15);
    if ((a[g] & mask) !== (b[g] & mask)) return false;
  }
  return true;
}

function selected(f: Filter, n: Neigh): boolean {
  if (f.family && f.family !== n.family) return false;
  if (f.index && f.index !== n.dev) return false;
  const bits = bitOf(n.state);
  if (!(f.state & bits) && (bits || !(f.state & 0x100))) return false;
  return !f.prefix || prefixMatches(f.prefix, n);
}

function listed(opts: IpOptions): Neigh[] {
  return [...opts.ns.neigh].sort((a, b) => a.family - b.family);
}

/** print_neigh() for one entry: its text line, or its JSON object. */
function printNeigh(
  opts: IpOptions,
  f: Filter,
  n: Neigh,
  now: number,
  extra: NeighExtra,
): { text: string; json: JsonValue } {
  const dst = n.family === 4 ? formatIpv4(n.dst as number) : formatIpv6(n.dst as Ipv6);
  const dev = opts.ns.links.get(n.dev)?.name ?? `if${n.dev}`;
  const lladdr = n.lladdr && neighStates.VALID.has(n.state) ? formatMac(n.lladdr) : null;
  const states = NUD_BITS.filter(([s]) => s === n.state).map(([s]) => s);
  const age = (t: number) => Math.max(0, Math.trunc((now - t) / 1000));
  const [used, confirmed, updated] = [age(extra.usedAt), age(extra.confirmedAt), age(n.updatedAt)];
  const json: { [key: string]: JsonValue } = { dst };
  let text = `${dst} `;
  if (!f.index) {
    json.dev = dev;
    text += `dev ${dev} `;
  }
  if (lladdr) {
    json.lladdr = lladdr;
    text += `lladdr ${lladdr} `;
  }
  if (opts.stats) {
    // print_cacheinfo() then NDA_PROBES, spaced exactly as iproute2 6.1 prints them.
    Object.assign(json, { used, confirmed, updated, probes: extra.probes });
    text += ` used ${used}/${confirmed}/${updated}probes ${extra.probes} `;
  }
  if (states.length) json.state = states;
  for (const s of states) text += `${s} `;
  return { text: `${text}\n`, json };
}

/** do_show_or_flush(). */
function showOrFlush(ctx: CommandContext, opts: IpOptions, args: string[], flush: boolean): number {
  const f: Filter = {
    family: opts.family === 4 || opts.family === 6 ? opts.family : null,
    index: 0,
    state: flush ? ~(NUD_PERMANENT | NUD_NOARP) : 0xff & ~NUD_NOARP,
    prefix: null,
  };
  if (flush && args.length === 0) die(ctx, 'Flush requires arguments.', 1);
  let devName: string | null = null;
  let stateGiven = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') {
      const v = nextArg(ctx, args, i++);
      if (devName !== null) die(ctx, `Error: duplicate "dev": "${v}" is the second value.`, 255);
      devName = v;
    } else if (a === 'master' || a === 'vrf') {
      const v = nextArg(ctx, args, i++);
      if (!linkByName(opts.ns, v))
        die(
          ctx,
          `Error: argument "${v}" is wrong: ${a === 'vrf' ? 'Not a valid VRF name' : 'Device does not exist'}\n`,
          255,
        );
    } else if (a === 'nomaster' || a === 'unused' || a === 'proxy') {
      // Accepted; nothing in the simulation is proxied or enslaved to a VRF.
    } else if (a === 'nud') {
      const v = nextArg(ctx, args, i++);
      if (!stateGiven) {
        stateGiven = true;
        f.state = 0;
      }
      const s = parseNud(v);
      let bits: number;
      if (s === undefined) {
        if (v !== 'all') die(ctx, `Error: argument "${v}" is wrong: nud state is bad`, 255);
        bits = flush ? ~NUD_NOARP : ~0;
      } else bits = s === null ? 0x100 : bitOf(s);
      f.state |= bits;
    } else if (matches(a, 'protocol')) {
      i++;
    } else {
      let v = a;
      if (v === 'to') v = nextArg(ctx, args, i++);
      if (matches(v, 'help')) die(ctx, USAGE.trimEnd(), 255);
      const p = parsePrefix(v, f.family);
      if (p === undefined) die(ctx, `Error: argument "${v}" is wrong: to value is invalid\n`, 255);
      f.prefix = p;
      if (!f.family && p) f.family = p.family;
    }
  }
  if (devName !== null) f.index = findLink(ctx, opts, devName).ifindex;
  const rt = netRuntime(ctx.world, ctx.proc.host);
  if (flush) {
    let round = 0;
    for (;;) {
      const doomed = listed(opts).filter((n) => selected(f, n));
      if (doomed.length === 0) {
        if (opts.stats)
          ctx.stdout.write(
            round === 0
              ? 'Nothing to flush.\n'
              : `*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`,
          );
        return 0;
      }
      for (const n of doomed) {
        const dev = opts.ns.links.get(n.dev);
        if (dev) neighUpdate(rt, dev, n, null, 'FAILED', { admin: true, override: true });
        neighRemove(rt, opts.ns, n);
      }
      round++;
      if (opts.stats) ctx.stdout.write(`\n*** Round ${round}, deleting ${doomed.length} entries ***\n`);
      f.state &= ~NUD_FAILED;
    }
  }
  // -0 asks for AF_PACKET neighbours, a table no kernel has.
  const shown = listed(opts)
    .filter((n) => opts.family !== 'link' && selected(f, n))
    .map((n) => printNeigh(opts, f, n, rt.now, neighExtra(rt, n)));
  if (opts.json)
    ctx.stdout.write(
      `${writeJson(
        shown.map((s) => s.json),
        opts.pretty,
      )}\n`,
    );
  else ctx.stdout.write(shown.map((s) => s.text).join(''));
  return 0;
}

/** ipneigh_get(). */
function get(ctx: CommandContext, opts: IpOptions, args: string[]): number {
  let devName: string | null = null;
  let dst: Addr | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') devName = nextArg(ctx, args, i++);
    else {
      let v = a;
      if (v === 'to') v = nextArg(ctx, args, i++);
      if (dst) die(ctx, `Error: either "to" is duplicate, or "${v}" is a garbage.`, 255);
      dst = getAddr(ctx, opts, v);
    }
  }
  if (!devName || !dst) die(ctx, 'Device and address are required arguments.', 1);
  const dev = findLink(ctx, opts, devName);
  const rt = netRuntime(ctx.world, ctx.proc.host);
  const n = opts.ns.neigh.find((e) => e.dev === dev.ifindex && sameAddr(e, dst));
  if (!n) die(ctx, 'RTNETLINK answers: No such file or directory', 2);
  const f: Filter = { family: null, index: 0, state: ~0, prefix: null };
  const shown = printNeigh(opts, f, n, rt.now, neighExtra(rt, n));
  ctx.stdout.write(opts.json ? `${writeJson(shown.json, opts.pretty)}\n` : shown.text);
  return 0;
}

export const ipNeigh: IpHandler = (ctx, opts, args) => {
  netRuntime(ctx.world, ctx.proc.host);
  try {
    if (args.length === 0) return showOrFlush(ctx, opts, [], false);
    const [cmd, ...rest] = args;
    if (matches(cmd, 'add')) return modify(ctx, opts, rest, 'add');
    if (matches(cmd, 'change') || cmd === 'chg') return modify(ctx, opts, rest, 'change');
    if (matches(cmd, 'replace')) return modify(ctx, opts, rest, 'replace');
    if (matches(cmd, 'delete')) return modify(ctx, opts, rest, 'del');
    if (matches(cmd, 'get')) return get(ctx, opts, rest);
    if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list'))
      return showOrFlush(ctx, opts, rest, false);
    if (matches(cmd, 'flush')) return showOrFlush(ctx, opts, rest, true);
    if (matches(cmd, 'help')) die(ctx, USAGE.trimEnd(), 255);
    return die(ctx, `Command "${cmd}" is unknown, try "ip neigh help".`, 255);
  } catch (e) {
    if (e instanceof Exit) return e.status;
    throw e;
  }
};
