// `ip link`: add, set, delete and show links (ip/iplink.c), translated into netlink.ts calls.
import type { CommandContext } from '../../commands/types.ts';
import { parseMac } from '../mac.ts';
import {
  linkAdd,
  linkDel,
  NetlinkError,
  rename,
  setAddress,
  setMaster,
  setMtu,
  setNetns,
  setUp,
  validIfname,
} from '../netlink.ts';
import { findNamed, type Link, type LinkKind, linkByName, type Netns } from '../state.ts';
import { showLinks } from './link-show.ts';
import { type IpHandler, type IpOptions, IpUsageError, invarg, matches } from './options.ts';

const KINDS: Record<string, LinkKind> = { veth: 'veth', bridge: 'bridge', dummy: 'dummy' };

interface LinkSpec {
  name: string | null;
  mtu?: number;
  mac?: number[];
  netns?: Netns;
}

function parseMtu(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw invarg('Invalid "mtu" value\n', value ?? '');
  return Number(value);
}

/** lib/ll_addr.c ll_addr_a2n(): the first byte that does not parse is named in the error. */
function parseLladdr(value: string | undefined): number[] {
  const mac = value === undefined ? null : parseMac(value);
  if (!mac) {
    const bad = (value ?? '').split(':').find((p) => !/^[0-9a-fA-F]{1,2}$/.test(p)) ?? value ?? '';
    throw new IpUsageError(`"${bad}" is invalid lladdr.`, 1);
  }
  return mac;
}

function netnsArg(opts: IpOptions, value: string | undefined): Netns {
  const ns = value === undefined ? null : findNamed(opts.stack, value);
  if (!ns) throw invarg('Invalid "netns" value\n', value ?? '');
  return ns;
}

/** Parses the common device attributes up to `type`; returns the rest after `type KIND`. */
function parseSpec(opts: IpOptions, args: string[]): { spec: LinkSpec; kind: string | null; rest: string[] } {
  const spec: LinkSpec = { name: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'type') return { spec, kind: args[i + 1] ?? '', rest: args.slice(i + 2) };
    if (a === 'name') spec.name = args[++i];
    else if (a === 'mtu') spec.mtu = parseMtu(args[++i]);
    else if (a === 'address' || a === 'addr') spec.mac = parseLladdr(args[++i]);
    else if (a === 'netns') spec.netns = netnsArg(opts, args[++i]);
    else if (a === 'txqueuelen' || a === 'qlen' || a === 'numtxqueues' || a === 'numrxqueues') i++;
    else if (a === 'dev' || spec.name === null) spec.name = a === 'dev' ? args[++i] : a;
    else throw new IpUsageError(`Error: either "dev" is duplicate, or "${a}" is a garbage.`);
  }
  return { spec, kind: null, rest: [] };
}

function checkName(name: string | null): void {
  if (name !== null && !validIfname(name))
    throw new IpUsageError(`Error: argument "${name}" is wrong: "name" not a valid ifname`);
}

function add(ctx: CommandContext, opts: IpOptions, args: string[]): number {
  const { spec, kind, rest } = parseSpec(opts, args);
  if (kind === null) throw new IpUsageError('Not enough information: "type" argument is required', 1);
  const linkKind = KINDS[kind];
  if (!linkKind) throw new NetlinkError('Error: Unknown device type.');
  checkName(spec.name);
  let peer: { name: string | null; ns: Netns; mtu?: number; mac?: number[] } | undefined;
  if (linkKind === 'veth') {
    let peerArgs = rest;
    if (peerArgs[0] === 'peer') peerArgs = peerArgs.slice(1);
    else if (peerArgs.length > 0)
      throw new IpUsageError(`Error: either "dev" is duplicate, or "${peerArgs[0]}" is a garbage.`);
    const parsed = parseSpec(opts, peerArgs).spec;
    checkName(parsed.name);
    peer = { name: parsed.name, ns: parsed.netns ?? spec.netns ?? opts.ns, mtu: parsed.mtu, mac: parsed.mac };
  }
  linkAdd(ctx.world, {
    name: spec.name,
    kind: linkKind,
    ns: spec.netns ?? opts.ns,
    mtu: spec.mtu,
    mac: spec.mac,
    peer,
  });
  return 0;
}

function device(opts: IpOptions, name: string): Link {
  const link = linkByName(opts.ns, name);
  if (!link) throw new IpUsageError(`Cannot find device "${name}"`, 1);
  return link;
}

function set(ctx: CommandContext, opts: IpOptions, args: string[]): number {
  let dev: string | null = null;
  const actions: Array<(link: Link) => void> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i];
    if (a === 'up' || a === 'down') actions.push((l) => setUp(ctx.world, l, a === 'up'));
    else if (a === 'name') {
      const name = value();
      checkName(name ?? '');
      actions.push((l) => rename(ctx.world, l, name));
    } else if (a === 'mtu') {
      const mtu = parseMtu(value());
      actions.push((l) => setMtu(ctx.world, l, mtu));
    } else if (a === 'address' || a === 'addr') {
      const mac = parseLladdr(value());
      actions.push((l) => setAddress(ctx.world, l, mac));
    } else if (a === 'netns') {
      const target = netnsArg(opts, value());
      actions.push((l) => setNetns(ctx.world, l, target));
    } else if (a === 'master') {
      const name = value();
      const master = linkByName(opts.ns, name ?? '');
      if (!master) throw invarg('Device does not exist\n', name ?? '');
      actions.push((l) => setMaster(ctx.world, l, master));
    } else if (a === 'nomaster') actions.push((l) => setMaster(ctx.world, l, null));
    else if (a === 'addrgenmode') {
      const mode = value();
      actions.push((l) => {
        l.addrGenNone = mode === 'none';
      });
    } else if (
      ['arp', 'multicast', 'promisc', 'allmulticast', 'txqueuelen', 'qlen', 'alias', 'group'].includes(a)
    )
      i++;
    else if (a === 'dev' || dev === null) dev = a === 'dev' ? value() : a;
    else throw new IpUsageError(`Error: either "dev" is duplicate, or "${a}" is a garbage.`);
  }
  if (dev === null) throw new IpUsageError('Not enough information: "dev" argument is required.');
  const link = device(opts, dev);
  for (const action of actions) action(link);
  return 0;
}

function del(ctx: CommandContext, opts: IpOptions, args: string[]): number {
  const rest = args[0] === 'dev' ? args.slice(1) : args;
  if (rest.length === 0) throw new IpUsageError('Not enough information: "dev" argument is required.');
  const dev = rest[0];
  linkDel(ctx.world, device(opts, dev));
  return 0;
}

export const ipLink: IpHandler = (ctx, opts, args) => {
  const [cmd, ...rest] = args;
  try {
    if (cmd === undefined) return showLinks(ctx, opts, [], false);
    if (matches(cmd, 'add')) return add(ctx, opts, rest);
    if (matches(cmd, 'set') || matches(cmd, 'change')) return set(ctx, opts, rest);
    if (matches(cmd, 'delete')) return del(ctx, opts, rest);
    if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list'))
      return showLinks(ctx, opts, rest, false);
  } catch (e) {
    if (e instanceof NetlinkError) {
      ctx.stderr.write(`${e.message}\n`);
      return e.status;
    }
    throw e;
  }
  ctx.stderr.write(`Command "${cmd}" is unknown, try "ip link help".\n`);
  return 255;
};
