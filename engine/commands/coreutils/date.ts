// date: the simulated clock (or -d STRING, -r FILE) in the default format, +FORMAT, -I, -R or
// --rfc-3339; the engine's hosts run on UTC, so -u changes nothing.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { parseDate, strftime } from './dates.ts';

const ISO: Record<string, string> = {
  date: '%Y-%m-%d',
  hours: '%Y-%m-%dT%H%:z',
  minutes: '%Y-%m-%dT%H:%M%:z',
  seconds: '%Y-%m-%dT%H:%M:%S%:z',
  ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
};

const RFC3339: Record<string, string> = {
  date: '%Y-%m-%d',
  seconds: '%Y-%m-%d %H:%M:%S%:z',
  ns: '%Y-%m-%d %H:%M:%S.%N%:z',
};

export function date(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'd:r:uRI::s:f:',
    long: {
      'date:': 'd',
      'reference:': 'r',
      utc: 'u',
      universal: 'u',
      'rfc-email': 'R',
      'rfc-2822': 'R',
      'iso-8601::': 'I',
      'rfc-3339:': 'rfc3339',
      'set:': 's',
      'file:': 'f',
    },
  });
  if (!parsed) return 1;
  let when = ctx.world.clock.now();
  let format = '%a %b %e %H:%M:%S %Z %Y';
  for (const [k, v] of parsed.options) {
    if (k === 'd') {
      const t = parseDate(v!, ctx.world.clock.now());
      if (t === null) {
        ctx.stderr.write(`date: invalid date '${v}'\n`);
        return 1;
      }
      when = t;
    } else if (k === 'r') {
      const node = ctx.proc.host.fs.lookup(v!, ctx.proc.cwd);
      if (!node) {
        ctx.stderr.write(`date: ${v}: No such file or directory\n`);
        return 1;
      }
      when = node.mtime;
    } else if (k === 'R') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (k === 'I') {
      const kind = v === undefined ? 'date' : Object.keys(ISO).find((x) => x.startsWith(v) && v !== '');
      if (!kind) {
        ctx.stderr.write(
          `date: invalid argument '${v}' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'\nTry 'date --help' for more information.\n`,
        );
        return 1;
      }
      format = ISO[kind];
    } else if (k === 'rfc3339') {
      const kind = Object.keys(RFC3339).find((x) => x.startsWith(v!) && v !== '');
      if (!kind) {
        ctx.stderr.write(
          `date: invalid argument '${v}' for '--rfc-3339'\nValid arguments are:\n  - 'date'\n  - 'seconds'\n  - 'ns'\nTry 'date --help' for more information.\n`,
        );
        return 1;
      }
      format = RFC3339[kind];
    } else if (k === 's') {
      ctx.stderr.write('date: cannot set date: Operation not permitted\n');
      return 1;
    }
  }
  const ops = parsed.operands;
  if (ops.length > 1) return usageError(ctx, `extra operand '${ops[1]}'`);
  if (ops.length > 0) {
    if (!ops[0].startsWith('+')) {
      if (parsed.options.some(([k]) => k === 'd' || k === 'r' || k === 'I' || k === 'R' || k === 'rfc3339')) {
        return usageError(
          ctx,
          `the argument '${ops[0]}' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'`,
        );
      }
      ctx.stderr.write(`date: invalid date '${ops[0]}'\n`);
      return 1;
    }
    format = ops[0].slice(1);
  }
  ctx.stdout.write(`${strftime(format, when)}\n`);
  return 0;
}
