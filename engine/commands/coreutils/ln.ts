// ln: symbolic (-s) and hard links, into a directory or under a new name; -f replaces, -n/-T
// treat a link to a directory as a file, -v reports.
import { FsError } from '../../fs/errors.ts';
import { basename } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { parentEntry } from './paths.ts';

export function ln(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'sfnvt:TrLPbi',
    long: {
      symbolic: 's',
      force: 'f',
      'no-dereference': 'n',
      verbose: 'v',
      'target-directory:': 't',
      'no-target-directory': 'T',
      relative: 'r',
    },
  });
  if (!parsed) return 1;
  let symbolic = false;
  let force = false;
  let noDeref = false;
  let verbose = false;
  let target: string | null = null;
  let noTargetDir = false;
  for (const [k, v] of parsed.options) {
    if (k === 's') symbolic = true;
    else if (k === 'f') force = true;
    else if (k === 'n') noDeref = true;
    else if (k === 'v') verbose = true;
    else if (k === 't') target = v!;
    else if (k === 'T') noTargetDir = true;
  }
  const ops = [...parsed.operands];
  if (ops.length === 0) return usageError(ctx, 'missing file operand');
  const fs = ctx.proc.host.fs;
  const cwd = ctx.proc.cwd;
  if (target === null) {
    if (ops.length === 1) target = '.';
    else target = ops.pop()!;
  }
  const targetNode = fs.lookup(target, cwd, !noDeref);
  const intoDir = !noTargetDir && targetNode?.type === 'dir';
  if (ops.length > 1 && !intoDir) {
    ctx.stderr.write(
      `ln: target '${target}': ${targetNode ? 'Not a directory' : 'No such file or directory'}\n`,
    );
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const dest = intoDir ? `${target.replace(/\/+$/, '')}/${basename(src)}` : target;
    try {
      if (!symbolic) {
        const node = fs.lookup(src, cwd, false);
        if (!node) {
          ctx.stderr.write(`ln: failed to access '${src}': No such file or directory\n`);
          status = 1;
          continue;
        }
        if (node.type === 'dir') {
          ctx.stderr.write(`ln: ${src}: hard link not allowed for directory\n`);
          status = 1;
          continue;
        }
      }
      const existing = fs.lookup(dest, cwd, false);
      if (existing) {
        if (!force) throw new FsError('EEXIST', dest);
        if (existing.type === 'dir') throw new FsError('EISDIR', dest);
        fs.unlink(dest, cwd);
      }
      if (symbolic) fs.symlink(src, dest, cwd);
      else {
        const { dir, name } = parentEntry(fs, dest, cwd);
        dir.children.set(name, fs.lookup(src, cwd, false)!);
      }
      if (verbose) ctx.stdout.write(`'${dest}' ${symbolic ? '->' : '=>'} '${src}'\n`);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(
        `ln: failed to create ${symbolic ? 'symbolic' : 'hard'} link '${dest}': ${e.message}\n`,
      );
      status = 1;
    }
  }
  return status;
}
