// The `ip` command (iproute2 6.1): global options, then an object chosen by unique prefix in
// iproute2's own table order (ip/ip.c cmds[]), so `ip a`, `ip r`, `ip n` and `ip l` resolve
// as they do on a real host.
import type { CommandContext } from '../../commands/types.ts';
import { processNet } from '../process.ts';
import { findNamed } from '../state.ts';
import { ipAddress } from './address.ts';
import { ipLink } from './link.ts';
import { ipNeigh } from './neigh.ts';
import { ipNetns } from './netns.ts';
import { type Family, type IpHandler, type IpOptions, IpUsageError } from './options.ts';
import { ipRoute } from './route.ts';

const OBJECTS: Array<[string, IpHandler | null]> = [
  ['address', ipAddress],
  ['addrlabel', null],
  ['amt', null],
  ['maddress', null],
  ['route', ipRoute],
  ['rule', null],
  ['neighbor', ipNeigh],
  ['neighbour', ipNeigh],
  ['ntable', null],
  ['ntbl', null],
  ['link', ipLink],
  ['l2tp', null],
  ['fou', null],
  ['ila', null],
  ['macsec', null],
  ['tunnel', null],
  ['tunl', null],
  ['tuntap', null],
  ['tap', null],
  ['token', null],
  ['tcpmetrics', null],
  ['tcp_metrics', null],
  ['monitor', null],
  ['xfrm', null],
  ['mroute', null],
  ['mrule', null],
  ['netns', ipNetns],
  ['netconf', null],
  ['vrf', null],
  ['sr', null],
  ['nexthop', null],
  ['mptcp', null],
  ['ioam', null],
  ['help', null],
  ['stats', null],
];

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** Usage printed by objects the engine does not model when called without a command. */
const OBJECT_USAGE: Record<string, string> = {
  xfrm: 'Usage: ip xfrm XFRM-OBJECT { COMMAND | help }\nwhere  XFRM-OBJECT := state | policy | monitor\n',
};

function isOption(arg: string, name: string, min = 1): boolean {
  const word = arg.replace(/^--?/, '');
  return word.length >= min && name.startsWith(word);
}

export function ip(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const { stack, ns: procNs } = processNet(ctx);
  const opts: IpOptions = {
    family: 'any',
    brief: false,
    oneline: false,
    json: false,
    pretty: false,
    details: 0,
    stats: 0,
    all: false,
    stack,
    ns: procNs,
  };
  try {
    while (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
      const opt = args.shift()!;
      const setFamily = (f: Family) => {
        opts.family = f;
      };
      if (opt === '--') break;
      if (opt === '-4') setFamily(4);
      else if (opt === '-6') setFamily(6);
      else if (opt === '-0') setFamily('link');
      else if (isOption(opt, 'family')) {
        const f = args.shift();
        const map: Record<string, Family> = { inet: 4, inet6: 6, link: 'link' };
        if (f === undefined || !(f in map))
          throw new IpUsageError(`Error: argument "${f ?? ''}" is wrong: invalid protocol family`);
        setFamily(map[f]);
      } else if (opt.startsWith('-c') && isOption(opt.split('=')[0], 'color')) continue;
      else if (isOption(opt, 'brief', 2)) opts.brief = true;
      else if (isOption(opt, 'oneline')) opts.oneline = true;
      else if (isOption(opt, 'json')) opts.json = true;
      else if (isOption(opt, 'pretty')) opts.pretty = true;
      else if (isOption(opt, 'details')) opts.details++;
      else if (isOption(opt, 'statistics') || isOption(opt, 'stats', 2)) opts.stats++;
      else if (isOption(opt, 'all')) opts.all = true;
      else if (
        isOption(opt, 'resolve') ||
        opt === '-N' ||
        isOption(opt, 'Numeric', 2) ||
        isOption(opt, 'human-readable')
      )
        continue;
      else if (isOption(opt, 'netns')) {
        const name = args.shift();
        const target = name === undefined ? null : findNamed(stack, name);
        if (!target)
          throw new IpUsageError(
            `Cannot open network namespace "${name ?? '(null)'}": No such file or directory`,
          );
        opts.ns = target;
      } else if (isOption(opt, 'Version')) {
        ctx.stdout.write('ip utility, iproute2-6.1.0, libbpf 1.1.2\n');
        return 0;
      } else if (isOption(opt, 'help')) {
        ctx.stderr.write(USAGE);
        return 255;
      } else throw new IpUsageError(`Option "${opt}" is unknown, try "ip -help".`);
    }
    if (args.length === 0) {
      ctx.stderr.write(USAGE);
      return 255;
    }
    const word = args.shift()!;
    const found = OBJECTS.find(([name]) => name.startsWith(word));
    if (!found) {
      ctx.stderr.write(`Object "${word}" is unknown, try "ip help".\n`);
      return 1;
    }
    const [name, handler] = found;
    if (!handler) {
      if (args.length === 0 && OBJECT_USAGE[name]) {
        ctx.stderr.write(OBJECT_USAGE[name]);
        return 255;
      }
      ctx.stderr.write(`ip ${name}: not supported by the labbook engine\n`);
      return 255;
    }
    return handler(ctx, opts, args);
  } catch (e) {
    if (e instanceof IpUsageError) {
      ctx.stderr.write(`${e.message}\n`);
      return e.status;
    }
    throw e;
  }
}
