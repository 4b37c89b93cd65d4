// Path helpers for the file tools: canonical paths (realpath/readlink -f -e -m), permission
// strings (-rwxr-xr-x), and the child/parent plumbing for links, copies and timestamps.
import { FsError } from '../../fs/errors.ts';
import { basename, dirname, type FsNode, normalizePath, type Vfs } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { usageError } from './args.ts';

/** How much of the path must exist: all (e), all but the last component (f), none (m). */
export type CanonMode = 'e' | 'f' | 'm';

/** Resolves every symlink in `path`; throws FsError(ENOENT/ENOTDIR/ELOOP) per `mode`. */
export function canonicalize(fs: Vfs, path: string, cwd: string, mode: CanonMode): string {
  const pending = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/').filter((p) => p !== '');
  let resolved: string[] = [];
  let links = 0;
  let missing = false;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const current = `/${[...resolved, part].join('/')}`;
    if (missing) {
      if (mode !== 'm') throw new FsError('ENOENT', path);
      resolved.push(part);
      continue;
    }
    const node = fs.lookup(current, '/', false);
    if (!node) {
      const last = pending.every((p) => p === '.' || p === '');
      if (mode === 'e' || (mode === 'f' && !last)) throw new FsError('ENOENT', path);
      missing = true;
      resolved.push(part);
      continue;
    }
    if (node.type === 'symlink') {
      if (++links > 40) throw new FsError('ELOOP', path);
      const target = node.target.split('/').filter((p) => p !== '');
      if (node.target.startsWith('/')) resolved = [];
      pending.unshift(...target);
      continue;
    }
    if (node.type !== 'dir' && pending.some((p) => p !== '.')) {
      if (mode === 'm') {
        resolved.push(part);
        missing = true;
        continue;
      }
      throw new FsError('ENOTDIR', path);
    }
    resolved.push(part);
  }
  return `/${resolved.join('/')}`;
}

const TYPE_CHAR: Record<FsNode['type'], string> = { dir: 'd', file: '-', symlink: 'l', special: '-' };

/** The ls -l / stat %A permission string, e.g. drwxr-xr-x or -rwsr-xr-t. */
export function modeString(node: FsNode): string {
  const m = node.mode;
  const type = TYPE_CHAR[node.type];
  const rwx = (shift: number, special: number, ch: string) => {
    const bits = (m >> shift) & 7;
    const x = bits & 1;
    const s = (m & special) !== 0;
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${s ? (x ? ch : ch.toUpperCase()) : x ? 'x' : '-'}`;
  };
  return type + rwx(6, 0o4000, 's') + rwx(3, 0o2000, 's') + rwx(0, 0o1000, 't');
}

/** The directory node holding `path` (not following a final symlink) and the entry name. */
export function parentEntry(
  fs: Vfs,
  path: string,
  cwd: string,
): { dir: FsNode & { type: 'dir' }; name: string } {
  const abs = normalizePath(path, cwd);
  const dir = fs.lookup(dirname(abs));
  if (!dir) throw new FsError('ENOENT', path);
  if (dir.type !== 'dir') throw new FsError('ENOTDIR', path);
  return { dir, name: basename(abs) };
}

/** Number of hard links ls and stat show: 2 plus subdirectories for a directory, else 1. */
export function linkCount(node: FsNode): number {
  if (node.type !== 'dir') return 1;
  let n = 2;
  for (const child of node.children.values()) if (child.type === 'dir') n++;
  return n;
}

/** st_blocks (512-byte units) as ext4 reports them. */
export function blockCount(node: FsNode, size: number): number {
  if (node.type === 'dir') return 8;
  if (node.type === 'symlink') return 0;
  return Math.ceil(size / 4096) * 8;
}

/**
 * cp and mv operands: the sources and the destination (-t DIR, or the last operand), and
 * whether the sources go into it as a directory. Returns the exit status when unusable.
 */
export function sourcesAndTarget(
  ctx: CommandContext,
  name: 'cp' | 'mv',
  operands: string[],
  target: string | null,
  noTargetDir: boolean,
): { ops: string[]; target: string; intoDir: boolean } | number {
  const ops = [...operands];
  if (ops.length === 0) return usageError(ctx, 'missing file operand');
  let dest = target;
  if (dest === null) {
    if (ops.length === 1) return usageError(ctx, `missing destination file operand after '${ops[0]}'`);
    dest = ops.pop()!;
  }
  const targetNode = ctx.proc.host.fs.lookup(dest, ctx.proc.cwd);
  const intoDir = !noTargetDir && targetNode?.type === 'dir';
  if (ops.length > 1 && !intoDir) {
    ctx.stderr.write(
      `${name}: target '${dest}': ${targetNode ? 'Not a directory' : 'No such file or directory'}\n`,
    );
    return 1;
  }
  return { ops, target: dest, intoDir };
}
