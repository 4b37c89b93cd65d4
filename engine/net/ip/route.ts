// `ip route`: show, add, del, replace, change, append and get (ip/iproute.c), over the tables
// kept in state and the kernel's validation (net/ipv4/fib_semantics.c fib_check_nh()).
import { formatIpv4, formatIpv6, networkOf, parseIpv4, parseIpv4Prefix } from '../inet.ts';
import { extack, hasCarrier, NetlinkError, rtnl } from '../netlink.ts';
import { isLinkdown, lookup, tableRoutes } from '../routes.ts';
import {
  type Link,
  linkByName,
  type Netns,
  type Route,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
  SCOPE,
} from '../state.ts';
import { isTentative, scopeName } from './addr-print.ts';
import { writeJson } from './json.ts';
import { type IpHandler, type IpOptions, IpUsageError, invarg, matches } from './options.ts';

const TABLE_NAMES: Record<string, number> = { main: RT_TABLE_MAIN, local: RT_TABLE_LOCAL, default: 253 };
const ROUTE_TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'unreachable',
  'blackhole',
  'prohibit',
  'throw',
  'nat',
  'anycast',
]);

/** Route types whose lookups fail with an error instead of forwarding (net/ipv4/fib_semantics.c). */
const ERROR_TYPES = new Set<string>(['unreachable', 'blackhole', 'prohibit', 'throw']);

function tableId(word: string | undefined): number | 'all' {
  if (word === 'all') return 'all';
  if (word !== undefined && word in TABLE_NAMES) return TABLE_NAMES[word];
  if (word !== undefined && /^\d+$/.test(word)) return Number(word);
  throw invarg('table id value is invalid\n', word ?? '');
}

function tableName(id: number): string {
  return Object.entries(TABLE_NAMES).find(([, v]) => v === id)?.[0] ?? String(id);
}

function devName(ns: Netns, ifindex: number | null): string {
  return ifindex === null ? '' : (ns.links.get(ifindex)?.name ?? `if${ifindex}`);
}

/** One IPv4 route as `ip route` prints it, with its trailing space. */
export function formatRoute(
  ns: Netns,
  r: Route,
  opts: { hideDev?: boolean; showTable?: boolean; details?: boolean },
): string {
  const parts: string[] = [];
  if (r.type !== 'unicast' || opts.details) parts.push(r.type);
  parts.push(
    r.prefix === 0
      ? 'default'
      : r.prefix === 32
        ? formatIpv4(r.dst as number)
        : `${formatIpv4(r.dst as number)}/${r.prefix}`,
  );
  if (r.gateway !== null) parts.push(`via ${formatIpv4(r.gateway as number)}`);
  if (r.dev !== null && !opts.hideDev) parts.push(`dev ${devName(ns, r.dev)}`);
  if (opts.showTable && r.table !== RT_TABLE_MAIN) parts.push(`table ${tableName(r.table)}`);
  if (r.proto !== 'boot' || opts.details) parts.push(`proto ${r.proto}`);
  if (r.scope !== SCOPE.global || opts.details) parts.push(`scope ${scopeName(r.scope)}`);
  if (r.src !== null) parts.push(`src ${formatIpv4(r.src as number)}`);
  if (r.metric !== null) parts.push(`metric ${r.metric}`);
  if (isLinkdown(ns, r)) parts.push('linkdown');
  return `${parts.join(' ')} `;
}

