// expand: tabs to spaces (-t N or a list of stops, -i only leading tabs); printenv: the
// environment, or the named variables (status 1 when one is unset).

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { readOrReport } from './files.ts';

function nextStop(col: number, stops: number[]): number {
  if (stops.length === 1) return col + stops[0] - (col % stops[0]);
  const stop = stops.find((s) => s > col);
  return stop ?? col + 1;
}

export function expand(ctx: CommandContext): number {
  const argv = ctx.argv.map((a, i) => (i > 0 && /^-\d[\d,]*$/.test(a) ? `-t${a.slice(1)}` : a));
  const parsed = parseOrReport(ctx, { short: 't:i', long: { 'tabs:': 't', initial: 'i' } }, 1, argv);
  if (!parsed) return 1;
  let stops = [8];
  let initial = false;
  for (const [k, v] of parsed.options) {
    if (k === 'i') initial = true;
    else {
      if (!/^[\d, ]+$/.test(v!)) return usageError(ctx, `tab size contains invalid character(s): '${v}'`);
      const list = v!.split(/[, ]/).filter(Boolean).map(Number);
      if (list.includes(0)) {
        ctx.stderr.write('expand: tab size cannot be 0\n');
        return 1;
      }
      stops = list;
    }
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const f of files) {
    const text = readOrReport(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    const out = text
      .split('\n')
      .map((line) => {
        let col = 0;
        let result = '';
        let leading = true;
        for (const ch of line) {
          if (ch === '\t' && (!initial || leading)) {
            const to = nextStop(col, stops);
            result += ' '.repeat(to - col);
            col = to;
            continue;
          }
          if (ch !== ' ' && ch !== '\t') leading = false;
          result += ch;
          col = ch === '\b' ? Math.max(0, col - 1) : col + 1;
        }
        return result;
      })
      .join('\n');
    ctx.stdout.write(out);
  }
  return status;
}

export function printenv(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: '0', long: { null: '0' } }, 2);
  if (!parsed) return 2;
  const end = parsed.options.length > 0 ? '\0' : '\n';
  if (parsed.operands.length === 0) {
    for (const [k, v] of ctx.env) ctx.stdout.write(`${k}=${v}${end}`);
    return 0;
  }
  let status = 0;
  for (const name of parsed.operands) {
    const v = ctx.env.get(name);
    if (v === undefined || name.includes('=')) status = 1;
    else ctx.stdout.write(`${v}${end}`);
  }
  return status;
}
