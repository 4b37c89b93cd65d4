// The network side of bash's /dev/tcp and /dev/udp redirections: getaddrinfo() of the service
// (/etc/services, checked first as glibc does) and the host (/etc/hosts; there is no DNS), then
// a TCP connect, or a connected UDP socket that sends one datagram per write, in the calling
// process's namespace.
import type { Proc } from '../commands/types.ts';
import { serviceToPort } from '../netfilter/netdb.ts';
import { registerNetOpener } from '../shell/dev-net.ts';
import type { World } from '../world.ts';
import { strerror } from './errno.ts';
import { parseIpv4 } from './inet.ts';
import { RouteError, routeOutput } from './packet/route.ts';
import { closeSocket, netRuntime, openSocket } from './packet/runtime.ts';
import { sendUdp } from './packet/socket.ts';
import { tcpConnect } from './packet/tcp.ts';
import { IPPROTO_UDP } from './packet/types.ts';
import { processNet } from './process.ts';
import { lookupName } from './tools/resolve.ts';

const EAI_SERVICE = 'Servname not supported for ai_socktype';
/** Without DNS a name missing from /etc/hosts fails as on a host with no network. */
const EAI_AGAIN = 'Temporary failure in name resolution';

const encoder = new TextEncoder();

registerNetOpener((world: World, proc: Proc, proto, host, service) => {
  const port = /^\d+$/.test(service) ? Number(service) : serviceToPort(service, proto);
  if (port === null || port > 65535)
    return { ok: false, stage: 'resolve', name: service, message: EAI_SERVICE };
  const ctx = { proc, world };
  const addr = parseIpv4(host) ?? lookupName(ctx, host, 4)[0]?.addr ?? null;
  if (typeof addr !== 'number') return { ok: false, stage: 'resolve', name: host, message: EAI_AGAIN };
  const { ns } = processNet(ctx);
  const rt = netRuntime(world, proc.host);
  if (proto === 'tcp') {
    const result = tcpConnect(world, rt, ns, addr, port);
    if (result.errno !== null) return { ok: false, stage: 'connect', message: strerror(result.errno) };
    // Connected, but nothing in the simulation reads what is sent.
    return { ok: true, output: { write() {} } };
  }
  const route = routeOutput(ns, addr, {});
  if (route instanceof RouteError) return { ok: false, stage: 'connect', message: strerror(route.errno) };
  return {
    ok: true,
    output: {
      write(text: string) {
        const sock = openSocket(rt, ns, IPPROTO_UDP);
        // A connected UDP socket keeps the default IP_PMTUDISC_WANT: DF set, fragments allowed.
        sendUdp(rt, sock, addr, port, encoder.encode(text).length, {
          src: route.src,
          oif: null,
          ttl: 64,
          df: true,
          ignoreDf: true,
        });
        closeSocket(rt, sock);
      },
    },
  };
});