/** IPv6 routes derived from addresses on up links (prefix routes, fe80::/64, local entries). */
function ipv6Routes(ns: Netns, table: number, now: number, showTable: boolean): string[] {
  const rows: Array<{ line: string; key: string; dev: number }> = [];
  const tableText = showTable && table === RT_TABLE_LOCAL ? ' table local' : '';
  for (const link of [...ns.links.values()].sort((a, b) => a.ifindex - b.ifindex)) {
    if (!link.adminUp) continue;
    const carrier = hasCarrier(link);
    if (table === RT_TABLE_LOCAL && link.kind !== 'loopback' && carrier) {
      rows.push({
        line: `multicast ff00::/8 dev ${link.name}${tableText} proto kernel metric 256 pref medium`,
        key: key6([0xff00, 0, 0, 0, 0, 0, 0, 0], 8),
        dev: link.ifindex,
      });
    }
    for (const a of link.addrs) {
      if (a.family !== 6) continue;
      if (table === RT_TABLE_LOCAL) {
        if (isTentative(link, a, now)) continue;
        rows.push({
          line: `local ${formatIpv6(a.local)} dev ${link.name}${tableText} proto kernel metric 0 pref medium`,
          key: key6(a.local, 128),
          dev: link.ifindex,
        });
        continue;
      }
      // Kernel 6.18 lists ::1 only in the local table (recorded in net/01).
      if (link.kind === 'loopback') continue;
      if (!carrier && a.scope === SCOPE.link) continue;
      const net = a.local.map((g, i) =>
        i * 16 >= a.prefix ? 0 : i * 16 + 16 <= a.prefix ? g : g & (0xffff << (16 - (a.prefix - i * 16))),
      );
      const line = `${formatIpv6(net)}/${a.prefix} dev ${link.name} proto kernel metric 256${linkdownV6(link)} pref medium`;
      if (!rows.some((r) => r.line === line))
        rows.push({ line, key: key6(net, a.prefix), dev: link.ifindex });
    }
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.dev - b.dev)).map((r) => r.line);
}

function linkdownV6(link: Link): string {
  return hasCarrier(link) ? '' : ' linkdown';
}

function key6(groups: number[], prefix: number): string {
  return `${groups.map((g) => g.toString(16).padStart(4, '0')).join('')}/${String(999 - prefix).padStart(3, '0')}`;
}

interface Selector {
  table: number | 'all';
  dev: Link | null;
  prefix: { addr: number; len: number } | null;
}

function parseSelector(opts: IpOptions, args: string[]): Selector {
  const sel: Selector = { table: RT_TABLE_MAIN, dev: null, prefix: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'table') sel.table = tableId(args[++i]);
    else if (a === 'dev' || a === 'oif') {
      const name = args[++i];
      sel.dev = linkByName(opts.ns, name ?? '');
      if (!sel.dev) throw new IpUsageError(`Cannot find device "${name}"`, 1);
    } else if (['scope', 'proto', 'protocol', 'type', 'via'].includes(a)) i++;
    else if (['to', 'exact', 'root', 'match', 'all'].includes(a)) continue;
    else if (a === 'default') sel.prefix = { addr: 0, len: 0 };
    else {
      const p = parseIpv4Prefix(a);
      if (!p) throw new IpUsageError(`Error: any valid prefix is expected rather than "${a}".`, 1);
      sel.prefix = { addr: p.addr, len: p.prefix };
    }
  }
  return sel;
}

function selected(ns: Netns, sel: Selector): Route[] {
  const user = [...new Set(ns.routes.filter((r) => r.family === 4).map((r) => r.table))];
  const tables =
    sel.table === 'all'
      ? [...new Set([...user, RT_TABLE_MAIN, RT_TABLE_LOCAL])].sort((a, b) => a - b)
      : [sel.table];
  return tables
    .flatMap((t) => tableRoutes(ns, t))
    .filter((r) => !sel.dev || r.dev === sel.dev.ifindex)
    .filter((r) => !sel.prefix || (r.dst === sel.prefix.addr && r.prefix === sel.prefix.len));
}

function show(ctx: Parameters<IpHandler>[0], opts: IpOptions, args: string[]): number {
  const sel = parseSelector(opts, args);
  const ns = opts.ns;
  const v4 = opts.family === 6 ? [] : selected(ns, sel);
  if (opts.json) {
    ctx.stdout.write(
      `${writeJson(
        v4.map((r) => routeJson(ns, r, sel.dev !== null, sel.table === 'all')),
        opts.pretty,
      )}\n`,
    );
    return 0;
  }
  let out = v4
    .map(
      (r) =>
        `${formatRoute(ns, r, { hideDev: sel.dev !== null, showTable: sel.table === 'all', details: opts.details > 0 })}\n`,
    )
    .join('');
  if ((opts.family === 6 || sel.table === 'all') && !sel.prefix) {
    const now = ctx.world.clock.now();
    const v6tables = sel.table === 'all' ? [RT_TABLE_MAIN, RT_TABLE_LOCAL] : [sel.table];
    for (const t of v6tables)
      out += ipv6Routes(ns, t, now, sel.table === 'all')
        .map((line) => `${line}\n`)
        .join('');
  }
  ctx.stdout.write(out);
  return 0;
}

