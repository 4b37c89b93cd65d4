// dmesg (util-linux 2.38): prints the host's kernel log. Parsing turns argv into a typed request,
// the printer formats records as sys-utils/dmesg.c does ([%5ld.%06ld] stamps, -x decoding,
// -r raw <pri> prefixes, -d deltas), and -c/-C clear the log after or instead of reading it.
import { parseOptions, UsageError, usageError } from '../commands/coreutils/args.ts';
import type { CommandContext } from '../commands/types.ts';
import { clearLog, type KmsgRecord, kernelLog, visibleRecords } from './log.ts';

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
];

type TimeFormat = 'stamp' | 'notime' | 'delta';

export interface DmesgRequest {
  clear: 'none' | 'after' | 'only';
  levels: Set<number> | null;
  facilities: Set<number> | null;
  decode: boolean;
  raw: boolean;
  time: TimeFormat;
}

const SPEC = {
  short: 'CcDdEeF:f:HhJkL::l:n:PprSs:TtuVWwx',
  long: {
    clear: 'C',
    'read-clear': 'c',
    'facility:': 'f',
    kernel: 'k',
    'level:': 'l',
    nopager: 'P',
    raw: 'r',
    userspace: 'u',
    decode: 'x',
    'show-delta': 'd',
    notime: 't',
    'time-format:': 'time-format',
    'color::': 'L',
    help: 'h',
    version: 'V',
    ctime: 'T',
    follow: 'w',
    'follow-new': 'W',
    json: 'J',
    human: 'H',
    reltime: 'e',
    'file:': 'F',
  } as Record<string, string>,
};

/** Options the real dmesg has that read or change what the simulation has no model of. */
const UNSIMULATED: Record<string, string> = {
  T: '--ctime',
  e: '--reltime',
  H: '--human',
  J: '--json',
  w: '--follow',
  W: '--follow-new',
  F: '--file',
  D: '--console-off',
  E: '--console-on',
  n: '--console-level',
  s: '--buffer-size',
};

/** A bad --level, --facility or --time-format value: errx() without the usage hint. */
class ListError extends Error {}

function parseList(list: string, names: string[], what: string): Set<number> {
  const out = new Set<number>();
  for (const name of list.split(',')) {
    const n = /^\d+$/.test(name) ? Number(name) : names.indexOf(name);
    if (n < 0 || n >= names.length) throw new ListError(`unknown ${what} '${name}'`);
    out.add(n);
  }
  return out;
}

/** Turns argv into a request; throws UsageError with dmesg's wording. */
export function parseDmesg(argv: string[]): DmesgRequest | { help: true } | { version: true } {
  const { options, operands } = parseOptions(argv, { short: SPEC.short, long: SPEC.long });
  if (operands.length) throw new UsageError(`bad usage`);
  const req: DmesgRequest = {
    clear: 'none',
    levels: null,
    facilities: null,
    decode: false,
    raw: false,
    time: 'stamp',
  };
  for (const [key, value] of options) {
    if (key in UNSIMULATED) throw new UsageError(`${UNSIMULATED[key]} is not simulated by labbook`);
    if (key === 'h') return { help: true };
    if (key === 'V') return { version: true };
    if (key === 'C') req.clear = 'only';
    else if (key === 'c') req.clear = 'after';
    else if (key === 'l') req.levels = parseList(value!, LEVELS, 'level');
    else if (key === 'f') req.facilities = parseList(value!, FACILITIES, 'facility');
    else if (key === 'k') req.facilities = new Set([0]);
    else if (key === 'u') req.facilities = new Set([...FACILITIES.keys()].filter((f) => f !== 0));
    else if (key === 'x') req.decode = true;
    else if (key === 'r') req.raw = true;
    else if (key === 't') req.time = 'notime';
    else if (key === 'd') req.time = 'delta';
    else if (key === 'time-format') {
      if (value !== 'notime' && value !== 'delta')
        throw new ListError(
          value === 'ctime' || value === 'iso' || value === 'reltime'
            ? `--time-format ${value} is not simulated by labbook`
            : `unknown time format: ${value}`,
        );
      req.time = value;
    }
  }
  return req;
}

const stamp = (us: number) =>
  `${String(Math.floor(us / 1e6)).padStart(5)}.${String(us % 1e6).padStart(6, '0')}`;

/** One line per record, as print_record() lays it out. */
export function formatRecords(records: KmsgRecord[], req: DmesgRequest): string {
  let out = '';
  let last: number | null = null;
  for (const r of records) {
    if (req.levels && !req.levels.has(r.level)) continue;
    if (req.facilities && !req.facilities.has(r.facility)) continue;
    if (req.raw) {
      out += `<${(r.facility << 3) | r.level}>[${stamp(r.usSinceBoot)}] ${r.text}\n`;
      continue;
    }
    let line = req.decode ? `${FACILITIES[r.facility].padEnd(6)}:${LEVELS[r.level].padEnd(6)}: ` : '';
    if (req.time === 'stamp') line += `[${stamp(r.usSinceBoot)}] `;
    else if (req.time === 'delta') {
      const delta = last === null ? 0 : r.usSinceBoot - last;
      line += `[${stamp(r.usSinceBoot)} <${(delta / 1e6).toFixed(6).padStart(12)}>] `;
    }
    last = r.usSinceBoot;
    out += `${line}${r.text}\n`;
  }
  return out;
}

export function dmesg(ctx: CommandContext): number {
  let req: ReturnType<typeof parseDmesg>;
  try {
    req = parseDmesg(ctx.argv);
  } catch (e) {
    if (e instanceof ListError) {
      ctx.stderr.write(`dmesg: ${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError) return usageError(ctx, e.message);
    throw e;
  }
  if ('help' in req) {
    ctx.stdout.write('\nUsage:\n dmesg [options]\n\nDisplay or control the kernel ring buffer.\n');
    return 0;
  }
  if ('version' in req) {
    ctx.stdout.write('dmesg from util-linux 2.38.1\n');
    return 0;
  }
  const log = kernelLog(ctx.proc.host);
  if (req.clear !== 'only') ctx.stdout.write(formatRecords(visibleRecords(log), req));
  if (req.clear !== 'none') clearLog(log);
  return 0;
}
