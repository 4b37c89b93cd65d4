// cp: copies files, and directory trees with -r/-a, into a target file or directory; -p/-a keep
// modes and times, -n/-f/-v/-t/-T as GNU cp; errors worded as GNU cp words them.
import { FsError } from '../../fs/errors.ts';
import { basename, type FsNode, normalizePath } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { sourcesAndTarget } from './paths.ts';

export function cp(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'rRapfnvit:TLPdHlsu',
    long: {
      recursive: 'r',
      archive: 'a',
      force: 'f',
      'no-clobber': 'n',
      verbose: 'v',
      interactive: 'i',
      'target-directory:': 't',
      'no-target-directory': 'T',
      dereference: 'L',
      'no-dereference': 'P',
      'preserve::': 'p',
      parents: 'parents',
      update: 'u',
    },
  });
  if (!parsed) return 1;
  let recursive = false;
  let preserve = false;
  let noClobber = false;
  let verbose = false;
  let target: string | null = null;
  let noTargetDir = false;
  let deref: boolean | null = null;
  for (const [k, v] of parsed.options) {
    if (k === 'r' || k === 'R') recursive = true;
    else if (k === 'a') {
      recursive = true;
      preserve = true;
      deref = false;
    } else if (k === 'p') preserve = true;
    else if (k === 'n') noClobber = true;
    else if (k === 'v') verbose = true;
    else if (k === 't') target = v!;
    else if (k === 'T') noTargetDir = true;
    else if (k === 'L') deref = true;
    else if (k === 'P' || k === 'd') deref = false;
  }
  const resolved = sourcesAndTarget(ctx, 'cp', parsed.operands, target, noTargetDir);
  if (typeof resolved === 'number') return resolved;
  const { ops, intoDir } = resolved;
  const targetPath = resolved.target;
  const fs = ctx.proc.host.fs;
  const cwd = ctx.proc.cwd;
  const followTop = deref ?? !recursive;
  const now = ctx.world.clock.now();
  let status = 0;
  let topSrc = '';
  let topDest = '';
  let topDestShown = '';
  const copyNode = (src: FsNode, srcPath: string, dest: string, top: boolean): boolean => {
    ctx.world.budget.step();
    const existing = fs.lookup(dest, cwd, false);
    if (src.type === 'dir') {
      if (!recursive) {
        ctx.stderr.write(`cp: -r not specified; omitting directory '${srcPath}'\n`);
        return false;
      }
      if (existing && existing.type !== 'dir') {
        ctx.stderr.write(`cp: cannot overwrite non-directory '${dest}' with directory '${srcPath}'\n`);
        return false;
      }
      if (!existing) {
        try {
          fs.mkdir(dest, { cwd, mode: src.mode & 0o7777 });
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          ctx.stderr.write(`cp: cannot create directory '${dest}': ${e.message}\n`);
          return false;
        }
        if (verbose) ctx.stdout.write(`'${srcPath}' -> '${dest}'\n`);
      }
      let ok = true;
      // Entries are read after the copy exists, so copying a tree into itself meets the copy.
      for (const [name, child] of [...src.children]) {
        const childSrc = `${srcPath.replace(/\/+$/, '')}/${name}`;
        if (child.type === 'dir' && normalizePath(childSrc, cwd) === topDest) {
          ctx.stderr.write(`cp: cannot copy a directory, '${topSrc}', into itself, '${topDestShown}'\n`);
          ok = false;
          continue;
        }
        ok = copyNode(child, childSrc, `${dest.replace(/\/+$/, '')}/${name}`, false) && ok;
      }
      if (preserve) fs.stat(dest, cwd).mtime = src.mtime;
      return ok;
    }
    if (existing && normalizePath(dest, cwd) === normalizePath(srcPath, cwd)) {
      ctx.stderr.write(`cp: '${srcPath}' and '${dest}' are the same file\n`);
      return false;
    }
    if (existing?.type === 'dir') {
      ctx.stderr.write(`cp: cannot overwrite directory '${dest}' with non-directory\n`);
      return false;
    }
    if (existing && noClobber) return true;
    try {
      if (src.type === 'symlink' && !(top && followTop)) {
        if (existing) fs.unlink(dest, cwd);
        fs.symlink(src.target, dest, cwd);
      } else {
        const data = src.type === 'file' ? src.data : fs.readFile(srcPath, cwd, ctx.proc);
        fs.writeFile(dest, data, { cwd, mode: src.mode & 0o777 & ~0o022 });
        const node = fs.stat(dest, cwd);
        if (!existing || preserve)
          node.mode = (node.mode & ~0o7777) | (src.mode & (preserve ? 0o7777 : 0o777));
        node.mtime = preserve ? src.mtime : now;
      }
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`cp: cannot create regular file '${dest}': ${e.message}\n`);
      return false;
    }
    if (verbose) ctx.stdout.write(`'${srcPath}' -> '${dest}'\n`);
    return true;
  };
  for (const src of ops) {
    const node = fs.lookup(src, cwd, false);
    const followed = node?.type === 'symlink' && followTop ? fs.lookup(src, cwd) : node;
    if (!node || !followed) {
      ctx.stderr.write(`cp: cannot stat '${src}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const dest = intoDir ? `${targetPath.replace(/\/+$/, '')}/${basename(src)}` : targetPath;
    topSrc = src;
    topDest = normalizePath(dest, cwd);
    topDestShown = dest;
    if (!copyNode(followed, src, dest, true)) status = 1;
  }
  return status;
}
