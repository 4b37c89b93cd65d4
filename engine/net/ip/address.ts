// `ip address`: add, delete, flush and show addresses (ip/ipaddress.c), with the kernel's
// rules for secondaries (net/ipv4/devinet.c) and the error texts recorded from kernel 6.18.
import { broadcastOf, inSubnet, parseIpv4Prefix, parseIpv6 } from '../inet.ts';
import { addAddress, extack, hasCarrier, NetlinkError, removeAddresses, rtnl } from '../netlink.ts';
import { type Addr, type Ipv4Addr, type Link, linkByName, SCOPE } from '../state.ts';
import { addrText } from './addr-print.ts';
import { showLinks } from './link-show.ts';
import { type IpHandler, type IpOptions, IpUsageError, invarg, matches } from './options.ts';

interface AddrArgs {
  local: string | null;
  dev: string | null;
  brd: string | null;
  label: string | null;
  scope: number | null;
  nodad: boolean;
}

function parseAddrArgs(args: string[]): AddrArgs {
  const r: AddrArgs = { local: null, dev: null, brd: null, label: null, scope: null, nodad: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') r.dev = args[++i];
    else if (a === 'brd' || a === 'broadcast') r.brd = args[++i];
    else if (a === 'label') r.label = args[++i];
    else if (a === 'nodad') r.nodad = true;
    else if (a === 'scope') {
      const s = args[++i];
      const named: Record<string, number> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };
      if (s in named) r.scope = named[s];
      else if (/^\d+$/.test(s ?? '')) r.scope = Number(s);
      else throw invarg('invalid scope value.', s ?? '');
    } else if (['valid_lft', 'preferred_lft', 'metric', 'peer'].includes(a)) i++;
    else if (['noprefixroute', 'home', 'mngtmpaddr', 'autojoin'].includes(a)) continue;
    else if (a === 'local' || r.local === null) r.local = a === 'local' ? args[++i] : a;
    else throw new IpUsageError(`Error: either "local" is duplicate, or "${a}" is a garbage.`);
  }
  return r;
}

function device(opts: IpOptions, dev: string | null): Link {
  if (dev === null) throw new IpUsageError('Not enough information: "dev" argument is required.', 1);
  const link = linkByName(opts.ns, dev);
  if (!link) throw new IpUsageError(`Cannot find device "${dev}"`, 1);
  return link;
}

function parseLocal(text: string): {
  family: 4 | 6;
  v4?: { addr: number; prefix: number };
  v6?: { addr: number[]; prefix: number };
} {
  if (text.includes(':')) {
    const [a, p] = text.split('/');
    const addr = parseIpv6(a);
    const prefix = p === undefined ? 128 : /^\d{1,3}$/.test(p) && Number(p) <= 128 ? Number(p) : -1;
    if (!addr || prefix < 0)
      throw new IpUsageError(`Error: any valid prefix is expected rather than "${text}".`, 1);
    return { family: 6, v6: { addr, prefix } };
  }
  const v4 = parseIpv4Prefix(text);
  if (!v4) throw new IpUsageError(`Error: any valid prefix is expected rather than "${text}".`, 1);
  return { family: 4, v4 };
}

function add(ctx: Parameters<IpHandler>[0], opts: IpOptions, args: string[]): number {
  const r = parseAddrArgs(args);
  if (r.local === null) throw new IpUsageError('Not enough information: "dev" argument is required.', 1);
  const local = parseLocal(r.local);
  const link = device(opts, r.dev);
  const now = ctx.world.clock.now();
  if (local.family === 6) {
    const v6 = local.v6!;
    if (
      link.addrs.some(
        (a) => a.family === 6 && addrText(a) === addrText({ family: 6, local: v6.addr } as Addr),
      )
    )
      throw rtnl('File exists');
    const scope =
      r.scope ??
      (v6.addr[0] === 0xfe80
        ? SCOPE.link
        : v6.addr.every((g, i) => g === (i === 7 ? 1 : 0))
          ? SCOPE.host
          : SCOPE.global);
    const dadDoneAt = hasCarrier(link) ? now + 1000 + ctx.world.random.int(1000) : Number.POSITIVE_INFINITY;
    addAddress(ctx.world, link, {
      family: 6,
      local: v6.addr,
      prefix: v6.prefix,
      scope,
      nodad: r.nodad,
      dadDoneAt,
      dadFailed: false,
      addedAt: now,
    });
    return 0;
  }
  const { addr, prefix } = local.v4!;
  if (link.addrs.some((a) => a.family === 4 && a.local === addr))
    throw extack('ipv4: Address already assigned.');
  let broadcast: number | null = null;
  if (r.brd === '+') broadcast = broadcastOf(addr, prefix);
  else if (r.brd === '-') broadcast = null;
  else if (r.brd !== null) {
    const b = parseIpv4Prefix(r.brd);
    if (!b) throw invarg('invalid broadcast address', r.brd);
    broadcast = b.addr;
  }
  // net/ipv4/devinet.c __inet_insert_ifa(): an address in the subnet of a primary is secondary.
  const secondary = link.addrs.some(
    (a) => a.family === 4 && !a.secondary && a.prefix === prefix && inSubnet(addr, a.local, prefix),
  );
  const scope = r.scope ?? (addr >>> 24 === 127 ? SCOPE.host : SCOPE.global);
  addAddress(ctx.world, link, {
    family: 4,
    local: addr,
    prefix,
    broadcast,
    label: r.label,
    scope,
    secondary,
    localRoute: true,
  } satisfies Ipv4Addr);
  return 0;
}

