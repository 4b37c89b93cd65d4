// chmod: sets permission bits from an octal mode or symbolic clauses ([ugoa][+-=][rwxXst] or
// copies like g=u, comma-separated), -R recursively, -v/-c reporting changes.
import { FsError } from '../../fs/errors.ts';
import type { FsNode } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';

/** Applies a mode spec to `current`; `umask` limits clauses without [ugoa]. Null if invalid. */
export function parseMode(spec: string, current: number, umask = 0o022, isDir = false): number | null {
  if (/^[0-7]+$/.test(spec)) {
    const n = Number.parseInt(spec, 8);
    if (n > 0o7777) return null;
    // Directories keep their set-id bits unless a 5-digit mode (00755) clears them.
    return isDir && spec.length < 5 ? (current & 0o6000) | n : n;
  }
  let mode = current & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return null;
    const who = m[1] === '' ? null : m[1].includes('a') ? 'ugo' : m[1];
    let mask = 0;
    if (who === null) mask = 0o7777 & ~umask;
    else {
      if (who.includes('u')) mask |= 0o4700;
      if (who.includes('g')) mask |= 0o2070;
      if (who.includes('o')) mask |= 0o1007;
    }
    const ops = m[2].match(/[-+=][^-+=]*/g)!;
    for (const op of ops) {
      const sign = op[0];
      const perms = op.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const src = perms === 'u' ? (mode >> 6) & 7 : perms === 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of perms) {
          if (p === 'r') bits |= 0o444;
          else if (p === 'w') bits |= 0o222;
          else if (p === 'x') bits |= 0o111;
          else if (p === 'X' && (isDir || (mode & 0o111) !== 0)) bits |= 0o111;
          else if (p === 's') bits |= 0o6000;
          else if (p === 't') bits |= 0o1000;
        }
      }
      const whoMask = who === null ? 0o7777 : mask;
      bits &= who === null ? mask | 0o7000 : mask;
      if (sign === '+') mode |= bits;
      else if (sign === '-') mode &= ~bits;
      else mode = (mode & ~(whoMask & (who === null ? 0o777 : 0o7777))) | bits;
    }
  }
  return mode;
}

export function chmod(ctx: CommandContext): number {
  // Symbolic modes like -w look like options; take them as the mode operand.
  const args = [...ctx.argv];
  let modeArg: string | null = null;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--') break;
    if (/^-[rwxXstugo]+$/.test(args[i]) && !/^-[Rvcf]+$/.test(args[i]) && modeArg === null) {
      modeArg = args[i];
      args.splice(i, 1);
      break;
    }
  }
  const parsed = parseOrReport(
    ctx,
    {
      short: 'Rvcf',
      long: { recursive: 'R', verbose: 'v', changes: 'c', silent: 'f', quiet: 'f', 'reference:': 'ref' },
    },
    1,
    args,
  );
  if (!parsed) return 1;
  let recursive = false;
  let verbose = false;
  let changes = false;
  let quiet = false;
  let reference: string | null = null;
  for (const [k, v] of parsed.options) {
    if (k === 'R') recursive = true;
    else if (k === 'v') verbose = true;
    else if (k === 'c') changes = true;
    else if (k === 'f') quiet = true;
    else if (k === 'ref') reference = v!;
  }
  const ops = [...parsed.operands];
  const fs = ctx.proc.host.fs;
  let spec = modeArg;
  if (reference === null && spec === null) {
    if (ops.length === 0) return usageError(ctx, 'missing operand');
    spec = ops.shift()!;
  }
  if (ops.length === 0) return usageError(ctx, `missing operand after '${spec ?? reference}'`);
  let refMode: number | null = null;
  if (reference !== null) {
    const node = fs.lookup(reference, ctx.proc.cwd);
    if (!node) {
      ctx.stderr.write(`chmod: failed to get attributes of '${reference}': No such file or directory\n`);
      return 1;
    }
    refMode = node.mode & 0o7777;
  } else if (parseMode(spec!, 0) === null) return usageError(ctx, `invalid mode: '${spec}'`);
  let status = 0;
  const octal = (n: number) => n.toString(8).padStart(4, '0');
  const sym = (n: number, _dir: boolean) => {
    const r = (s: number, sp: number, c: string) =>
      `${n & (4 << s) ? 'r' : '-'}${n & (2 << s) ? 'w' : '-'}${n & sp ? (n & (1 << s) ? c : c.toUpperCase()) : n & (1 << s) ? 'x' : '-'}`;
    return r(6, 0o4000, 's') + r(3, 0o2000, 's') + r(0, 0o1000, 't');
  };
  const apply = (path: string, node: FsNode) => {
    ctx.world.budget.step();
    if (node.type === 'symlink') return;
    const before = node.mode & 0o7777;
    const after = refMode ?? parseMode(spec!, before, 0o022, node.type === 'dir')!;
    node.mode = (node.mode & ~0o7777) | after;
    if (verbose || (changes && before !== after)) {
      ctx.stdout.write(
        before === after
          ? `mode of '${path}' retained as ${octal(after)} (${sym(after, node.type === 'dir')})\n`
          : `mode of '${path}' changed from ${octal(before)} (${sym(before, node.type === 'dir')}) to ${octal(after)} (${sym(after, node.type === 'dir')})\n`,
      );
    }
    if (recursive && node.type === 'dir') {
      for (const [name, child] of node.children) apply(`${path.replace(/\/$/, '')}/${name}`, child);
    }
  };
  for (const path of ops) {
    try {
      const node = fs.stat(path, ctx.proc.cwd);
      apply(path, node);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (!quiet) ctx.stderr.write(`chmod: cannot access '${path}': ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}
