// basename and dirname: the last component of a path (minus an optional SUFFIX, -a, -s) and
// everything before it.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';

export function baseOf(path: string, suffix = ''): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

export function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  const dir = trimmed.slice(0, i).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

export function basename(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: 'as:z', long: { multiple: 'a', 'suffix:': 's', zero: 'z' } });
  if (!parsed) return 1;
  let multiple = false;
  let suffix = '';
  let end = '\n';
  for (const [k, v] of parsed.options) {
    if (k === 'a') multiple = true;
    else if (k === 's') {
      suffix = v!;
      multiple = true;
    } else if (k === 'z') end = '\0';
  }
  const ops = parsed.operands;
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (!multiple) {
    if (ops.length > 2) return usageError(ctx, `extra operand '${ops[2]}'`);
    ctx.stdout.write(baseOf(ops[0], ops[1] ?? '') + end);
    return 0;
  }
  ctx.stdout.write(ops.map((p) => baseOf(p, suffix) + end).join(''));
  return 0;
}

export function dirname(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: 'z', long: { zero: 'z' } });
  if (!parsed) return 1;
  const end = parsed.options.length > 0 ? '\0' : '\n';
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  ctx.stdout.write(parsed.operands.map((p) => dirOf(p) + end).join(''));
  return 0;
}
