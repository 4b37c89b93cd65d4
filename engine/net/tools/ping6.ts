// ping over IPv6 (iputils 20221126 ping/ping6_common.c ping6_run): the probe connect() that
// leaves a link-local target's source unspecified (so `-I dev` prints "from ::" and warns),
// scope ids printed as %dev, and ICMPv6 errors named as print_icmp() names them.
import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../errno.ts';
import { formatIpv6, type Ipv6 } from '../inet.ts';
import { RouteError } from '../packet/route.ts';
import { isLinkLocal6, isMulticast6, localOwner6, routeOutput6, sameV6 } from '../packet/route6.ts';
import { closeSocket, netRuntime, openSocket, type SockMessage } from '../packet/runtime.ts';
import { sendEcho6 } from '../packet/socket.ts';
import { IPPROTO_ICMPV6 } from '../packet/types.ts';
import { processNet } from '../process.ts';
import { linkByName } from '../state.ts';
import type { PingOptions } from './ping-args.ts';
import { type PingEvent, runPingLoop, socketReceiver } from './ping-loop.ts';
import { reverseName } from './resolve.ts';

/** print_icmp(). */
export function describeIcmp6(type: number, code: number, info: number): string {
  if (type === 1) {
    const names = [
      'No route',
      'Administratively prohibited',
      'Beyond scope of source address',
      'Address unreachable',
      'Port unreachable',
    ];
    return `Destination unreachable: ${names[code] ?? `Unknown code ${code}`}`;
  }
  if (type === 2) return `Packet too big: mtu=${info}${code ? `, code=${code}` : ''}`;
  if (type === 3)
    return `Time exceeded: ${code === 0 ? 'Hop limit' : code === 1 ? 'Defragmentation failure' : `code ${code}`}`;
  if (type === 4) {
    const names = ['Wrong header field ', 'Unknown header ', 'Unknown option '];
    return `Parameter problem: ${names[code] ?? `code ${code} `}at ${info}`;
  }
  return `unknown icmp type: ${type}`;
}

function fail(ctx: CommandContext, message: string, status: number): number {
  ctx.stderr.write(`${message}\n`);
  return status;
}

export function ping6(
  ctx: CommandContext,
  o: PingOptions,
  dst: Ipv6,
  hostname: string,
  scope: string | null,
  numeric: boolean,
): number {
  const rt = netRuntime(ctx.world, ctx.proc.host);
  const { ns } = processNet(ctx);
  const scopeDev = scope !== null ? linkByName(ns, scope) : null;
  if (scope !== null && !scopeDev) return fail(ctx, `ping: ${hostname}: Name or service not known`, 2);
  const device = o.device !== null ? linkByName(ns, o.device) : null;
  if (o.device !== null && !device) return fail(ctx, `ping: unknown iface: ${o.device}`, 2);
  // A target with a colon is numeric; names go through getnameinfo() unless -n.
  const isNumeric = numeric || hostname.includes(':');
  const name = (addr: Ipv6, ifindex: number | null) => {
    const dev = ifindex !== null && isLinkLocal6(addr) ? ns.links.get(ifindex) : null;
    const text = `${formatIpv6(addr)}${dev ? `%${dev.name}` : ''}`;
    const host = isNumeric ? null : reverseName(ctx, addr);
    return host && host !== text ? `${host} (${text})` : text;
  };
  const oif = device ?? scopeDev;
  let source: Ipv6 | null = o.source6;
  if (source) {
    if (!localOwner6(ns, source, rt.now, oif))
      return fail(ctx, 'ping: bind icmp socket: Cannot assign requested address', 2);
  } else if (isLinkLocal6(dst) || isMulticast6(dst)) {
    // The first hop keeps family AF_UNSPEC here, so connect() only dissolves the association.
    source = [0, 0, 0, 0, 0, 0, 0, 0];
  } else {
    const route = routeOutput6(ns, dst, rt.now, device);
    if (route instanceof RouteError) return fail(ctx, `ping: connect: ${strerror(route.errno)}`, 2);
    source = route.src ?? [0, 0, 0, 0, 0, 0, 0, 0];
  }
  if (device && !device.addrs.some((a) => a.family === 6 && sameV6(a.local, source))) {
    ctx.stderr.write(`ping: Warning: source address might be selected on device other than: ${o.device}\n`);
  }
  const target = name(dst, scopeDev?.ifindex ?? null);
  const from =
    o.device !== null || o.source6 !== null ? `from ${name(source, null)} ${o.device ?? ''}: ` : '';
  ctx.stdout.write(`PING ${hostname}(${target}) ${from}${o.datalen} data bytes\n`);

  const sock = openSocket(rt, ns, IPPROTO_ICMPV6, o.ident ?? ctx.world.random.int(65536));
  const toEvent = (m: SockMessage, fromErrqueue: boolean): PingEvent | null => {
    if (!fromErrqueue) {
      const p = m.packet6;
      if (!p) return null;
      const wrongSource = !isMulticast6(dst) && !sameV6(p.src, dst);
      return {
        kind: 'reply',
        at: m.at,
        seq: p.icmp6.seq,
        from: name(p.src, m.ifindex ?? null),
        ttl: m.ttl,
        latencyUs: p.latencyUs,
        wrongSource,
      };
    }
    const e = m.error!;
    if (e.origin === 'local') {
      const text =
        e.errno === 'EMSGSIZE'
          ? `local error: message too long, mtu: ${e.info}`
          : `local error: ${strerror(e.errno)}`;
      return { kind: 'local', at: m.at, text: `ping: ${text}` };
    }
    const q = e.quoted6;
    if (!q || !sameV6(q.dst, dst) || !m.packet6) return null;
    const text = describeIcmp6(e.type, e.code, e.info);
    return {
      kind: 'error',
      at: m.at,
      seq: q.icmp6.seq,
      from: name(m.packet6.src, m.ifindex ?? null),
      text,
      ack: false,
    };
  };
  const status = runPingLoop(
    ctx,
    rt,
    o,
    {
      send: (seq) => sendEcho6(rt, sock, dst, seq, o.datalen, { src: o.source6, oif, hopLimit: o.ttl ?? 64 }),
      ...socketReceiver(sock, toEvent),
    },
    hostname,
  );
  closeSocket(rt, sock);
  return status;
}
