// Simple commands: assignments, argument expansion, and dispatch to functions, builtins,
// table commands or script files found on PATH; also how a command spawns another process.
import type { CommandContext, CommandSpec, ExecOptions, Proc } from '../commands/types.ts';
import { FsError } from '../fs/errors.ts';
import { dirname } from '../fs/vfs.ts';
import { BUILTINS, setExternalRunner, setTypeResolver } from './builtins.ts';
import { expandString, expandWords } from './expand.ts';
import type { Shell, ShellMode } from './interpreter.ts';
import type { Input, Output } from './io.ts';
import { ExitSignal } from './signals.ts';
import { ShellState } from './state.ts';
import { type Node, nodeType } from './syntax.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * A world's own wording of "no such command" (`name`, or a `path` that does not exist), for
 * worlds whose shell is not bash (a container whose sh is busybox ash or dash); null: bash's.
 */
export type NotFoundWording = (shell: Shell, name: string, kind: 'name' | 'path') => string | null;
const notFoundWordings = new WeakMap<Shell['world'], NotFoundWording>();

export function setNotFoundWording(world: Shell['world'], wording: NotFoundWording): void {
  notFoundWordings.set(world, wording);
}

/** Runs a CallExpr or DeclClause node. */
export function runSimpleCommand(shell: Shell, cmd: Node): number {
  if (nodeType(cmd) === 'DeclClause') {
    const words: string[] = [cmd.Variant.Value];
    const assigns: Array<{ name: string; value: string | string[] | null; append: boolean }> = [];
    for (const a of cmd.Args as Node[]) {
      if (a.Naked && !a.Name) words.push(...expandWords(shell, [a.Value]));
      else if (a.Naked) assigns.push({ name: a.Name.Value, value: null, append: false });
      else assigns.push({ name: a.Name.Value, value: assignValue(shell, a), append: a.Append });
    }
    return BUILTINS.get('declare')!(shell, words, assigns);
  }
  shell.substStatus = null;
  const assigns = (cmd.Assigns as Node[]).map((a) => ({
    name: a.Name.Value as string,
    value: assignValue(shell, a),
    append: Boolean(a.Append),
    index: a.Index,
  }));
  const argv = expandWords(shell, cmd.Args as Node[]);
  if (argv.length === 0) {
    for (const a of assigns) assign(shell, a.name, a.value, a.append, a.index);
    return shell.substStatus ?? 0;
  }
  if (shell.state.options.xtrace) {
    shell.stderr.write(`+ ${argv.map(traceQuote).join(' ')}\n`);
  }
  const env: Record<string, string> = {};
  for (const a of assigns) env[a.name] = Array.isArray(a.value) ? a.value.join(' ') : a.value;
  const name = argv[0];
  const fn = shell.state.functions.get(name);
  const builtin = fn ? undefined : BUILTINS.get(name);
  if (!fn && !builtin) return spawn(shell, argv, { env });
  // Prefix assignments hold for the duration of a builtin or function call.
  const saved = assigns.map((a) => [a.name, shell.state.lookup(a.name)] as const);
  for (const a of assigns) shell.state.set(a.name, env[a.name], { export: true });
  try {
    return fn ? shell.callFunction(fn, argv) : builtin!(shell, argv, []);
  } finally {
    for (const [n, v] of saved) {
      if (v) shell.state.set(n, v.value);
      else shell.state.unset(n);
    }
  }
}

function assignValue(shell: Shell, a: Node): string | string[] {
  if (a.Array) {
    return (a.Array.Elems as Node[]).flatMap((e) => expandWords(shell, [e.Value]));
  }
  return expandString(shell, a.Value);
}

function assign(
  shell: Shell,
  name: string,
  value: string | string[],
  append: boolean,
  index: Node | null,
): void {
  if (index) {
    const i = shell.arith(index);
    const v = shell.state.lookup(name);
    const arr =
      v && Array.isArray(v.value) ? [...v.value] : v && typeof v.value === 'string' ? [v.value] : [];
    arr[i] = append ? (arr[i] ?? '') + value : (value as string);
    shell.state.set(name, arr);
    return;
  }
  if (append) {
    const old = shell.state.lookup(name)?.value;
    if (Array.isArray(value) || Array.isArray(old)) {
      const base = Array.isArray(old) ? old : old === undefined ? [] : [String(old)];
      shell.state.set(name, [...base, ...(Array.isArray(value) ? value : [value])]);
    } else shell.state.set(name, (old ?? '') + value);
    return;
  }
  shell.state.set(name, value);
}

function traceQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The environment a child of `shell` starts with. */
export function childEnv(
  shell: Shell,
  extra: Record<string, string> = {},
  clear = false,
): Map<string, string> {
  const env = clear ? new Map<string, string>() : shell.state.exported();
  for (const [k, v] of Object.entries(extra)) env.set(k, v);
  return env;
}

/** What a command name resolves to on PATH. */
export type Resolution =
  | { kind: 'spec'; path: string; spec: CommandSpec }
  | { kind: 'file'; path: string }
  | null;

export function resolveCommand(world: Shell['world'], proc: Proc, name: string, path: string): Resolution {
  const fs = proc.host.fs;
  const spec = world.commands.get(name);
  const specDir = spec ? dirname(spec.path) : null;
  for (const dir of path.split(':')) {
    if (!dir) continue;
    const candidate = `${dir}/${name}`;
    const node = dir.startsWith('/') && !fs.namesIn(dir)?.has(name) ? null : fs.lookup(candidate, proc.cwd);
    if (node && node.type !== 'dir' && node.type !== 'special' && (node.mode & 0o111) !== 0)
      return { kind: 'file', path: candidate };
    if (spec && (dir === specDir || canonicalDir(fs, dir) === specDir))
      return { kind: 'spec', path: candidate, spec };
  }
  return null;
}

const canonical = new WeakMap<Proc['host']['fs'], { version: number; dirs: Map<string, string | null> }>();

/** A directory's real path, cached until the file tree changes shape. */
function canonicalDir(fs: Proc['host']['fs'], dir: string): string | null {
  let cache = canonical.get(fs);
  if (!cache || cache.version !== fs.version) {
    cache = { version: fs.version, dirs: new Map() };
    canonical.set(fs, cache);
  }
  if (!cache.dirs.has(dir)) cache.dirs.set(dir, fs.tryRealpath(dir));
  return cache.dirs.get(dir) ?? null;
}

/** Starts a new process running argv (no functions or builtins), as exec(3) plus PATH search. */
export function spawn(shell: Shell, argv: string[], opts: ExecOptions = {}): number {
  const proc: Proc = { ...shell.proc, ...opts.proc, pid: shell.proc.host.nextPid++ };
  const env = childEnv(shell, opts.env, opts.clearEnv);
  const stdin = opts.stdin ?? shell.stdin;
  const stdout = opts.stdout ?? shell.stdout;
  const stderr = opts.stderr ?? shell.stderr;
  const name = argv[0];
  const errPrefix = shell.errorPrefix();
  shell.world.budget.step();
  if (name.includes('/')) {
    const spec = tableCommandAt(shell, proc, name);
    if (spec) return spec.run(makeContext(shell, proc, env, argv, stdin, stdout, stderr));
    return runFile(shell, proc, env, argv, name, stdin, stdout, stderr, errPrefix);
  }
  const found = resolveCommand(shell.world, proc, name, env.get('PATH') ?? DEFAULT_PATH);
  if (!found) {
    stderr.write(
      notFoundWordings.get(shell.world)?.(shell, name, 'name') ?? `${errPrefix}${name}: command not found\n`,
    );
    return 127;
  }
  if (found.kind === 'file')
    return runFile(shell, proc, env, argv, found.path, stdin, stdout, stderr, errPrefix);
  const ctx = makeContext(shell, proc, env, argv, stdin, stdout, stderr);
  return running(proc, () => found.spec.run(ctx));
}

/** Runs `body` with `proc` listed in its host's process table. */
export function running<T>(proc: Proc, body: () => T): T {
  proc.host.processes.set(proc.pid, proc);
  try {
    return body();
  } finally {
    proc.host.processes.delete(proc.pid);
  }
}

export function makeContext(
  shell: Shell,
  proc: Proc,
  env: Map<string, string>,
  argv: string[],
  stdin: Input,
  stdout: Output,
  stderr: Output,
): CommandContext {
  const parent = shell;
  return {
    argv,
    stdin,
    stdout,
    stderr,
    env,
    proc,
    world: shell.world,
    which(name) {
      return resolveCommand(shell.world, proc, name, env.get('PATH') ?? DEFAULT_PATH)?.path ?? null;
    },
    exec(childArgv, options = {}) {
      const sub = childShell(parent, proc, env, { kind: 'command' }, stdin, stdout, stderr);
      return spawn(sub, childArgv, options);
    },
    runScript(script, options = {}) {
      const childProc: Proc = { ...proc, ...options.proc, pid: proc.host.nextPid++ };
      const childEnvMap = new Map(options.clearEnv ? [] : env);
      for (const [k, v] of Object.entries(options.env ?? {})) childEnvMap.set(k, v);
      const mode: ShellMode = options.name ? { kind: 'script', name: options.name } : { kind: 'command' };
      const sub = childShell(
        parent,
        childProc,
        childEnvMap,
        mode,
        options.stdin ?? stdin,
        options.stdout ?? stdout,
        options.stderr ?? stderr,
      );
      sub.state.name = options.name ?? 'bash';
      sub.state.positional = options.args ?? [];
      try {
        return running(childProc, () => sub.run(script));
      } catch (e) {
        if (e instanceof ExitSignal) return e.status;
        throw e;
      }
    },
  };
}

