// Shell builtins: the commands that change the shell itself (cd, export, set, read, source,
// exit, ...) plus in-process fast paths for echo/printf/test that share the command table.
import { FsError } from '../fs/errors.ts';
import { normalizePath } from '../fs/vfs.ts';
import { evalTestArgs, TestError } from './conditional.ts';
import type { Shell } from './interpreter.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './signals.ts';
import { ReadonlyError } from './state.ts';

export interface DeclAssign {
  name: string;
  value: string | string[] | null;
  append: boolean;
}

export type Builtin = (shell: Shell, argv: string[], assigns: DeclAssign[]) => number;

const err = (shell: Shell, name: string, message: string, status = 1): number => {
  shell.error(`${name}: ${message}`);
  return status;
};

function cd(shell: Shell, argv: string[]): number {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  if (args.length > 1) return err(shell, 'cd', 'too many arguments');
  let target = args[0] ?? shell.state.get('HOME') ?? '/';
  if (target === '-') {
    target = shell.state.get('OLDPWD') ?? '';
    if (!target) return err(shell, 'cd', 'OLDPWD not set');
    shell.stdout.write(`${target}\n`);
  }
  const fs = shell.proc.host.fs;
  const path = normalizePath(target, shell.proc.cwd);
  const node = fs.lookup(path);
  if (!node) return err(shell, 'cd', `${target}: No such file or directory`);
  if (node.type !== 'dir') return err(shell, 'cd', `${target}: Not a directory`);
  shell.state.set('OLDPWD', shell.proc.cwd, { export: true });
  shell.proc.cwd = path;
  shell.state.set('PWD', path, { export: true });
  return 0;
}

function quoteDeclare(value: string): string {
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

function declare(shell: Shell, argv: string[], assigns: DeclAssign[]): number {
  const variant = argv[0];
  const flags = new Set<string>();
  const unflags = new Set<string>();
  const names: string[] = [];
  for (const word of argv.slice(1)) {
    if (/^-[a-zA-Z]+$/.test(word)) for (const c of word.slice(1)) flags.add(c);
    else if (/^\+[a-zA-Z]+$/.test(word)) for (const c of word.slice(1)) unflags.add(c);
    else names.push(word);
  }
  if (variant === 'local' && shell.state.frames.length === 0)
    return err(shell, 'local', 'can only be used in a function');
  const local =
    (variant === 'local' || variant === 'declare' || variant === 'typeset') &&
    shell.state.frames.length > 0 &&
    !flags.has('g');
  const exportIt = variant === 'export' || flags.has('x');
  const readonly = variant === 'readonly' || flags.has('r');
  if (
    assigns.length === 0 &&
    names.length === 0 &&
    (variant === 'export' || variant === 'readonly' || flags.has('p') || variant === 'declare')
  ) {
    for (const [name, v] of shell.state.exported()) {
      if (variant !== 'readonly') shell.stdout.write(`declare -x ${name}=${quoteDeclare(v)}\n`);
    }
    return 0;
  }
  const all: DeclAssign[] = [
    ...assigns,
    ...names.map((n) => {
      const eq = n.indexOf('=');
      return eq > 0
        ? { name: n.slice(0, eq), value: n.slice(eq + 1), append: false }
        : { name: n, value: null, append: false };
    }),
  ];
  let status = 0;
  for (const a of all) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.name)) {
      status = err(
        shell,
        variant,
        `\`${a.name}${a.value !== null ? `=${a.value}` : ''}': not a valid identifier`,
      );
      continue;
    }
    try {
      const existing = local
        ? shell.state.frames[shell.state.frames.length - 1].get(a.name)
        : shell.state.lookup(a.name);
      let value = a.value;
      if (value === null)
        value = existing
          ? (existing.value as string | string[])
          : flags.has('a')
            ? []
            : flags.has('A')
              ? null
              : '';
      if (flags.has('A') && value === null) value = '';
      if (a.append && existing && typeof existing.value === 'string' && typeof value === 'string')
        value = existing.value + value;
      if (value !== null && (a.value !== null || !existing || local)) {
        shell.state.set(a.name, flags.has('A') && !Array.isArray(value) && value === '' ? new Map() : value, {
          local,
        });
      }
      const v = shell.state.lookup(a.name);
      if (v) {
        if (exportIt) v.exported = true;
        if (unflags.has('x')) v.exported = false;
        if (readonly) v.readonly = true;
      }
    } catch (e) {
      if (e instanceof ReadonlyError) status = err(shell, a.name, 'readonly variable');
      else throw e;
    }
  }
  return status;
}

