// In-memory file system of one simulated host: directories, files, symlinks and special
// files whose contents come from engine state (procfs). Paths are POSIX; every mutation goes
// through this class so timestamps come from the simulated clock.
import type { Clock } from '../core/clock.ts';
import { FsError } from './errors.ts';

/** Hooks behind a special file; `caller` is the process that opened it (e.g. for its netns). */
export interface SpecialFile {
  read(caller: unknown): string;
  write?(data: string, caller: unknown): void;
}

/**
 * A file tree computed on demand under a mount point (procfs): paths are relative to it, and
 * `caller` is the process asking, so /proc/sys/net can show each caller's own namespace.
 */
export interface FsProvider {
  /** 'file', 'dir' or null when the path does not exist. */
  kind(rel: string, caller: unknown): 'file' | 'dir' | null;
  read(rel: string, caller: unknown): string;
  write(rel: string, data: string, caller: unknown): void;
  list(rel: string, caller: unknown): string[];
}

export type FsNode =
  | { type: 'dir'; mode: number; mtime: number; children: Map<string, FsNode> }
  | { type: 'file'; mode: number; mtime: number; data: string }
  | { type: 'symlink'; mode: number; mtime: number; target: string }
  | { type: 'special'; mode: number; mtime: number; special: SpecialFile };

const MAX_LINKS = 40;

const CANONICAL = /^\/(?:[^/.][^/]*(?:\/[^/.][^/]*)*)?$/;

