// stat: file status in GNU's default layout, or -c/--format and --printf directives (%n %N %s
// %a %A %F %U %G %u %g %h %i %b %B %o %y %Y %x %X %z %Z %w %W %d %D); -L follows links.
// The simulated file system keeps one timestamp, shown as access, modify, change and birth.
import type { FsNode } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { strftime } from './dates.ts';
import { backslashEscapes } from './echo.ts';
import { nodeSize } from './files.ts';
import { blockCount, linkCount, modeString } from './paths.ts';

/** Inode numbers handed out per file system in the order nodes are first looked at. */
const inodes = new WeakMap<object, { next: number; byNode: WeakMap<FsNode, number> }>();

function inodeOf(fs: object, node: FsNode): number {
  let table = inodes.get(fs);
  if (!table) {
    table = { next: 131073, byNode: new WeakMap() };
    inodes.set(fs, table);
  }
  let n = table.byNode.get(node);
  if (n === undefined) {
    n = table.next++;
    table.byNode.set(node, n);
  }
  return n;
}

function typeName(node: FsNode, size: number): string {
  switch (node.type) {
    case 'dir':
      return 'directory';
    case 'symlink':
      return 'symbolic link';
    case 'special':
      return 'regular file';
    default:
      return size === 0 ? 'regular empty file' : 'regular file';
  }
}

function fullTime(ms: number): string {
  return strftime('%Y-%m-%d %H:%M:%S.%N %z', ms);
}

function directive(c: string, name: string, node: FsNode, fs: object): string | null {
  const size = nodeSize(node);
  switch (c) {
    case 'n':
      return name;
    case 'N':
      return node.type === 'symlink' ? `'${name}' -> '${node.target}'` : `'${name}'`;
    case 's':
      return String(size);
    case 'a':
      return (node.mode & 0o7777).toString(8);
    case 'A':
      return modeString(node);
    case 'f':
      return (
        (node.type === 'dir' ? 0o40000 : node.type === 'symlink' ? 0o120000 : 0o100000) | node.mode
      ).toString(16);
    case 'F':
      return typeName(node, size);
    case 'U':
    case 'G':
      return 'root';
    case 'u':
    case 'g':
      return '0';
    case 'h':
      return String(linkCount(node));
    case 'i':
      return String(inodeOf(fs, node));
    case 'b':
      return String(blockCount(node, size));
    case 'B':
      return '512';
    case 'o':
      return '4096';
    case 'd':
      return '2049';
    case 'D':
      return '801';
    case 't':
    case 'T':
      return '0';
    case 'm':
      return '/';
    case 'x':
    case 'y':
    case 'z':
    case 'w':
      return fullTime(node.mtime);
    case 'X':
    case 'Y':
    case 'Z':
    case 'W':
      return String(Math.floor(node.mtime / 1000));
    case '%':
      return '%';
    default:
      return null;
  }
}

function expand(format: string, name: string, node: FsNode, fs: object): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%' || i === format.length - 1) {
      out += ch;
      continue;
    }
    const m = /^%([-#0 +']*)(\d*)(?:\.(\d+))?([a-zA-Z%])/.exec(format.slice(i));
    if (!m) {
      out += ch;
      continue;
    }
    i += m[0].length - 1;
    const value = directive(m[4], name, node, fs);
    if (value === null) {
      out += `?`;
      continue;
    }
    const width = m[2] ? Number(m[2]) : 0;
    out += m[1].includes('-') ? value.padEnd(width) : value.padStart(width, m[1].includes('0') ? '0' : ' ');
  }
  return out;
}

function defaultFormat(name: string, node: FsNode, fs: object): string {
  const size = nodeSize(node);
  const time = fullTime(node.mtime);
  const shown = node.type === 'symlink' ? `${name} -> ${node.target}` : name;
  return (
    `  File: ${shown}\n` +
    `  Size: ${String(size).padEnd(10)}\tBlocks: ${String(blockCount(node, size)).padEnd(10)} IO Block: 4096   ${typeName(node, size)}\n` +
    `Device: 8,1\tInode: ${String(inodeOf(fs, node)).padEnd(11)} Links: ${linkCount(node)}\n` +
    `Access: (${(node.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(node)})  Uid: (    0/    root)   Gid: (    0/    root)\n` +
    `Access: ${time}\nModify: ${time}\nChange: ${time}\n Birth: ${time}\n`
  );
}

export function stat(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'c:Lft',
    long: { 'format:': 'c', 'printf:': 'printf', dereference: 'L', 'file-system': 'f', terse: 't' },
  });
  if (!parsed) return 1;
  let format: string | null = null;
  let printf = false;
  let follow = false;
  for (const [k, v] of parsed.options) {
    if (k === 'c') {
      format = v!;
      printf = false;
    } else if (k === 'printf') {
      format = v!;
      printf = true;
    } else if (k === 'L') follow = true;
  }
  if (parsed.operands.length === 0) return usageError(ctx, 'missing operand');
  const fs = ctx.proc.host.fs;
  let status = 0;
  for (const p of parsed.operands) {
    const node = fs.lookup(p, ctx.proc.cwd, follow);
    if (!node) {
      ctx.stderr.write(`stat: cannot statx '${p}': No such file or directory\n`);
      status = 1;
      continue;
    }
    if (format === null) ctx.stdout.write(defaultFormat(p, node, fs));
    else if (printf) ctx.stdout.write(backslashEscapes(expand(format, p, node, fs)).text);
    else ctx.stdout.write(`${expand(format, p, node, fs)}\n`);
  }
  return status;
}
