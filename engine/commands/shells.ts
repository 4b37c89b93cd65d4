// Commands that start other programs: bash/sh (scripts, -c, stdin, nested interactive
// shells on a terminal), sudo (the engine is already root) and env.
import { TerminalInput } from '../shell/io.ts';
import type { CommandContext } from './types.ts';

export function bash(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const flags: string[] = [];
  while (args.length > 0 && /^[-+][a-zA-Z]+$/.test(args[0]) && args[0] !== '-c' && args[0] !== '-s')
    flags.push(args.shift()!);
  const prelude = flags
    .filter((f) => /[exu]/.test(f) && f !== '-i' && f !== '-l')
    .map((f) => `set ${f.replace(/[^-+exu]/g, '')}\n`)
    .join('');
  if (args[0] === '-c') {
    if (args.length < 2) {
      ctx.stderr.write(`${ctx.argv[0]}: -c: option requires an argument\n`);
      return 2;
    }
    // `bash -c CMD NAME ARGS...`: NAME becomes $0 (and the prefix of its error messages).
    return ctx.runScript(prelude + args[1], { name: args[2], args: args.slice(3) });
  }
  if (args.length > 0 && args[0] !== '-s') {
    const path = args[0];
    let text: string;
    try {
      text = ctx.proc.host.fs.readFile(path, ctx.proc.cwd, ctx.proc);
    } catch {
      ctx.stderr.write(`${ctx.argv[0]}: ${path}: No such file or directory\n`);
      return 127;
    }
    return ctx.runScript(prelude + text, { name: path, args: args.slice(1) });
  }
  if (ctx.stdin instanceof TerminalInput) {
    ctx.stdin.session.enter(ctx.proc, ctx.env);
    return 0;
  }
  return ctx.runScript(prelude + ctx.stdin.readAll(), { args: args.slice(1) });
}

export function sudo(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  while (args.length > 0 && args[0].startsWith('-')) {
    const opt = args.shift()!;
    if (opt === '-u' || opt === '-g') args.shift();
    if (opt === '-i' || opt === '-s') return ctx.exec(['bash', ...args]);
    if (opt === '--') break;
  }
  if (args.length === 0) {
    ctx.stderr.write('usage: sudo -h | -K | -k | -V\n');
    return 1;
  }
  const env: Record<string, string> = {};
  while (args.length > 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) {
    const a = args.shift()!;
    env[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  }
  if (!args[0].includes('/') && !ctx.which(args[0])) {
    ctx.stderr.write(`sudo: ${args[0]}: command not found\n`);
    return 1;
  }
  return ctx.exec(args, { env });
}

export function env(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let clear = false;
  const unset: string[] = [];
  const set: Record<string, string> = {};
  while (args.length > 0) {
    const a = args[0];
    if (a === '-i' || a === '-' || a === '--ignore-environment') clear = true;
    else if (a === '-u') {
      args.shift();
      unset.push(args[0]);
    } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a))
      set[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    else break;
    args.shift();
  }
  if (args.length === 0) {
    const vars = new Map(clear ? [] : ctx.env);
    for (const u of unset) vars.delete(u);
    for (const [k, v] of Object.entries(set)) vars.set(k, v);
    for (const [k, v] of vars) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  if (!args[0].includes('/') && !ctx.which(args[0])) {
    ctx.stderr.write(`env: '${args[0]}': No such file or directory\n`);
    return 127;
  }
  const extra = { ...set };
  return ctx.exec(args, { env: extra, clearEnv: clear });
}