function del(ctx: Parameters<IpHandler>[0], opts: IpOptions, args: string[]): number {
  const r = parseAddrArgs(args);
  const link = device(opts, r.dev);
  if (r.local === null) throw rtnl('Operation not supported');
  const local = parseLocal(r.local);
  if (local.family === 6) {
    const text = addrText({ family: 6, local: local.v6!.addr } as Addr);
    const found = link.addrs.find(
      (a) => a.family === 6 && addrText(a) === text && a.prefix === local.v6!.prefix,
    );
    if (!found) throw extack('ipv6: address not found.');
    removeAddresses(ctx.world, link, (a) => a === found);
    return 0;
  }
  const { addr, prefix } = local.v4!;
  const found = link.addrs.find(
    (a): a is Ipv4Addr =>
      a.family === 4 && a.local === addr && (!r.local?.includes('/') || a.prefix === prefix),
  );
  if (!found) throw extack('ipv4: Address not found.');
  deleteV4(ctx, link, found);
  return 0;
}

/** Deleting a primary deletes its secondaries, or promotes one with promote_secondaries=1. */
function deleteV4(ctx: Parameters<IpHandler>[0], link: Link, found: Ipv4Addr): void {
  const promote = link.ns.sysctl.get(`net/ipv4/conf/${link.name}/promote_secondaries`) === '1';
  const subnetSecondaries = found.secondary
    ? []
    : link.addrs.filter(
        (a): a is Ipv4Addr =>
          a.family === 4 &&
          a.secondary &&
          a.prefix === found.prefix &&
          inSubnet(a.local, found.local, found.prefix),
      );
  if (promote && subnetSecondaries.length > 0) {
    const next = subnetSecondaries[0];
    next.secondary = false;
    removeAddresses(ctx.world, link, (a) => a === found);
    // The promoted address takes the deleted primary's place in the list.
    link.addrs.splice(link.addrs.indexOf(next), 1);
    link.addrs.unshift(next);
    return;
  }
  removeAddresses(ctx.world, link, (a) => a === found || subnetSecondaries.includes(a as Ipv4Addr));
}

function flush(ctx: Parameters<IpHandler>[0], opts: IpOptions, args: string[]): number {
  if (args.length === 0) throw new IpUsageError('Flush requires arguments.', 1);
  let dev: string | null = null;
  let label: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') dev = args[++i];
    else if (args[i] === 'label') label = args[++i];
    else if (args[i] === 'scope') i++;
    else dev = args[i];
  }
  const links = dev !== null ? [linkByName(opts.ns, dev)] : [...opts.ns.links.values()];
  if (links[0] === null) throw new IpUsageError(`Device "${dev}" does not exist.`, 1);
  for (const link of links as Link[]) {
    removeAddresses(
      ctx.world,
      link,
      (a) =>
        (opts.family === 'any' || a.family === opts.family) &&
        (label === null || (a.family === 4 && a.label === label)),
    );
  }
  return 0;
}

export const ipAddress: IpHandler = (ctx, opts, args) => {
  const [cmd, ...rest] = args;
  try {
    if (cmd === undefined) return showLinks(ctx, opts, [], true);
    if (matches(cmd, 'add') || matches(cmd, 'replace') || matches(cmd, 'change')) return add(ctx, opts, rest);
    if (matches(cmd, 'delete')) return del(ctx, opts, rest);
    if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst'))
      return showLinks(ctx, opts, rest, true);
    if (matches(cmd, 'flush')) return flush(ctx, opts, rest);
  } catch (e) {
    if (e instanceof NetlinkError) {
      ctx.stderr.write(`${e.message}\n`);
      return e.status;
    }
    throw e;
  }
  ctx.stderr.write(`Command "${cmd}" is unknown, try "ip address help".\n`);
  return 255;
};
