// The LOG target (extensions/libxt_LOG.c, net/netfilter/xt_LOG.c): a kernel log line per packet
// with a prefix of at most 29 characters and a syslog level (4, warning, is the default and is
// not saved), written to the host's kernel log for dmesg; the packet continues.
import { printk } from '../../kernel/log.ts';
import { ParamError } from '../errors.ts';
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { CONTINUE } from '../packet/context.ts';
import { saveString, strtoui } from '../xtables.ts';
import { formatLogMessage, LOG_IPOPT, LOG_MACDECODE, LOG_TCPOPT, LOG_TCPSEQ, LOG_UID } from './log-format.ts';

interface LogData {
  level: number;
  prefix: string;
  flags: number;
}

const DEFAULT_LEVEL = 4;
const LEVELS: Record<string, number> = {
  alert: 1,
  crit: 2,
  debug: 7,
  emerg: 0,
  error: 3,
  info: 6,
  notice: 5,
  panic: 0,
  warning: 4,
};
/** prioritynames[] order of <syslog.h> for priority2name(). */
const PRIORITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
/** The --log-* switches and their XT_LOG_* bits, in the order libxt_LOG prints them. */
const FLAGS: Array<[string, number]> = [
  ['tcp-sequence', LOG_TCPSEQ],
  ['tcp-options', LOG_TCPOPT],
  ['ip-options', LOG_IPOPT],
  ['uid', LOG_UID],
  ['macdecode', LOG_MACDECODE],
];

const OPTS: OptSpec[] = [
  { name: 'log-level', id: 0, arg: true },
  { name: 'log-prefix', id: 1, arg: true },
  ...FLAGS.map(([f], i) => ({ name: `log-${f}`, id: i + 2, arg: false })),
];

export const logTarget = defineTarget<LogData>({
  name: 'LOG',
  options: OPTS,
  init: () => ({ level: DEFAULT_LEVEL, prefix: '', flags: 0 }),
  parse(d, opt, arg, invert, _ctx, flags) {
    optionPrecheck('LOG', opt, arg, invert, flags);
    if (opt.id === 0) {
      const n = strtoui(arg!, 0, 7) ?? LEVELS[arg!];
      if (n === undefined) throw new ParamError(`log level "${arg}" unknown\n`);
      d.level = n;
    } else if (opt.id === 1) {
      if (arg === '') throw new ParamError('Argument must have a minimum length of 1 characters\n');
      if (arg!.includes('\n')) throw new ParamError('Newlines not allowed in --log-prefix');
      d.prefix = arg!.slice(0, 29);
    } else d.flags |= FLAGS[opt.id - 2][1];
  },
  save(d) {
    let s = d.prefix ? ` --log-prefix${saveString(d.prefix)}` : '';
    if (d.level !== DEFAULT_LEVEL) s += ` --log-level ${d.level}`;
    for (const [f, bit] of FLAGS) if (d.flags & bit) s += ` --log-${f}`;
    return s;
  },
  print(d, _ip, numeric) {
    let s = ' LOG';
    if (numeric) s += ` flags ${d.flags} level ${d.level}`;
    else {
      s += ` level ${PRIORITY_NAMES[d.level]}`;
      for (const [f, bit] of FLAGS) if (d.flags & bit) s += ` ${f}`;
    }
    if (d.prefix) s += ` prefix "${d.prefix}"`;
    return s;
  },
  run(d, pc) {
    // nf_log_ip_packet(): other namespaces log only with net.netfilter.nf_log_all_netns=1.
    const init = pc.ns.stack.root;
    if (pc.ns !== init && init.sysctl.get('net/netfilter/nf_log_all_netns') === '0') return CONTINUE;
    const text = formatLogMessage(pc.ns, pc.pkt, pc.inDev, pc.outDev, d.prefix, d.flags);
    // Stamped when the packet gets here: the pipeline's time plus its time on the wire so far.
    printk(pc.ns.stack.kmsg, d.level, text, pc.now + pc.pkt.latencyUs / 1000);
    return CONTINUE;
  },
});