function flush(opts: IpOptions, args: string[]): number {
  if (args.length === 0) throw new IpUsageError('"ip route flush" requires arguments.', 255);
  const sel = parseSelector(opts, args);
  const doomed = new Set(
    selected(opts.ns, sel).filter(
      (r) => sel.table !== RT_TABLE_MAIN || r.proto !== 'kernel' || sel.dev !== null,
    ),
  );
  opts.ns.routes = opts.ns.routes.filter((r) => !doomed.has(r));
  return 0;
}

function routeJson(ns: Netns, r: Route, hideDev: boolean, showTable: boolean) {
  const o: Record<string, string | number | string[]> = {};
  if (r.type !== 'unicast') o.type = r.type;
  o.dst =
    r.prefix === 0
      ? 'default'
      : r.prefix === 32
        ? formatIpv4(r.dst as number)
        : `${formatIpv4(r.dst as number)}/${r.prefix}`;
  if (r.gateway !== null) o.gateway = formatIpv4(r.gateway as number);
  if (r.dev !== null && !hideDev) o.dev = devName(ns, r.dev);
  if (showTable && r.table !== RT_TABLE_MAIN) o.table = tableName(r.table);
  if (r.proto !== 'boot') o.protocol = r.proto;
  if (r.scope !== SCOPE.global) o.scope = scopeName(r.scope);
  if (r.src !== null) o.prefsrc = formatIpv4(r.src as number);
  if (r.metric !== null) o.metric = r.metric;
  o.flags = isLinkdown(ns, r) ? ['linkdown'] : [];
  return o;
}

interface RouteSpec {
  type: Route['type'];
  dst: number;
  prefix: number;
  gateway: number | null;
  dev: Link | null;
  src: number | null;
  metric: number | null;
  table: number;
  proto: string;
  scope: number | null;
}

function parseSpec(opts: IpOptions, args: string[]): RouteSpec {
  const spec: RouteSpec = {
    type: 'unicast',
    dst: -1,
    prefix: 0,
    gateway: null,
    dev: null,
    src: null,
    metric: null,
    table: RT_TABLE_MAIN,
    proto: 'boot',
    scope: null,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => args[++i] ?? '';
    if (a === 'via') {
      const gw = parseIpv4(value());
      if (gw === null)
        throw new IpUsageError(`Error: any valid prefix is expected rather than "${args[i]}".`, 1);
      spec.gateway = gw;
    } else if (a === 'dev' || a === 'oif') {
      const name = value();
      spec.dev = linkByName(opts.ns, name);
      if (!spec.dev) throw new IpUsageError(`Cannot find device "${name}"`, 1);
    } else if (a === 'src') {
      const src = parseIpv4(value());
      if (src === null)
        throw new IpUsageError(`Error: any valid prefix is expected rather than "${args[i]}".`, 1);
      spec.src = src;
    } else if (a === 'metric' || a === 'priority' || a === 'preference') spec.metric = Number(value());
    else if (a === 'table') {
      const t = tableId(value());
      spec.table = t === 'all' ? RT_TABLE_MAIN : t;
    } else if (a === 'proto' || a === 'protocol') spec.proto = value();
    else if (a === 'scope') {
      const s = value();
      spec.scope =
        s === 'link' ? SCOPE.link : s === 'host' ? SCOPE.host : s === 'global' ? SCOPE.global : Number(s);
    } else if (ROUTE_TYPES.has(a) && spec.dst < 0) spec.type = a as Route['type'];
    else if (a === 'to') continue;
    else if (spec.dst < 0) {
      if (a === 'default') {
        spec.dst = 0;
        spec.prefix = 0;
      } else {
        const p = parseIpv4Prefix(a);
        if (!p) throw new IpUsageError(`Error: any valid prefix is expected rather than "${a}".`, 1);
        spec.dst = p.addr;
        spec.prefix = p.prefix;
      }
    }
  }
  return spec;
}

