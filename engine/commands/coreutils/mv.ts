// mv: renames files and directories, or moves them into a target directory; -f/-n/-v/-t/-T,
// with GNU mv's refusals (into itself, directory over file and back).
import { FsError } from '../../fs/errors.ts';
import { basename, normalizePath } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { sourcesAndTarget } from './paths.ts';

export function mv(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'fnvit:Tu',
    long: {
      force: 'f',
      'no-clobber': 'n',
      verbose: 'v',
      interactive: 'i',
      'target-directory:': 't',
      'no-target-directory': 'T',
      update: 'u',
    },
  });
  if (!parsed) return 1;
  let noClobber = false;
  let verbose = false;
  let target: string | null = null;
  let noTargetDir = false;
  for (const [k, v] of parsed.options) {
    if (k === 'n') noClobber = true;
    else if (k === 'f') noClobber = false;
    else if (k === 'v') verbose = true;
    else if (k === 't') target = v!;
    else if (k === 'T') noTargetDir = true;
  }
  const resolved = sourcesAndTarget(ctx, 'mv', parsed.operands, target, noTargetDir);
  if (typeof resolved === 'number') return resolved;
  const { ops, intoDir } = resolved;
  const targetPath = resolved.target;
  const fs = ctx.proc.host.fs;
  const cwd = ctx.proc.cwd;
  let status = 0;
  for (const src of ops) {
    const node = fs.lookup(src, cwd, false);
    if (!node) {
      ctx.stderr.write(`mv: cannot stat '${src}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const dest = intoDir ? `${targetPath.replace(/\/+$/, '')}/${basename(src)}` : targetPath;
    const srcAbs = normalizePath(src, cwd);
    const destAbs = normalizePath(dest, cwd);
    const existing = fs.lookup(destAbs, '/', false);
    if (srcAbs === destAbs) {
      ctx.stderr.write(`mv: '${src}' and '${dest}' are the same file\n`);
      status = 1;
      continue;
    }
    if (node.type === 'dir' && destAbs.startsWith(`${srcAbs}/`)) {
      ctx.stderr.write(`mv: cannot move '${src}' to a subdirectory of itself, '${dest}'\n`);
      status = 1;
      continue;
    }
    if (existing) {
      if (noClobber) continue;
      if (existing.type === 'dir' && node.type !== 'dir') {
        ctx.stderr.write(`mv: cannot overwrite directory '${dest}' with non-directory\n`);
        status = 1;
        continue;
      }
      if (existing.type !== 'dir' && node.type === 'dir') {
        ctx.stderr.write(`mv: cannot overwrite non-directory '${dest}' with directory '${src}'\n`);
        status = 1;
        continue;
      }
      if (existing.type === 'dir' && existing.children.size > 0) {
        ctx.stderr.write(`mv: cannot move '${src}' to '${dest}': Directory not empty\n`);
        status = 1;
        continue;
      }
    }
    try {
      if (existing?.type === 'dir') fs.rmdir(destAbs);
      else if (existing) fs.unlink(destAbs);
      fs.rename(srcAbs, destAbs);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`mv: cannot move '${src}' to '${dest}': ${e.message}\n`);
      status = 1;
      continue;
    }
    if (verbose) ctx.stdout.write(`renamed '${src}' -> '${dest}'\n`);
  }
  return status;
}
