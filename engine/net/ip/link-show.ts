// `ip link show` and `ip address show`: filters (dev, type, master, up, label, scope),
// and the default, -br, -o and -j layouts.
import type { CommandContext } from '../../commands/types.ts';
import { globMatch } from '../../shell/pattern.ts';
import { formatMac } from '../mac.ts';
import { type Addr, type Link, linkByName, sortedLinks } from '../state.ts';
import { addrJson, addrLines, addrText, dadFailed, isTentative, orderedAddrs } from './addr-print.ts';
import { detailLines } from './details.ts';
import { writeJson } from './json.ts';
import {
  briefLinkLine,
  briefName,
  displayName,
  linkFlags,
  linkJson,
  linkLines,
  netnsSuffix,
  operstate,
} from './link-print.ts';
import { type IpOptions, IpUsageError, invarg } from './options.ts';
import { statsJson, statsLines } from './stats.ts';

interface Filter {
  dev: string | null;
  type: string | null;
  master: number | null;
  up: boolean;
  label: string | null;
  scope: number | null;
  secondary: boolean | null;
  state: 'tentative' | 'dadfailed' | null;
}

function parseFilter(opts: IpOptions, args: string[], forAddr: boolean): Filter {
  const f: Filter = {
    dev: null,
    type: null,
    master: null,
    up: false,
    label: null,
    scope: null,
    secondary: null,
    state: null,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') f.dev = args[++i];
    else if (a === 'type') f.type = args[++i];
    else if (a === 'master') {
      const name = args[++i];
      const m = linkByName(opts.ns, name ?? '');
      if (!m) throw invarg('Device does not exist\n', name ?? '');
      f.master = m.ifindex;
    } else if (a === 'up') f.up = true;
    else if (forAddr && a === 'label') f.label = args[++i];
    else if (forAddr && a === 'scope') {
      const s = args[++i];
      const named: Record<string, number> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };
      if (s in named) f.scope = named[s];
      else if (/^\d+$/.test(s)) f.scope = Number(s);
      else throw invarg('invalid scope value.', s);
    } else if (forAddr && (a === 'secondary' || a === 'primary')) f.secondary = a === 'secondary';
    else if (forAddr && (a === 'tentative' || a === 'dadfailed')) f.state = a;
    else if (forAddr && ['permanent', 'dynamic', 'deprecated'].includes(a)) continue;
    else f.dev = a;
  }
  return f;
}

function addrPasses(opts: IpOptions, f: Filter, link: Link, a: Addr, now: number): boolean {
  if (f.state === 'tentative' && (a.family !== 6 || !isTentative(link, a, now))) return false;
  if (f.state === 'dadfailed' && (a.family !== 6 || !dadFailed(link, a, now))) return false;
  if (opts.family !== 'any' && opts.family !== a.family) return false;
  if (f.label !== null && (a.family !== 4 || !globMatch(f.label, a.label ?? link.name))) return false;
  if (f.scope !== null && a.scope !== f.scope) return false;
  if (f.secondary !== null && (a.family !== 4 || a.secondary !== f.secondary)) return false;
  return true;
}

export function showLinks(ctx: CommandContext, opts: IpOptions, args: string[], forAddr: boolean): number {
  const f = parseFilter(opts, args, forAddr);
  let links = sortedLinks(opts.ns);
  if (f.dev !== null) {
    const link = linkByName(opts.ns, f.dev);
    if (!link) throw new IpUsageError(`Device "${f.dev}" does not exist.`, 1);
    links = [link];
  }
  if (f.type)
    links = links.filter(
      (l) =>
        (f.type === 'veth' ? l.kind === 'veth' : l.kind === f.type) ||
        (f.type === 'bridge_slave' && l.master !== null),
    );
  if (f.master !== null) links = links.filter((l) => l.master === f.master);
  if (f.up) links = links.filter((l) => l.adminUp);
  const now = ctx.world.clock.now();
  const addrFiltered =
    forAddr &&
    ((opts.family !== 'any' && opts.family !== 'link') ||
      f.label !== null ||
      f.state !== null ||
      f.scope !== null ||
      f.secondary !== null);
  const rows: Array<{ link: Link; addrs: Addr[] }> = [];
  for (const link of links) {
    const all = orderedAddrs(link);
    const addrs =
      forAddr && opts.family !== 'link' ? all.filter((a) => addrPasses(opts, f, link, a, now)) : [];
    const byFamily = opts.family === 4 || opts.family === 6;
    if (addrFiltered && addrs.length === 0 && (byFamily || all.length > 0 || opts.brief || f.label !== null))
      continue;
    rows.push({ link, addrs });
  }
  if (opts.json) {
    const value = rows.map(({ link, addrs }) => {
      const o = linkJson(opts.stack, link, forAddr);
      if (opts.stats > 0) o.stats64 = statsJson(link);
      if (forAddr) o.addr_info = addrs.map((a) => addrJson(link, a, now));
      return o;
    });
    ctx.stdout.write(
      `${writeJson(opts.brief ? rows.map(({ link }) => briefJson(link)) : value, opts.pretty)}\n`,
    );
    return 0;
  }
  let out = '';
  for (const { link, addrs } of rows) {
    if (opts.brief) {
      out += forAddr
        ? `${briefName(link)}${addrs.map((a) => `${addrText(a)}/${a.prefix} `).join('')}\n`
        : `${briefLinkLine(link)}\n`;
      continue;
    }
    if (forAddr && opts.oneline) {
      for (const a of addrs) {
        const [first, life] = addrLines(link, a, now);
        out += `${link.ifindex}: ${link.name}${first.replace(/^ {4}/, '    ')}\\${life}\n`;
      }
      continue;
    }
    // An AF_INET6 link dump (ip -6 addr without dev) carries no qdisc, group or mode.
    const reduced = forAddr && opts.family === 6 && f.dev === null;
    const etherShown = !(forAddr && (opts.family === 4 || opts.family === 6));
    const [header, ether] = reduced
      ? [reducedHeader(link), '']
      : linkLines(opts.stack, link, forAddr, etherShown ? '' : netnsSuffix(opts.stack, link));
    // With a label filter iproute2 prints only the matching address lines (no link header).
    const lines = f.label !== null ? [] : [header];
    if (f.label === null && !(forAddr && (opts.family === 4 || opts.family === 6))) {
      if (opts.details > 0) {
        const d = detailLines(link, forAddr);
        lines.push(`${ether}${d.suffix}`, ...d.lines);
      } else lines.push(ether);
    }
    for (const a of addrs) lines.push(...addrLines(link, a, now));
    if (opts.stats > 0 && f.label === null) lines.push(...statsLines(link, opts.stats));
    if (lines.length > 0) out += opts.oneline ? `${lines.join('\\')}\n` : `${lines.join('\n')}\n`;
  }
  ctx.stdout.write(out);
  return 0;
}

function reducedHeader(link: Link): string {
  return `${link.ifindex}: ${displayName(link)}: <${linkFlags(link).join(',')}> mtu ${link.mtu} state ${operstate(link)} qlen 1000`;
}

/** The -br -j object: name, operstate, MAC and flags. */
function briefJson(link: Link) {
  return {
    ifname: link.name,
    operstate: operstate(link),
    address: formatMac(link.mac),
    flags: linkFlags(link),
  };
}