function setBuiltin(shell: Shell, argv: string[]): number {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [name, v] of shell.state.globals)
      if (typeof v.value === 'string') shell.stdout.write(`${name}=${v.value}\n`);
    return 0;
  }
  const opts = shell.state.options;
  const letters: Record<string, keyof typeof opts> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      shell.state.positional = args.slice(i + 1);
      return 0;
    }
    if ((a === '-o' || a === '+o') && args[i + 1]) {
      const name = args[++i];
      const key =
        name === 'pipefail'
          ? 'pipefail'
          : (Object.values(letters).find((k) => k === name) as keyof typeof opts | undefined);
      if (!key) return err(shell, 'set', `${name}: invalid option name`);
      opts[key] = a === '-o';
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        const key = letters[c];
        if (key) opts[key] = a[0] === '-';
      }
      continue;
    }
    shell.state.positional = args.slice(i);
    return 0;
  }
  return 0;
}

function read(shell: Shell, argv: string[]): number {
  let raw = false;
  let arrayName: string | null = null;
  let delim = '\n';
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-r') raw = true;
    else if (a === '-a') arrayName = args[++i];
    else if (a === '-d') delim = args[++i] || '\0';
    else if (a === '-p' || a === '-t' || a === '-n' || a === '-u') i++;
    else if (a === '-s' || a === '-e') continue;
    else names.push(a);
  }
  const stdin = shell.stdin;
  let line: string | null;
  let eof = false;
  if (delim === '\n') {
    line = stdin.readLine();
    if (line === null) return setReadVars(shell, '', names, arrayName, raw, 1);
  } else {
    const rest = stdin.readAll();
    const at = rest.indexOf(delim);
    line = at < 0 ? rest : rest.slice(0, at);
    eof = at < 0;
  }
  return setReadVars(shell, line, names, arrayName, raw, eof ? 1 : 0);
}

