// ping (iputils 20221126): resolves the target, picks the source the way ping4_run() does (a
// UDP connect() probe, SO_BINDTODEVICE for -I DEV, bind() for -I ADDR), prints the header and
// runs the loop over a raw ICMP socket of the process's namespace.
import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../errno.ts';
import { formatIpv4, parseIpv4, parseIpv6 } from '../inet.ts';
import { isLocalAddress, RouteError, routeOutput } from '../packet/route.ts';
import { closeSocket, netRuntime, openSocket, type SockMessage } from '../packet/runtime.ts';
import { sendEcho } from '../packet/socket.ts';
import { IPPROTO_ICMP } from '../packet/types.ts';
import { processNet } from '../process.ts';
import { linkByName } from '../state.ts';
import { PingExit, type PingOptions, parsePingArgs } from './ping-args.ts';
import { type PingEvent, runPingLoop, socketReceiver } from './ping-loop.ts';
import { describeIcmp } from './ping-stats.ts';
import { ping6 } from './ping6.ts';
import { lookupName, reverseName } from './resolve.ts';

function fail(ctx: CommandContext, message: string, status: number): number {
  ctx.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  return status;
}

export function ping(ctx: CommandContext): number {
  let o: PingOptions;
  try {
    o = parsePingArgs(ctx);
  } catch (e) {
    if (!(e instanceof PingExit)) throw e;
    if (e.status === 0) {
      ctx.stdout.write(e.message);
      return 0;
    }
    return fail(ctx, e.message, e.status);
  }
  const target = o.target;
  const familyError = `ping: ${target}: Address family for hostname not supported`;
  const v4 = parseIpv4(target);
  if (v4 !== null) {
    if (o.family === 6) return fail(ctx, familyError, 2);
    return ping4(ctx, o, v4, target, true);
  }
  const [addrPart, scope] = target.split('%');
  const v6 = parseIpv6(addrPart);
  if (v6) {
    if (o.family === 4) return fail(ctx, familyError, 2);
    return ping6(ctx, o, v6, target, scope ?? null, true);
  }
  const found = lookupName(ctx, target, o.family);
  if (found.length === 0) return fail(ctx, `ping: ${target}: Temporary failure in name resolution`, 2);
  const first = found[0];
  if (first.family === 6) return ping6(ctx, o, first.addr, first.canon, null, o.numeric);
  return ping4(ctx, o, first.addr, first.canon, o.numeric);
}

function ping4(ctx: CommandContext, o: PingOptions, dst: number, hostname: string, numeric: boolean): number {
  const rt = netRuntime(ctx.world, ctx.proc.host);
  const { ns } = processNet(ctx);
  const oif = o.device !== null ? linkByName(ns, o.device) : null;
  if (o.device !== null && !oif) return fail(ctx, `ping: SO_BINDTODEVICE ${o.device}: No such device`, 2);
  let src = o.source4;
  if (src === null) {
    // The connect() probe on a UDP socket: fails without a route, tells the source otherwise.
    const route = routeOutput(ns, dst, { oif });
    if (route instanceof RouteError) {
      if (route.errno === 'EACCES' && !o.broadcast)
        return fail(
          ctx,
          'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules',
          2,
        );
      return fail(ctx, `ping: connect: ${strerror(route.errno)}`, 2);
    }
    if (route.type === 'broadcast') {
      if (!o.broadcast)
        return fail(
          ctx,
          'ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules',
          2,
        );
      ctx.stderr.write('WARNING: pinging broadcast address\n');
    }
    src = route.src;
    if (oif && !oif.addrs.some((a) => a.family === 4 && a.local === src)) {
      ctx.stderr.write(`ping: Warning: source address might be selected on device other than: ${o.device}\n`);
    }
  } else if (!isLocalAddress(ns, src)) {
    return fail(ctx, 'ping: bind: Cannot assign requested address', 2);
  }
  const from = o.device !== null || o.source4 !== null ? `from ${formatIpv4(src)} ${o.device ?? ''}: ` : '';
  ctx.stdout.write(
    `PING ${hostname} (${formatIpv4(dst)}) ${from}${o.datalen}(${o.datalen + 28}) bytes of data.\n`,
  );

  const ident = o.ident ?? ctx.world.random.int(65536);
  const sock = openSocket(rt, ns, IPPROTO_ICMP, ident);
  sock.boundDev = oif?.ifindex ?? null;
  const name = (addr: number) => {
    const text = formatIpv4(addr);
    const host = numeric ? null : reverseName(ctx, addr);
    return host && host !== text ? `${host} (${text})` : text;
  };
  const toEvent = (m: SockMessage, fromErrqueue: boolean): PingEvent | null => {
    if (!fromErrqueue) {
      const icmp = m.packet?.icmp;
      if (!m.packet || !icmp) return null;
      const wrongSource = !o.broadcast && m.packet.src !== dst;
      return {
        kind: 'reply',
        at: m.at,
        seq: icmp.seq,
        from: name(m.packet.src),
        ttl: m.ttl,
        latencyUs: m.packet.latencyUs,
        wrongSource,
      };
    }
    const e = m.error!;
    if (e.origin === 'local') {
      const text = e.errno === 'EMSGSIZE' ? `message too long, mtu=${e.info}` : strerror(e.errno);
      return { kind: 'local', at: m.at, text: `ping: local error: ${text}` };
    }
    if (!e.quoted?.icmp || e.quoted.dst !== dst) return null;
    const text = describeIcmp(e.type, e.code, e.info);
    return { kind: 'error', at: m.at, seq: e.quoted.icmp.seq, from: name(e.offender), text, ack: true };
  };
  const status = runPingLoop(
    ctx,
    rt,
    o,
    {
      send: (seq, confirm) =>
        sendEcho(rt, sock, dst, seq, o.datalen, {
          src: o.source4,
          oif,
          ttl: o.ttl ?? 64,
          confirm,
          // Without -M the socket keeps the default IP_PMTUDISC_WANT (DF set, local fragments).
          df: o.pmtudisc !== 'dont',
          ignoreDf: o.pmtudisc !== 'do',
          tos: o.tos,
          mark: o.mark,
        }),
      ...socketReceiver(sock, toEvent),
    },
    hostname,
  );
  closeSocket(rt, sock);
  return status;
}
