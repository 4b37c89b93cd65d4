// ping's command line (iputils 20221126 ping/ping.c main()): options, their checks and the
// exact messages and exit statuses of bad values.
import type { CommandContext } from '../../commands/types.ts';
import { type Ipv6, parseIpv4, parseIpv6 } from '../inet.ts';
import { GetoptError, getopt, parseDoublePrefix, strtolOrErr } from './getopt.ts';

export const PING_USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -C                 call connect() syscall on socket creation
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -e <identifier>    define identifier for ping session, default is random for
                     SOCK_RAW and kernel defined for SOCK_DGRAM
                     Imply using SOCK_RAW (for IPv4 only for identifier 0)
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).
`;

const OPTSTRING = 'h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:';
const LONG_MAX = Number.MAX_SAFE_INTEGER;
const INT_MAX = 2147483647;

export interface PingOptions {
  family: 4 | 6 | null;
  count: number;
  /** Milliseconds between probes. */
  interval: number;
  /** -w, seconds (0: none). */
  deadline: number;
  /** -W, milliseconds. */
  linger: number;
  quiet: boolean;
  numeric: boolean;
  flood: boolean;
  timestamps: boolean;
  broadcast: boolean;
  device: string | null;
  source4: number | null;
  source6: Ipv6 | null;
  ttl: number | null;
  datalen: number;
  ident: number | null;
  mark: number;
  pmtudisc: 'do' | 'dont' | 'want' | null;
  tos: number;
  target: string;
}

export class PingExit extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** ping_strtod(): garbage is only warned about (for now, says iputils). */
function strtod(ctx: CommandContext, text: string, what: string): number {
  const { value, rest } = parseDoublePrefix(text);
  if (text === '') throw new PingExit(`ping: ${what}: ${text}`, 2);
  if (rest !== '')
    ctx.stderr.write(
      `ping: option argument contains garbage: ${rest}\nping: this will become fatal error in the future\n`,
    );
  if (!Number.isFinite(value)) throw new PingExit(`ping: ${what}: ${text}: Numerical result out of range`, 2);
  return value;
}

function long(text: string, what: string, min: number, max: number): number {
  const v = strtolOrErr('ping', text, what, min, max);
  if (typeof v === 'string') throw new PingExit(v, 1);
  return v;
}

export function parsePingArgs(ctx: CommandContext): PingOptions {
  const o: PingOptions = {
    family: ctx.argv[0].endsWith('6') ? 6 : ctx.argv[0].endsWith('4') ? 4 : null,
    count: 0,
    interval: 1000,
    deadline: 0,
    linger: 10_000,
    quiet: false,
    numeric: false,
    flood: false,
    timestamps: false,
    broadcast: false,
    device: null,
    source4: null,
    source6: null,
    ttl: null,
    datalen: 56,
    ident: null,
    mark: 0,
    pmtudisc: null,
    tos: 0,
    target: '',
  };
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(ctx.argv.slice(1), OPTSTRING, 'ping');
  } catch (e) {
    if (e instanceof GetoptError) throw new PingExit(`${e.message}\n${PING_USAGE}`, 2);
    throw e;
  }
  for (const { opt, arg } of parsed.options) {
    const a = arg ?? '';
    switch (opt) {
      case '4':
      case '6':
        if (o.family !== null && o.family !== Number(opt))
          throw new PingExit('ping: only one -4 or -6 option may be specified', 2);
        o.family = Number(opt) as 4 | 6;
        break;
      case 'b':
        o.broadcast = true;
        break;
      case 'c':
        o.count = long(a, 'invalid argument', 1, LONG_MAX);
        break;
      case 'e':
        o.ident = long(a, 'invalid argument', 0, 65535);
        break;
      case 'i': {
        const v = strtod(ctx, a, 'bad timing interval');
        if (v > INT_MAX / 1000) throw new PingExit(`ping: bad timing interval: ${a}`, 2);
        o.interval = Math.trunc(v * 1000);
        break;
      }
      case 'W': {
        const v = strtod(ctx, a, 'bad linger time');
        if (v < 0 || v > INT_MAX / 1000) throw new PingExit(`ping: bad linger time: ${a}`, 2);
        o.linger = Math.trunc(v * 1000);
        break;
      }
      case 'w':
        o.deadline = long(a, 'invalid argument', 0, INT_MAX);
        break;
      case 'I': {
        if (a.includes(':')) {
          const [addr, dev] = a.split('%');
          const v6 = parseIpv6(addr);
          if (!v6) throw new PingExit(`ping: invalid source address: ${a}`, 2);
          o.source6 = v6;
          if (dev !== undefined) o.device = dev;
        } else {
          const v4 = parseIpv4(a);
          if (v4 !== null) o.source4 = v4;
          else o.device = a;
        }
        break;
      }
      case 'n':
        o.numeric = true;
        break;
      case 'q':
        o.quiet = true;
        break;
      case 'f':
        o.flood = true;
        o.numeric = true;
        break;
      case 'D':
        o.timestamps = true;
        break;
      case 's':
        o.datalen = long(a, 'invalid argument', 0, INT_MAX);
        break;
      case 't':
        o.ttl = long(a, 'invalid argument', 0, 255);
        break;
      case 'm':
        o.mark = long(a, 'invalid argument', 0, 4294967295);
        break;
      case 'M':
        if (a !== 'do' && a !== 'dont' && a !== 'want')
          throw new PingExit(`ping: invalid -M argument: ${a}`, 2);
        o.pmtudisc = a;
        break;
      case 'l':
        long(a, 'invalid argument', 1, 65536);
        break;
      case 'S':
        long(a, 'invalid argument', 1, INT_MAX);
        break;
      case 'Q': {
        const v = /^0[xX]/.test(a)
          ? Number.parseInt(a.slice(2), 16)
          : /^\d+$/.test(a)
            ? Number(a)
            : Number.NaN;
        if (Number.isNaN(v)) throw new PingExit(`ping: bad TOS value: ${a}`, 2);
        if (v > 255)
          throw new PingExit(`ping: the decimal value of TOS bits must be in range 0-255: ${v}`, 2);
        o.tos = v;
        break;
      }
      case 'V':
        throw new PingExit(
          'ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n',
          0,
        );
      case 'h':
      case '?':
        throw new PingExit(PING_USAGE, 2);
      default:
        // -a -A -B -C -d -L -O -p -r -R -T -U -v -F -N: accepted, no visible effect here.
        break;
    }
  }
  if (o.flood && o.interval === 1000) o.interval = 0;
  if (parsed.operands.length === 0) throw new PingExit('ping: usage error: Destination address required', 1);
  o.target = parsed.operands[parsed.operands.length - 1];
  return o;
}