/** fib_check_nh(): the gateway must be reachable on a link that is up. */
function validate(ns: Netns, spec: RouteSpec): { dev: number | null; scope: number } {
  if (spec.dst >= 0 && networkOf(spec.dst, spec.prefix) !== spec.dst)
    throw extack('Invalid prefix for given prefix length.');
  // fib_create_info(): the error types (fib_props[].error) take no nexthop at all
  if (ERROR_TYPES.has(spec.type)) {
    if (spec.gateway !== null || spec.dev !== null)
      throw extack('Gateway, device and multipath can not be specified for this route type.');
    return { dev: null, scope: spec.scope ?? SCOPE.global };
  }
  if (spec.src !== null && !isLocal(ns, spec.src)) throw extack('Invalid prefsrc address.');
  if (spec.gateway !== null) {
    const via = lookup(ns, spec.gateway);
    const onLink =
      via &&
      via.table === RT_TABLE_MAIN &&
      via.gateway === null &&
      via.type === 'unicast' &&
      (spec.dev === null || via.dev === spec.dev.ifindex);
    // A gateway that is one of our own addresses on a down link: the lookup fails with ENETDOWN.
    const owner = [...ns.links.values()].find((l) =>
      l.addrs.some((a) => a.family === 4 && a.local === spec.gateway),
    );
    if (owner && !owner.adminUp) throw rtnl('Network is down');
    if (!onLink) throw extack('Nexthop has invalid gateway.');
    return { dev: via!.dev, scope: spec.scope ?? SCOPE.global };
  }
  if (spec.dev === null) throw rtnl('No such device');
  if (!spec.dev.adminUp) throw extack('Device for nexthop is not up.');
  return { dev: spec.dev.ifindex, scope: spec.scope ?? (spec.type === 'local' ? SCOPE.host : SCOPE.link) };
}

function isLocal(ns: Netns, addr: number): boolean {
  for (const link of ns.links.values())
    if (link.addrs.some((a) => a.family === 4 && a.local === addr)) return true;
  return false;
}

function sameKey(r: Route, spec: RouteSpec): boolean {
  return (
    r.family === 4 &&
    r.table === spec.table &&
    r.dst === spec.dst &&
    r.prefix === spec.prefix &&
    (r.metric ?? 0) === (spec.metric ?? 0)
  );
}

function modify(opts: IpOptions, args: string[], mode: 'add' | 'replace' | 'change' | 'append'): number {
  const spec = parseSpec(opts, args);
  if (spec.dst < 0) throw new IpUsageError('Error: either "to" is duplicate, or "" is a garbage.');
  const { dev, scope } = validate(opts.ns, spec);
  const route: Route = {
    family: 4,
    table: spec.table,
    type: spec.type,
    dst: spec.dst,
    prefix: spec.prefix,
    gateway: spec.gateway,
    dev,
    proto: spec.proto,
    scope,
    src: spec.src,
    metric: spec.metric,
  };
  const ns = opts.ns;
  const existing = ns.routes.findIndex((r) => sameKey(r, spec));
  if (mode === 'add' && existing >= 0) throw rtnl('File exists');
  if (mode === 'change' && existing < 0) throw rtnl('No such file or directory');
  if ((mode === 'replace' || mode === 'change') && existing >= 0) ns.routes[existing] = route;
  else ns.routes.push(route);
  return 0;
}

function del(opts: IpOptions, args: string[]): number {
  const spec = parseSpec(opts, args);
  const ns = opts.ns;
  const index = ns.routes.findIndex(
    (r) =>
      r.family === 4 &&
      r.table === spec.table &&
      r.dst === spec.dst &&
      r.prefix === spec.prefix &&
      (spec.gateway === null || r.gateway === spec.gateway) &&
      (spec.dev === null || r.dev === spec.dev.ifindex) &&
      (spec.metric === null || r.metric === spec.metric),
  );
  if (index < 0) throw rtnl('No such process');
  ns.routes.splice(index, 1);
  return 0;
}

