// The LOG target (extensions/libxt_LOG.c, net/netfilter/xt_LOG.c): a kernel log line per packet
// with a prefix of at most 29 characters and a syslog level (4, warning, is the default and is
// not saved). The simulated kernel has no log buffer, so packets just continue.
import { ParamError } from '../errors.ts';
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { CONTINUE } from '../packet/context.ts';
import { saveString, strtoui } from '../xtables.ts';

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
const FLAG_NAMES = ['tcp-sequence', 'tcp-options', 'ip-options', 'uid', 'macdecode'];

const OPTS: OptSpec[] = [
  { name: 'log-level', id: 0, arg: true },
  { name: 'log-prefix', id: 1, arg: true },
  ...FLAG_NAMES.map((f, i) => ({ name: `log-${f}`, id: i + 2, arg: false })),
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
    } else d.flags |= 1 << (opt.id - 2);
  },
  save(d) {
    let s = d.prefix ? ` --log-prefix${saveString(d.prefix)}` : '';
    if (d.level !== DEFAULT_LEVEL) s += ` --log-level ${d.level}`;
    FLAG_NAMES.forEach((f, i) => {
      if (d.flags & (1 << i)) s += ` --log-${f}`;
    });
    return s;
  },
  print(d, _ip, numeric) {
    let s = ' LOG';
    if (numeric) s += ` flags ${d.flags} level ${d.level}`;
    else {
      s += ` level ${PRIORITY_NAMES[d.level]}`;
      FLAG_NAMES.forEach((f, i) => {
        if (d.flags & (1 << i)) s += ` ${f}`;
      });
    }
    if (d.prefix) s += ` prefix "${d.prefix}"`;
    return s;
  },
  run: () => CONTINUE,
});
