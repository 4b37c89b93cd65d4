// rm: removes files, and directories with -r (or empty ones with -d); -f ignores missing
// operands; -v reports; refuses `.`, `..` and `/` as GNU rm does.
import { FsError } from '../../fs/errors.ts';
import { normalizePath } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';

export function rm(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'rRfdviI',
    long: {
      recursive: 'r',
      force: 'f',
      dir: 'd',
      verbose: 'v',
      'no-preserve-root': 'np',
      'preserve-root::': 'pr',
      'one-file-system': 'x',
      'interactive::': 'i',
    },
  });
  if (!parsed) return 1;
  let recursive = false;
  let force = false;
  let dirs = false;
  let verbose = false;
  let preserveRoot = true;
  for (const [k] of parsed.options) {
    if (k === 'r' || k === 'R') recursive = true;
    else if (k === 'f') force = true;
    else if (k === 'd') dirs = true;
    else if (k === 'v') verbose = true;
    else if (k === 'np') preserveRoot = false;
    else if (k === 'i' || k === 'I') force = false;
  }
  if (parsed.operands.length === 0) {
    if (force) return 0;
    return usageError(ctx, 'missing operand');
  }
  const fs = ctx.proc.host.fs;
  const cwd = ctx.proc.cwd;
  let status = 0;
  const removeTree = (path: string): boolean => {
    ctx.world.budget.step();
    const node = fs.lookup(path, cwd, false)!;
    if (node.type === 'dir') {
      let ok = true;
      for (const name of [...node.children.keys()])
        ok = removeTree(`${path.replace(/\/+$/, '')}/${name}`) && ok;
      if (!ok) return false;
      fs.rmdir(path, cwd);
      if (verbose) ctx.stdout.write(`removed directory '${path}'\n`);
      return true;
    }
    fs.unlink(path, cwd);
    if (verbose) ctx.stdout.write(`removed '${path}'\n`);
    return true;
  };
  for (const path of parsed.operands) {
    const base = path.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping '${path}'\n`);
      status = 1;
      continue;
    }
    try {
      const node = fs.lookup(path, cwd, false);
      if (!node) {
        if (!force) throw new FsError('ENOENT', path);
        continue;
      }
      if (node.type === 'dir') {
        if (recursive) {
          if (normalizePath(path, cwd) === '/' && preserveRoot) {
            ctx.stderr.write(
              `rm: it is dangerous to operate recursively on '${path}'\nrm: use --no-preserve-root to override this failsafe\n`,
            );
            status = 1;
            continue;
          }
          removeTree(path);
          continue;
        }
        if (!dirs) throw new FsError('EISDIR', path);
        fs.rmdir(path, cwd);
        if (verbose) ctx.stdout.write(`removed directory '${path}'\n`);
        continue;
      }
      fs.unlink(path, cwd);
      if (verbose) ctx.stdout.write(`removed '${path}'\n`);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`rm: cannot remove '${path}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}