/** A fresh shell process inheriting only the environment (as a new bash would). */
export function childShell(
  parent: Shell,
  proc: Proc,
  env: Map<string, string>,
  mode: ShellMode,
  stdin: Input,
  stdout: Output,
  stderr: Output,
): Shell {
  const state = new ShellState({ name: 'bash' });
  for (const [k, v] of env) state.set(k, v, { export: true });
  const ShellClass = parent.constructor as new (init: ConstructorParameters<typeof Shell>[0]) => Shell;
  return new ShellClass({ world: parent.world, proc, stdin, stdout, stderr, mode, state });
}

/** A table command named by its full path (/bin/bash, /usr/sbin/ip) when no file shadows it. */
function tableCommandAt(shell: Shell, proc: Proc, path: string): CommandSpec | null {
  const fs = proc.host.fs;
  if (fs.lookup(path, proc.cwd)) return null;
  let dir: string;
  try {
    dir = fs.realpath(dirname(path.startsWith('/') ? path : `${proc.cwd}/${path}`));
  } catch {
    return null;
  }
  const base = path.slice(path.lastIndexOf('/') + 1);
  const spec = shell.world.commands.get(base);
  return spec && spec.path === `${dir}/${base}` ? spec : null;
}

function runFile(
  shell: Shell,
  proc: Proc,
  env: Map<string, string>,
  argv: string[],
  path: string,
  stdin: Input,
  stdout: Output,
  stderr: Output,
  errPrefix: string,
): number {
  const fs = proc.host.fs;
  const node = fs.lookup(path, proc.cwd);
  if (!node) {
    stderr.write(
      notFoundWordings.get(shell.world)?.(shell, path, 'path') ??
        `${errPrefix}${path}: No such file or directory\n`,
    );
    return 127;
  }
  if (node.type === 'dir') {
    stderr.write(`${errPrefix}${path}: Is a directory\n`);
    return 126;
  }
  if ((node.mode & 0o111) === 0) {
    stderr.write(`${errPrefix}${path}: Permission denied\n`);
    return 126;
  }
  // A table command reached by its full path (/usr/sbin/ip) runs the command itself.
  const spec = [...shell.world.commands.entries()].find(([, s]) => s.path === fs.realpath(path, proc.cwd));
  if (spec && node.type !== 'file')
    return spec[1].run(makeContext(shell, proc, env, [argv[0], ...argv.slice(1)], stdin, stdout, stderr));
  let text: string;
  try {
    text = fs.readFile(path, proc.cwd, proc);
  } catch (e) {
    if (e instanceof FsError) {
      stderr.write(`${errPrefix}${path}: ${e.message}\n`);
      return 126;
    }
    throw e;
  }
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (shebang) {
    const interp = shebang[1] === '/usr/bin/env' ? shebang[2] : shebang[1];
    const base = interp?.split('/').pop();
    if (base !== 'bash' && base !== 'sh' && base !== 'dash') {
      if (shebang[1] === '/usr/bin/env') {
        stderr.write(`/usr/bin/env: '${interp}': No such file or directory\n`);
        return 127;
      }
      stderr.write(`${errPrefix}${path}: ${interp}: bad interpreter: No such file or directory\n`);
      return 126;
    }
  }
  const sub = childShell(shell, proc, env, { kind: 'script', name: argv[0] }, stdin, stdout, stderr);
  sub.state.name = argv[0];
  sub.state.positional = argv.slice(1);
  try {
    return running(proc, () => sub.run(text));
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  }
}

setExternalRunner((shell, argv) => spawn(shell, argv));
setTypeResolver((shell, name) => {
  if (name.includes('/')) return shell.proc.host.fs.lookup(name, shell.proc.cwd) ? name : null;
  return resolveCommand(shell.world, shell.proc, name, shell.state.get('PATH') ?? DEFAULT_PATH)?.path ?? null;
});