function setReadVars(
  shell: Shell,
  line: string,
  names: string[],
  arrayName: string | null,
  raw: boolean,
  status: number,
): number {
  const text = raw ? line : line.replace(/\\(.)/g, '$1');
  const ifs = shell.state.get('IFS') ?? ' \t\n';
  const isWs = (c: string) => ifs.includes(c) && ' \t\n'.includes(c);
  let s = text;
  while (s && isWs(s[0])) s = s.slice(1);
  if (arrayName) {
    shell.state.set(
      arrayName,
      s.split(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`)).filter((x) => x !== ''),
    );
    return status;
  }
  const targets = names.length ? names : ['REPLY'];
  for (let i = 0; i < targets.length; i++) {
    if (i === targets.length - 1) {
      let rest = s;
      while (rest && isWs(rest[rest.length - 1])) rest = rest.slice(0, -1);
      shell.state.set(targets[i], targets.length === 1 && names.length === 0 ? text : rest);
      break;
    }
    let j = 0;
    while (j < s.length && !ifs.includes(s[j])) j++;
    shell.state.set(targets[i], s.slice(0, j));
    s = s.slice(j);
    while (s && isWs(s[0])) s = s.slice(1);
    if (s && ifs.includes(s[0]) && !isWs(s[0])) s = s.slice(1);
    while (s && isWs(s[0])) s = s.slice(1);
  }
  return status;
}

function typeBuiltin(shell: Shell, argv: string[], mode: 'type' | 'command-v' | 'command-V'): number {
  let status = 0;
  for (const name of argv) {
    const fn = shell.state.functions.get(name);
    const kind = fn ? 'function' : BUILTINS.has(name) || IN_PROCESS.has(name) ? 'builtin' : null;
    if (kind === 'function')
      shell.stdout.write(mode === 'command-v' ? `${name}\n` : `${name} is a function\n`);
    else if (kind === 'builtin')
      shell.stdout.write(mode === 'command-v' ? `${name}\n` : `${name} is a shell builtin\n`);
    else {
      const r = resolveForType(shell, name);
      if (r) shell.stdout.write(mode === 'command-v' ? `${r}\n` : `${name} is ${r}\n`);
      else {
        if (mode !== 'command-v') shell.error(`${mode === 'type' ? 'type' : 'command'}: ${name}: not found`);
        status = 1;
      }
    }
  }
  return status;
}

let resolveForType: (shell: Shell, name: string) => string | null = () => null;
/** Wired by command.ts to avoid an import cycle. */
export function setTypeResolver(fn: (shell: Shell, name: string) => string | null): void {
  resolveForType = fn;
}

function loopControl(kind: 'break' | 'continue') {
  return (shell: Shell, argv: string[]): number => {
    const n = argv[1] ? Number(argv[1]) : 1;
    if (!Number.isInteger(n) || n < 1) return err(shell, kind, `${argv[1]}: loop count out of range`);
    throw new LoopSignal(kind, n);
  };
}

function exitStatus(shell: Shell, name: string, arg: string | undefined): number {
  if (arg === undefined) return shell.state.lastStatus;
  if (!/^-?\d+$/.test(arg)) {
    shell.error(`${name}: ${arg}: numeric argument required`);
    return 2;
  }
  return ((Number(arg) % 256) + 256) % 256;
}

/** Names run in-process by table commands (no state change, but builtins in bash). */
const IN_PROCESS = new Set(['echo', 'printf', 'pwd', 'true', 'false', 'test', '[', 'kill']);

export const BUILTINS = new Map<string, Builtin>([
  ['cd', cd],
  ['declare', declare],
  ['typeset', declare],
  ['local', declare],
  ['export', declare],
  ['readonly', declare],
  ['set', setBuiltin],
  ['read', read],
  [':', () => 0],
  ['true', () => 0],
  ['false', () => 1],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  [
    'exit',
    (shell, argv) => {
      throw new ExitSignal(exitStatus(shell, 'exit', argv[1]));
    },
  ],
  [
    'return',
    (shell, argv) => {
      if (shell.state.frames.length === 0 && shell.mode.kind === 'interactive') {
        return err(shell, 'return', "can only `return' from a function or sourced script");
      }
      throw new ReturnSignal(exitStatus(shell, 'return', argv[1]));
    },
  ],
  [
    'shift',
    (shell, argv) => {
      const n = argv[1] ? Number(argv[1]) : 1;
      if (n > shell.state.positional.length) return 1;
      shell.state.positional = shell.state.positional.slice(n);
      return 0;
    },
  ],
  [
    'unset',
    (shell, argv) => {
      const names = argv.slice(1).filter((a) => !a.startsWith('-'));
      const fnMode = argv.includes('-f');
      for (const n of names) {
        if (fnMode) shell.state.functions.delete(n);
        else {
          try {
            shell.state.unset(n);
          } catch (e) {
            if (e instanceof ReadonlyError)
              return err(shell, 'unset', `${n}: cannot unset: readonly variable`);
            throw e;
          }
        }
      }
      return 0;
    },
  ],
  ['eval', (shell, argv) => shell.run(argv.slice(1).join(' '))],
  ['source', (shell, argv) => sourceFile(shell, argv)],
  ['.', (shell, argv) => sourceFile(shell, argv)],
  [
    'type',
    (shell, argv) =>
      typeBuiltin(
        shell,
        argv.slice(1).filter((a) => !a.startsWith('-')),
        'type',
      ),
  ],
  [
    'command',
    (shell, argv) => {
      if (argv[1] === '-v') return typeBuiltin(shell, argv.slice(2), 'command-v');
      if (argv[1] === '-V') return typeBuiltin(shell, argv.slice(2), 'command-V');
      return runExternal(shell, argv.slice(1));
    },
  ],
  ['alias', () => 0],
  ['unalias', () => 0],
  ['hash', () => 0],
  ['wait', () => 0],
  ['trap', () => 0],
  [
    'umask',
    (shell, argv) => {
      if (!argv[1]) shell.stdout.write('0022\n');
      return 0;
    },
  ],
  ['shopt', () => 0],
  ['history', () => 0],
  ['jobs', () => 0],
  [
    'exec',
    (shell, argv) => {
      if (argv.length === 1) {
        shell.keepRedirects = true;
        return 0;
      }
      throw new ExitSignal(runExternal(shell, argv.slice(1)));
    },
  ],
  ['test', (shell, argv) => runTest(shell, 'test', argv.slice(1))],
  [
    '[',
    (shell, argv) => {
      if (argv[argv.length - 1] !== ']') return err(shell, '[', "missing `]'", 2);
      return runTest(shell, '[', argv.slice(1, -1));
    },
  ],
]);

function runTest(shell: Shell, name: string, args: string[]): number {
  try {
    return evalTestArgs(shell.testEnv(), args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return err(shell, name, e.message, 2);
    throw e;
  }
}

let runExternal: (shell: Shell, argv: string[]) => number = () => 127;
/** Wired by command.ts to avoid an import cycle. */
export function setExternalRunner(fn: (shell: Shell, argv: string[]) => number): void {
  runExternal = fn;
}

function sourceFile(shell: Shell, argv: string[]): number {
  const path = argv[1];
  if (!path) return err(shell, argv[0], 'filename argument required', 2);
  let text: string;
  try {
    text = shell.readFile(path);
  } catch (e) {
    if (e instanceof FsError) return err(shell, path, e.message);
    throw e;
  }
  const saved = shell.state.positional;
  if (argv.length > 2) shell.state.positional = argv.slice(2);
  try {
    return shell.run(text);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    shell.state.positional = saved;
  }
}
