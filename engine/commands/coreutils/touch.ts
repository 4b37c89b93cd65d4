// touch: creates missing files and sets modification times to now, -d DATE, -t STAMP or a
// reference file's (-r); -c never creates.
import { FsError } from '../../fs/errors.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { parseDate } from './dates.ts';

/** Parses touch -t [[CC]YY]MMDDhhmm[.ss]. */
function parseStamp(text: string, now: number): number | null {
  const m = /^(\d{2})?(\d{2})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(text);
  if (!m) return null;
  let year: number;
  if (m[1] !== undefined && m[2] !== undefined) year = Number(m[1] + m[2]);
  else if (m[1] !== undefined) {
    const yy = Number(m[1]);
    year = yy < 69 ? 2000 + yy : 1900 + yy;
  } else year = new Date(now).getUTCFullYear();
  const [mo, d, h, mi, s] = [m[3], m[4], m[5], m[6], m[7] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return Date.UTC(year, mo - 1, d, h, mi, s);
}

export function touch(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'acd:fhmr:t:',
    long: {
      'no-create': 'c',
      'date:': 'd',
      'reference:': 'r',
      'time:': 'time',
      'no-dereference': 'h',
    },
  });
  if (!parsed) return 1;
  const fs = ctx.proc.host.fs;
  let when = ctx.world.clock.now();
  let create = true;
  let follow = true;
  for (const [k, v] of parsed.options) {
    if (k === 'c') create = false;
    else if (k === 'h') follow = false;
    else if (k === 'd') {
      const t = parseDate(v!, ctx.world.clock.now());
      if (t === null) {
        ctx.stderr.write(`touch: invalid date format '${v}'\n`);
        return 1;
      }
      when = t;
    } else if (k === 't') {
      const t = parseStamp(v!, ctx.world.clock.now());
      if (t === null) {
        ctx.stderr.write(`touch: invalid date format '${v}'\n`);
        return 1;
      }
      when = t;
    } else if (k === 'r') {
      const node = fs.lookup(v!, ctx.proc.cwd);
      if (!node) {
        ctx.stderr.write(`touch: failed to get attributes of '${v}': No such file or directory\n`);
        return 1;
      }
      when = node.mtime;
    }
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing file operand');
  let status = 0;
  for (const f of parsed.operands) {
    try {
      let node = fs.lookup(f, ctx.proc.cwd, follow);
      if (!node) {
        if (!create) continue;
        fs.writeFile(f, '', { cwd: ctx.proc.cwd });
        node = fs.stat(f, ctx.proc.cwd);
      }
      node.mtime = when;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`touch: cannot touch '${f}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}
