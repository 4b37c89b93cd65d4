// tracepath (iputils 20221126 tracepath.c), IPv4: UDP probes with a growing TTL and IP_RECVERR,
// the path MTU learnt from the first probe's local EMSGSIZE, one line per answer, "reached"
// on port unreachable, then the Resume line.
import type { CommandContext } from '../../commands/types.ts';
import { formatIpv4, parseIpv4 } from '../inet.ts';
import { closeSocket, netRuntime, openSocket, type SockMessage, waitUntil } from '../packet/runtime.ts';
import { sendUdp } from '../packet/socket.ts';
import { ICMP_EXC_TTL, ICMP_TIME_EXCEEDED, IPPROTO_UDP } from '../packet/types.ts';
import { processNet } from '../process.ts';
import { GetoptError, getopt, strtolOrErr } from './getopt.ts';
import { lookupName, reverseName } from './resolve.ts';

const USAGE = `
Usage
  tracepath [options] <destination>

Options:
  -4             use IPv4
  -6             use IPv6
  -b             print both name and ip
  -l <length>    use packet <length>
  -m <hops>      use maximum <hops>
  -n             no dns name resolution
  -p <port>      use destination <port>
  -V             print version and exit
  <destination>  dns name or ip address

For more details see tracepath(8).
`;

const MAX_PROBES = 10;
const HOST_COLUMN_SIZE = 52;
const HIS_ARRAY_SIZE = 64;
const OVERHEAD_IPV4 = 28;
const DEFAULT_MTU_IPV4 = 65535;
const INT_MAX = 2147483647;

class Exit extends Error {
  readonly status: number;
  constructor(status: number) {
    super(String(status));
    this.status = status;
  }
}

const pad2 = (n: number) => String(n).padStart(2);

export function tracepath(ctx: CommandContext): number {
  try {
    return run(ctx);
  } catch (e) {
    if (e instanceof Exit) return e.status;
    throw e;
  }
}

function die(ctx: CommandContext, message: string, status: number): never {
  ctx.stderr.write(message);
  throw new Exit(status);
}

