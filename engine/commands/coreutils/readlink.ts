// readlink and realpath: a symlink's target, or the canonical path with every link resolved
// (-f all but the last component must exist, -e all, -m none).
import { FsError } from '../../fs/errors.ts';
import { normalizePath } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { type CanonMode, canonicalize } from './paths.ts';

export function readlink(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'femnqsvz',
    long: {
      canonicalize: 'f',
      'canonicalize-existing': 'e',
      'canonicalize-missing': 'm',
      'no-newline': 'n',
      quiet: 'q',
      silent: 's',
      verbose: 'v',
      zero: 'z',
    },
  });
  if (!parsed) return 1;
  let mode: CanonMode | null = null;
  let newline = true;
  let verbose = false;
  let end = '\n';
  for (const [k] of parsed.options) {
    if (k === 'f' || k === 'e' || k === 'm') mode = k;
    else if (k === 'n') newline = false;
    else if (k === 'v') verbose = true;
    else if (k === 'q' || k === 's') verbose = false;
    else if (k === 'z') end = '\0';
  }
  const ops = parsed.operands;
  if (ops.length === 0) return usageError(ctx, 'missing operand');
  if (ops.length > 1 && !newline) {
    ctx.stderr.write('readlink: ignoring --no-newline with multiple arguments\n');
    newline = true;
  }
  const fs = ctx.proc.host.fs;
  let status = 0;
  for (const p of ops) {
    let out: string | null = null;
    if (mode) {
      try {
        out = canonicalize(fs, p, ctx.proc.cwd, mode);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (verbose) ctx.stderr.write(`readlink: ${p}: ${e.message}\n`);
      }
    } else {
      const node = fs.lookup(p, ctx.proc.cwd, false);
      if (node?.type === 'symlink') out = node.target;
      else if (verbose)
        ctx.stderr.write(`readlink: ${p}: ${node ? 'Invalid argument' : 'No such file or directory'}\n`);
    }
    if (out === null) {
      status = 1;
      continue;
    }
    ctx.stdout.write(out + (newline ? end : ''));
  }
  return status;
}

export function realpath(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'emLPqsz',
    long: {
      'canonicalize-existing': 'e',
      'canonicalize-missing': 'm',
      logical: 'L',
      physical: 'P',
      quiet: 'q',
      strip: 's',
      'no-symlinks': 's',
      zero: 'z',
      'relative-to:': 'rel',
      'relative-base:': 'base',
    },
  });
  if (!parsed) return 1;
  let mode: CanonMode = 'f';
  let strip = false;
  let quiet = false;
  let end = '\n';
  let relativeTo: string | null = null;
  for (const [k, v] of parsed.options) {
    if (k === 'e' || k === 'm') mode = k;
    else if (k === 's') strip = true;
    else if (k === 'q') quiet = true;
    else if (k === 'z') end = '\0';
    else if (k === 'rel') relativeTo = v!;
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.proc.host.fs;
  let status = 0;
  const resolve = (p: string) =>
    strip ? normalizePath(p, ctx.proc.cwd) : canonicalize(fs, p, ctx.proc.cwd, mode);
  let base: string | null = null;
  if (relativeTo !== null) {
    try {
      base = resolve(relativeTo);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`realpath: ${relativeTo}: ${e.message}\n`);
      return 1;
    }
  }
  for (const p of parsed.operands) {
    try {
      if (strip && mode === 'e' && !fs.lookup(p, ctx.proc.cwd)) throw new FsError('ENOENT', p);
      let out = resolve(p);
      if (base !== null) out = relative(base, out);
      ctx.stdout.write(out + end);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (!quiet) ctx.stderr.write(`realpath: ${p}: ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const parts = [...new Array(a.length - i).fill('..'), ...b.slice(i)];
  return parts.length === 0 ? '.' : parts.join('/');
}
