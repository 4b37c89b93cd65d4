// which (debianutils): the path each command name resolves to on PATH (-a: every match);
// status 1 when one is missing.

import { dirname } from '../../fs/vfs.ts';
import { DEFAULT_PATH } from '../../shell/command.ts';
import type { CommandContext } from '../types.ts';

function sameDir(ctx: CommandContext, a: string, b: string): boolean {
  if (a === b) return true;
  const fs = ctx.proc.host.fs;
  try {
    return fs.realpath(a) === fs.realpath(b);
  } catch {
    return false;
  }
}

function matches(ctx: CommandContext, name: string, all: boolean): string[] {
  const fs = ctx.proc.host.fs;
  if (name.includes('/')) {
    const node = fs.lookup(name, ctx.proc.cwd);
    const builtin = [...ctx.world.commands.values()].some((s) => s.path === name);
    return (node && node.type !== 'dir' && (node.mode & 0o111) !== 0) || builtin ? [name] : [];
  }
  const found: string[] = [];
  const spec = ctx.world.commands.get(name);
  for (const dir of (ctx.env.get('PATH') ?? DEFAULT_PATH).split(':')) {
    const d = dir === '' ? '.' : dir;
    const candidate = `${d}/${name}`;
    const node = fs.lookup(candidate, ctx.proc.cwd);
    const hit =
      (node && node.type !== 'dir' && node.type !== 'special' && (node.mode & 0o111) !== 0) ||
      (spec && sameDir(ctx, dirname(spec.path), d));
    if (hit) {
      found.push(candidate);
      if (!all) break;
    }
  }
  return found;
}

export function which(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let all = false;
  while (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
    const opt = args.shift()!;
    if (opt === '--') break;
    for (const c of opt.slice(1)) {
      if (c === 'a') all = true;
      else if (c !== 's') {
        ctx.stderr.write(`Illegal option -${c}\n`);
        ctx.stdout.write('Usage: /usr/bin/which [-a] args\n');
        return 2;
      }
    }
  }
  if (args.length === 0) return 1;
  let status = 0;
  for (const name of args) {
    const found = matches(ctx, name, all);
    if (found.length === 0) status = 1;
    for (const f of found) ctx.stdout.write(`${f}\n`);
  }
  return status;
}
