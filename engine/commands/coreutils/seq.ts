// seq: numbers from FIRST (1) by INCREMENT (1) to LAST, with -s SEP, -w equal width and
// -f printf FORMAT; decimal places follow the arguments as GNU seq does.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { formatNumber } from './format.ts';

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function decimals(text: string): number {
  if (/[eE]/.test(text)) {
    const [mant, exp] = text.toLowerCase().split('e');
    const frac = mant.includes('.') ? mant.length - mant.indexOf('.') - 1 : 0;
    return Math.max(0, frac - Number(exp));
  }
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function seq(ctx: CommandContext): number {
  // Negative numbers are operands, not options.
  const argv = ctx.argv.map((a, i) => (i > 0 && /^-\d/.test(a) && NUMBER.test(a) ? `\0${a}` : a));
  const parsed = parseOrReport(
    ctx,
    { short: 's:wf:', long: { 'separator:': 's', 'equal-width': 'w', 'format:': 'f' } },
    1,
    argv,
  );
  if (!parsed) return 1;
  let sep = '\n';
  let equal = false;
  let format: string | null = null;
  for (const [k, v] of parsed.options) {
    if (k === 's') sep = v!;
    else if (k === 'w') equal = true;
    else if (k === 'f') format = v!;
  }
  const ops = parsed.operands.map((o) => o.replace(/^\0/, ''));
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (ops.length > 3) return usageError(ctx, `extra operand '${ops[3]}'`);
  for (const o of ops) {
    if (!NUMBER.test(o)) return usageError(ctx, `invalid floating point argument: '${o}'`);
  }
  const [firstText, incText, lastText] =
    ops.length === 1 ? ['1', '1', ops[0]] : ops.length === 2 ? [ops[0], '1', ops[1]] : ops;
  const first = Number(firstText);
  const inc = Number(incText);
  const last = Number(lastText);
  if (inc === 0) return usageError(ctx, `invalid Zero increment value: '${incText}'`);
  if (format !== null && equal) {
    return usageError(ctx, 'format string may not be specified when printing equal width strings');
  }
  const places = Math.max(decimals(firstText), decimals(incText));
  const width = equal
    ? Math.max(first.toFixed(places).length, last.toFixed(Math.max(places, decimals(lastText))).length)
    : 0;
  const render = (n: number): string => {
    if (format !== null) return formatNumber(format, n);
    const text = n.toFixed(places);
    if (!equal) return text;
    return text.startsWith('-') ? `-${text.slice(1).padStart(width - 1, '0')}` : text.padStart(width, '0');
  };
  let pending: string[] = [];
  let any = false;
  for (let i = 0; ; i++) {
    const n = first + i * inc;
    if (inc > 0 ? n > last + 1e-12 * Math.abs(inc) : n < last - 1e-12 * Math.abs(inc)) break;
    if (i % 1024 === 0) ctx.world.budget.step();
    pending.push(render(n));
    if (pending.length === 4096) {
      ctx.stdout.write((any ? sep : '') + pending.join(sep));
      pending = [];
      any = true;
    }
  }
  if (pending.length > 0) ctx.stdout.write((any ? sep : '') + pending.join(sep));
  if (any || pending.length > 0) ctx.stdout.write('\n');
  return 0;
}