function get(ctx: Parameters<IpHandler>[0], opts: IpOptions, args: string[]): number {
  let target: number | null = null;
  let from: number | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'from') from = parseIpv4(args[++i] ?? '');
    else if (args[i] === 'to') continue;
    else if (target === null) {
      target = parseIpv4(args[i]);
      if (target === null)
        throw new IpUsageError(`Error: any valid prefix is expected rather than "${args[i]}".`, 1);
    }
  }
  if (target === null) throw new IpUsageError('need at least a destination address', 1);
  const route = lookup(opts.ns, target);
  // fib_props[]: an unreachable route fails with EHOSTUNREACH, prohibit EACCES, blackhole EINVAL
  if (!route) throw rtnl('Network is unreachable');
  if (route.type === 'unreachable') throw rtnl('No route to host');
  if (route.type === 'prohibit') throw rtnl('Permission denied');
  if (route.type === 'blackhole') throw rtnl('Invalid argument');
  // Local destinations are delivered through lo (ip_route_output_key: RTN_LOCAL uses the loopback device).
  const dev = route.type === 'local' ? 'lo' : devName(opts.ns, route.dev);
  const _src =
    from !== null
      ? `from ${formatIpv4(from)}`
      : `src ${formatIpv4((route.src as number | null) ?? preferredSource(opts.ns, route) ?? 0)}`;
  const via = route.gateway !== null ? ` via ${formatIpv4(route.gateway as number)}` : '';
  const kind = route.type === 'local' ? 'local ' : route.type === 'broadcast' ? 'broadcast ' : '';
  const cache = route.type === 'local' ? '<local> ' : route.type === 'broadcast' ? '<local,brd> ' : '';
  if (opts.json) {
    const o: Record<string, unknown> = {};
    if (kind) o.type = kind.trim();
    o.dst = formatIpv4(target);
    if (route.gateway !== null) o.gateway = formatIpv4(route.gateway as number);
    o.dev = dev;
    if (from !== null) o.from = formatIpv4(from);
    else o.prefsrc = formatIpv4((route.src as number | null) ?? preferredSource(opts.ns, route) ?? 0);
    o.flags = [];
    o.uid = 0;
    o.cache = cache ? cache.replace(/[<> ]/g, '').split(',') : [];
    ctx.stdout.write(`${JSON.stringify([o])}\n`);
    return 0;
  }
  const from_ = from !== null ? ` from ${formatIpv4(from)}` : '';
  const srcPart =
    from !== null
      ? ''
      : ` src ${formatIpv4((route.src as number | null) ?? preferredSource(opts.ns, route) ?? 0)}`;
  ctx.stdout.write(
    `${kind}${formatIpv4(target)}${from_}${via} dev ${dev}${srcPart} uid 0 \n    cache ${cache}\n`,
  );
  return 0;
}

/** inet_select_addr(): the first primary address of the output device in the route's scope. */
function preferredSource(ns: Netns, route: Route): number | null {
  const link = route.dev !== null ? ns.links.get(route.dev) : undefined;
  const addr = link?.addrs.find((a) => a.family === 4 && !a.secondary);
  return addr && addr.family === 4 ? addr.local : null;
}

export const ipRoute: IpHandler = (ctx, opts, args) => {
  const [cmd, ...rest] = args;
  try {
    if (cmd === undefined) return show(ctx, opts, []);
    if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return show(ctx, opts, rest);
    if (matches(cmd, 'add')) return modify(opts, rest, 'add');
    if (matches(cmd, 'replace')) return modify(opts, rest, 'replace');
    if (matches(cmd, 'change')) return modify(opts, rest, 'change');
    if (matches(cmd, 'append')) return modify(opts, rest, 'append');
    if (matches(cmd, 'delete')) return del(opts, rest);
    if (matches(cmd, 'flush')) return flush(opts, rest);
    if (matches(cmd, 'get')) return get(ctx, opts, rest);
  } catch (e) {
    if (e instanceof NetlinkError) {
      ctx.stderr.write(`${e.message}\n`);
      return e.status;
    }
    throw e;
  }
  ctx.stderr.write(`Command "${cmd}" is unknown, try "ip route help".\n`);
  return 255;
};