export function normalizePath(path: string, cwd = '/'): string {
  if (CANONICAL.test(path)) return path;
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

export class Vfs {
  private readonly root: FsNode & { type: 'dir' };
  private readonly clock: Clock;
  private readonly providers: Array<{ prefix: string; provider: FsProvider }> = [];
  /** Bumped by every change to the tree's shape (not to file contents), for caches. */
  version = 0;

  constructor(clock: Clock) {
    this.clock = clock;
    this.root = { type: 'dir', mode: 0o755, mtime: clock.now(), children: new Map() };
  }

  /** Serves the tree under `prefix` (an absolute directory) from a provider. */
  mountProvider(prefix: string, provider: FsProvider): void {
    this.mkdir(prefix, { parents: true, mode: 0o555 });
    this.providers.push({ prefix, provider });
  }

  private provided(abs: string): { provider: FsProvider; rel: string } | null {
    for (const { prefix, provider } of this.providers) {
      if (abs === prefix || abs.startsWith(`${prefix}/`))
        return { provider, rel: abs.slice(prefix.length + 1) };
    }
    return null;
  }

  private providedNode(abs: string, caller: unknown): FsNode | null | undefined {
    const p = this.provided(abs);
    if (!p) return undefined;
    const kind = p.provider.kind(p.rel, caller);
    if (kind === null) return null;
    if (kind === 'dir')
      return {
        type: 'dir',
        mode: 0o555,
        mtime: this.clock.now(),
        children: new Map(p.provider.list(p.rel, caller).map((n) => [n, null as unknown as FsNode])),
      };
    return {
      type: 'special',
      mode: 0o644,
      mtime: this.clock.now(),
      special: {
        read: (c) => p.provider.read(p.rel, c ?? caller),
        write: (data, c) => p.provider.write(p.rel, data, c ?? caller),
      },
    };
  }

  /** Looks a path up; `follow` resolves a final symlink. Returns null when absent. */
  lookup(path: string, cwd = '/', follow = true, caller?: unknown): FsNode | null {
    const provided = this.providers.length ? this.providedNode(normalizePath(path, cwd), caller) : undefined;
    if (provided !== undefined) return provided;
    try {
      return this.walk(normalizePath(path, cwd), follow, 0).node;
    } catch (e) {
      if (e instanceof FsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return null;
      throw e;
    }
  }

  /** The canonical path with all symlinks resolved (realpath). */
  realpath(path: string, cwd = '/'): string {
    const { node, path: real } = this.walk(normalizePath(path, cwd), true, 0);
    if (!node) throw new FsError('ENOENT', path);
    return real;
  }

  /** realpath() that returns null instead of throwing when the path does not exist. */
  tryRealpath(path: string, cwd = '/'): string | null {
    try {
      const { node, path: real } = this.walk(normalizePath(path, cwd), true, 0);
      return node ? real : null;
    } catch {
      return null;
    }
  }

  exists(path: string, cwd = '/'): boolean {
    return this.lookup(path, cwd) !== null;
  }

  stat(path: string, cwd = '/', follow = true): FsNode {
    const node = this.lookup(path, cwd, follow);
    if (!node) throw new FsError('ENOENT', path);
    return node;
  }

  readFile(path: string, cwd = '/', caller?: unknown): string {
    const node = this.lookup(path, cwd, true, caller);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    if (node.type === 'special') return node.special.read(caller);
    if (node.type === 'file') return node.data;
    throw new FsError('EINVAL', path);
  }

  writeFile(
    path: string,
    data: string,
    opts: { cwd?: string; append?: boolean; mode?: number; caller?: unknown } = {},
  ): void {
    const abs = normalizePath(path, opts.cwd);
    const existing = this.lookup(abs, '/', true, opts.caller);
    if (existing === null && this.provided(abs)) throw new FsError('ENOENT', path);
    if (existing) {
      if (existing.type === 'dir') throw new FsError('EISDIR', path);
      if (existing.type === 'special') {
        // Opening with O_TRUNC writes nothing to a procfs file.
        if (data === '') return;
        if (!existing.special.write) throw new FsError('EACCES', path);
        existing.special.write(data, opts.caller);
        return;
      }
      if (existing.type === 'file') {
        existing.data = opts.append ? existing.data + data : data;
        existing.mtime = this.clock.now();
        return;
      }
    }
    const { parent, name } = this.parentOf(abs, path);
    this.version++;
    parent.children.set(name, { type: 'file', mode: opts.mode ?? 0o644, mtime: this.clock.now(), data });
    parent.mtime = this.clock.now();
  }

  mkdir(path: string, opts: { cwd?: string; parents?: boolean; mode?: number } = {}): void {
    this.version++;
    const abs = normalizePath(path, opts.cwd);
    if (opts.parents) {
      let current = '';
      for (const part of abs.split('/').filter(Boolean)) {
        current += `/${part}`;
        const node = this.lookup(current);
        if (node && node.type !== 'dir') throw new FsError('ENOTDIR', path);
        if (!node) this.mkdir(current, { mode: opts.mode });
      }
      return;
    }
    if (this.lookup(abs, '/', false)) throw new FsError('EEXIST', path);
    const { parent, name } = this.parentOf(abs, path);
    parent.children.set(name, {
      type: 'dir',
      mode: opts.mode ?? 0o755,
      mtime: this.clock.now(),
      children: new Map(),
    });
  }

  readdir(path: string, cwd = '/', caller?: unknown): string[] {
    const node = this.lookup(path, cwd, true, caller);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.children.keys()].sort();
  }

  unlink(path: string, cwd = '/'): void {
    this.version++;
    const abs = normalizePath(path, cwd);
    const node = this.lookup(abs, '/', false);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    const { parent, name } = this.parentOf(abs, path);
    parent.children.delete(name);
  }

  rmdir(path: string, cwd = '/', recursive = false): void {
    this.version++;
    const abs = normalizePath(path, cwd);
    const node = this.lookup(abs, '/', false);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    if (!recursive && node.children.size > 0) throw new FsError('ENOTEMPTY', path);
    if (abs === '/') throw new FsError('EPERM', path);
    const { parent, name } = this.parentOf(abs, path);
    parent.children.delete(name);
  }

  rename(from: string, to: string, cwd = '/'): void {
    this.version++;
    const src = normalizePath(from, cwd);
    const node = this.lookup(src, '/', false);
    if (!node) throw new FsError('ENOENT', from);
    let dest = normalizePath(to, cwd);
    const target = this.lookup(dest);
    if (target?.type === 'dir') dest = normalizePath(basename(src), dest);
    const { parent: srcParent, name: srcName } = this.parentOf(src, from);
    const { parent, name } = this.parentOf(dest, to);
    srcParent.children.delete(srcName);
    parent.children.set(name, node);
  }

  symlink(target: string, path: string, cwd = '/'): void {
    this.version++;
    const abs = normalizePath(path, cwd);
    if (this.lookup(abs, '/', false)) throw new FsError('EEXIST', path);
    const { parent, name } = this.parentOf(abs, path);
    parent.children.set(name, { type: 'symlink', mode: 0o777, mtime: this.clock.now(), target });
  }

  /** Places a special (procfs-like) file, creating parent directories. */
  mountSpecial(path: string, special: SpecialFile, mode = 0o644): void {
    this.version++;
    const abs = normalizePath(path);
    this.mkdir(dirname(abs), { parents: true, mode: 0o555 });
    const { parent, name } = this.parentOf(abs, path);
    parent.children.set(name, { type: 'special', mode, mtime: this.clock.now(), special });
  }

  /** Names in a directory, cached until the tree changes shape (for PATH searches). */
  namesIn(dir: string): Set<string> | null {
    if (this.namesCache.version !== this.version)
      this.namesCache = { version: this.version, dirs: new Map() };
    let names = this.namesCache.dirs.get(dir);
    if (names === undefined) {
      const node = this.lookup(dir);
      names = node?.type === 'dir' ? new Set(node.children.keys()) : null;
      this.namesCache.dirs.set(dir, names);
    }
    return names;
  }

  private namesCache: { version: number; dirs: Map<string, Set<string> | null> } = {
    version: -1,
    dirs: new Map(),
  };

  chmod(path: string, mode: number, cwd = '/'): void {
    this.stat(path, cwd).mode = mode;
  }

  private parentOf(abs: string, shown: string): { parent: FsNode & { type: 'dir' }; name: string } {
    const parent = this.lookup(dirname(abs));
    if (!parent) throw new FsError('ENOENT', shown);
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', shown);
    return { parent, name: basename(abs) };
  }

  private walk(abs: string, follow: boolean, depth: number): { node: FsNode | null; path: string } {
    if (depth > MAX_LINKS) throw new FsError('ELOOP', abs);
    const parts = abs.split('/').filter(Boolean);
    let node: FsNode = this.root;
    let real = '';
    for (let i = 0; i < parts.length; i++) {
      if (node.type !== 'dir') throw new FsError('ENOTDIR', abs);
      const child = node.children.get(parts[i]);
      if (!child) return { node: null, path: abs };
      const last = i === parts.length - 1;
      if (child.type === 'symlink' && (!last || follow)) {
        const base = child.target.startsWith('/') ? child.target : `${real || '/'}/${child.target}`;
        const rest = parts.slice(i + 1).join('/');
        return this.walk(normalizePath(rest ? `${base}/${rest}` : base), follow, depth + 1);
      }
      node = child;
      real += `/${parts[i]}`;
    }
    return { node, path: real || '/' };
  }
}