function run(ctx: CommandContext): number {
  let noResolve = false;
  let showBoth = false;
  let mtu = 0;
  let maxHops = 30;
  let basePort = 0;
  const num = (text: string, min: number, max: number) => {
    const v = strtolOrErr('tracepath', text, 'invalid argument', min, max);
    return typeof v === 'string' ? die(ctx, `${v}\n`, 1) : v;
  };
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(ctx.argv.slice(1), '46nbh?l:m:p:V', 'tracepath');
  } catch (e) {
    if (e instanceof GetoptError) return die(ctx, `${e.message}\n${USAGE}`, 255);
    throw e;
  }
  for (const { opt, arg } of parsed.options) {
    if (opt === 'n') noResolve = true;
    else if (opt === 'b') showBoth = true;
    else if (opt === 'l') mtu = num(arg!, 0, INT_MAX);
    else if (opt === 'm') maxHops = num(arg!, 0, 255);
    else if (opt === 'p') basePort = num(arg!, 0, 65535);
    else if (opt === 'V') {
      ctx.stdout.write(
        'tracepath from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n',
      );
      return 0;
    } else if (opt === 'h' || opt === '?') die(ctx, USAGE, 255);
  }
  if (parsed.operands.length !== 1) die(ctx, USAGE, 255);
  let target = parsed.operands[0];
  if (!basePort) {
    const slash = target.indexOf('/');
    if (slash >= 0) {
      basePort = num(target.slice(slash + 1), 0, 65535);
      target = target.slice(0, slash);
    } else basePort = 44444;
  }
  let dst = parseIpv4(target);
  if (dst === null && (target.includes(':') || parsed.options.some((o) => o.opt === '6')))
    die(ctx, 'tracepath: IPv6 is not supported by the labbook engine\n', 1);
  if (dst === null) {
    const found = lookupName(ctx, target, 4);
    if (found.length === 0 || found[0].family !== 4)
      die(ctx, `tracepath: ${target}: Temporary failure in name resolution\n`, 1);
    dst = found[0].addr;
  }
  if (!mtu) mtu = DEFAULT_MTU_IPV4;
  if (mtu <= OVERHEAD_IPV4)
    die(ctx, `tracepath: pktlen must be within: ${OVERHEAD_IPV4} < value <= ${INT_MAX}\n`, 1);

  const rt = netRuntime(ctx.world, ctx.proc.host);
  const { ns } = processNet(ctx);
  const sock = openSocket(rt, ns, IPPROTO_UDP);
  const his = Array.from({ length: HIS_ARRAY_SIZE }, () => ({ hops: 0, sent: 0 }));
  let hisptr = 0;
  let ttl = 1;
  let hopsTo = -1;
  let hopsFrom = -1;
  const out = (text: string) => ctx.stdout.write(text);
  const host = (addr: number) => {
    const numeric = formatIpv4(addr);
    const name = reverseName(ctx, addr) ?? numeric;
    let text = noResolve ? numeric : name;
    if (showBoth) text += ` (${noResolve ? name : numeric})`;
    return text.padEnd(HOST_COLUMN_SIZE - 1).padEnd(Math.max(HOST_COLUMN_SIZE, text.length + 1));
  };

  /** recverr(): prints what the error queue holds; 0 when done, the MTU on progress, -1 if empty. */
  const recverr = (): number => {
    let progress = -1;
    for (;;) {
      const m: SockMessage | undefined = sock.errqueue.shift();
      if (!m?.error) return progress;
      progress = mtu;
      const e = m.error;
      // ip_local_error() reports the unconnected socket's port 0, so a local error finds no slot.
      const slot = (e.origin === 'local' ? 0 : (e.quoted?.udp?.dstPort ?? 0)) - basePort;
      let sndhops = -1;
      let sentAt: number | null = null;
      if (slot >= 0 && slot < HIS_ARRAY_SIZE - 1 && his[slot].hops) {
        sndhops = his[slot].hops;
        sentAt = his[slot].sent;
        his[slot].hops = 0;
      }
      if (e.origin === 'local') out(`${pad2(ttl)}?: ${'[LOCALHOST]'.padEnd(32)} `);
      else out(`${sndhops > 0 ? `${pad2(sndhops)}:  ` : `${pad2(ttl)}?: `}${host(e.offender)}`);
      if (sentAt !== null) {
        const us = Math.max(0, (m.at - sentAt) * 1000 + (m.packet?.latencyUs ?? 0));
        out(`${String(Math.trunc(us / 1000)).padStart(3)}.${String(us % 1000).padStart(3, '0')}ms `);
      }
      let rethops = m.ttl;
      rethops = rethops <= 64 ? 65 - rethops : rethops <= 128 ? 129 - rethops : 256 - rethops;
      switch (e.errno) {
        case 'EMSGSIZE':
          out(`pmtu ${e.info}\n`);
          mtu = e.info;
          progress = mtu;
          break;
        case 'ECONNREFUSED':
          out('reached\n');
          hopsTo = sndhops < 0 ? ttl : sndhops;
          hopsFrom = rethops;
          return 0;
        case 'EPROTO':
          out('!P\n');
          return 0;
        case 'EHOSTUNREACH':
          if (e.origin === 'icmp' && e.type === ICMP_TIME_EXCEEDED && e.code === ICMP_EXC_TTL) {
            if (sndhops >= 0 && rethops !== sndhops) out(`asymm ${pad2(rethops)} `);
            if (sndhops < 0 && rethops !== ttl) out(`asymm ${pad2(rethops)} `);
            out('\n');
            break;
          }
          out('!H\n');
          return 0;
        case 'ENETUNREACH':
          out('!N\n');
          return 0;
        case 'EACCES':
          out('!A\n');
          return 0;
        default:
          out('\n');
          ctx.stderr.write(`tracepath: NET ERROR: ${e.errno}\n`);
          return 0;
      }
    }
  };

  /** probe_ttl(). */
  const probeTtl = (): number => {
    let i: number;
    for (;;) {
      let restart = false;
      for (i = 0; i < MAX_PROBES; i++) {
        his[hisptr] = { hops: ttl, sent: rt.now };
        const err = sendUdp(rt, sock, dst, basePort + hisptr, mtu - OVERHEAD_IPV4, {
          src: null,
          oif: null,
          ttl,
          df: true,
        });
        if (!err) break;
        const res = recverr();
        his[hisptr].hops = 0;
        if (res === 0) return 0;
        if (res > 0) {
          restart = true;
          break;
        }
      }
      if (!restart) break;
    }
    hisptr = (hisptr + 1) & (HIS_ARRAY_SIZE - 1);
    if (i < MAX_PROBES) {
      // data_wait(): select() for up to a second.
      waitUntil(ctx.world, rt, rt.now + 1000, () => sock.errqueue.length > 0 || sock.recv.length > 0);
      if (sock.recv.length > 0) {
        sock.recv = [];
        out(`${pad2(ttl)}?: reply received 8)\n`);
        return 0;
      }
      return recverr();
    }
    out(`${pad2(ttl)}:  send failed\n`);
    return 0;
  };

  let done = false;
  for (ttl = 1; ttl <= maxHops && !done; ttl++) {
    let res = -1;
    for (let i = 0; i < 3; i++) {
      const oldMtu = mtu;
      res = probeTtl();
      if (mtu !== oldMtu) {
        i = -1;
        continue;
      }
      if (res === 0) {
        done = true;
        break;
      }
      if (res > 0) break;
    }
    if (done) break;
    if (res < 0) out(`${pad2(ttl)}:  no reply\n`);
  }
  if (!done) out(`     Too many hops: pmtu ${mtu}\n`);
  let resume = `     Resume: pmtu ${mtu} `;
  if (hopsTo >= 0) resume += `hops ${hopsTo} `;
  if (hopsFrom >= 0) resume += `back ${hopsFrom} `;
  out(`${resume}\n`);
  closeSocket(rt, sock);
  return 0;
}
