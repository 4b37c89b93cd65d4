// mkdir and rmdir: create directories (-p parents, -m MODE, -v) and remove empty ones (-p).
import { FsError } from '../../fs/errors.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { parseMode } from './chmod.ts';

export function mkdir(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'pm:vZ',
    long: { parents: 'p', 'mode:': 'm', verbose: 'v', context: 'Z' },
  });
  if (!parsed) return 1;
  let parents = false;
  let verbose = false;
  let mode: number | undefined;
  for (const [k, v] of parsed.options) {
    if (k === 'p') parents = true;
    else if (k === 'v') verbose = true;
    else if (k === 'm') {
      const m = parseMode(v!, 0o777, 0o022);
      if (m === null) {
        ctx.stderr.write(`mkdir: invalid mode '${v}'\n`);
        return 1;
      }
      mode = m;
    }
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.proc.host.fs;
  const cwd = ctx.proc.cwd;
  let status = 0;
  for (const dir of parsed.operands) {
    try {
      if (parents) {
        const parts = dir.split('/');
        for (let i = 0; i < parts.length; i++) {
          if (parts[i] === '' && i > 0) continue;
          const prefix = parts.slice(0, i + 1).join('/');
          if (prefix === '') continue;
          const last = parts.slice(i + 1).every((p) => p === '');
          const node = fs.lookup(prefix, cwd);
          if (node?.type === 'dir') continue;
          if (node) throw new FsError(last ? 'EEXIST' : 'ENOTDIR', prefix);
          fs.mkdir(prefix, { cwd, mode: last ? mode : undefined });
          if (verbose) ctx.stdout.write(`mkdir: created directory '${prefix}'\n`);
        }
      } else {
        fs.mkdir(dir, { cwd, mode });
        if (verbose) ctx.stdout.write(`mkdir: created directory '${dir}'\n`);
      }
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      const name = parents && e.code === 'ENOTDIR' ? e.path : dir;
      ctx.stderr.write(`mkdir: cannot create directory '${name}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}

export function rmdir(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'pv',
    long: { parents: 'p', verbose: 'v', 'ignore-fail-on-non-empty': 'i' },
  });
  if (!parsed) return 1;
  const parents = parsed.options.some(([k]) => k === 'p');
  const ignoreNonEmpty = parsed.options.some(([k]) => k === 'i');
  const verbose = parsed.options.some(([k]) => k === 'v');
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.proc.host.fs;
  let status = 0;
  for (const dir of parsed.operands) {
    const chain = [dir];
    if (parents) {
      let d = dir.replace(/\/+$/, '');
      while (d.includes('/')) {
        d = d.slice(0, d.lastIndexOf('/')).replace(/\/+$/, '');
        if (d === '') break;
        chain.push(d);
      }
    }
    for (const d of chain) {
      try {
        const node = fs.lookup(d, ctx.proc.cwd, false);
        if (node && node.type !== 'dir') throw new FsError('ENOTDIR', d);
        fs.rmdir(d, ctx.proc.cwd);
        if (verbose) ctx.stdout.write(`rmdir: removing directory, '${d}'\n`);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (!(ignoreNonEmpty && e.code === 'ENOTEMPTY'))
          ctx.stderr.write(`rmdir: failed to remove '${d}': ${e.message}\n`);
        if (!(ignoreNonEmpty && e.code === 'ENOTEMPTY')) status = 1;
        break;
      }
    }
  }
  return status;
}
