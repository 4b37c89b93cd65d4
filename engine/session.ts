// Interactive sessions and script runs: the two ways notes drive the engine. A session is a
// terminal with a stack of interactive shells (nested by `bash`, `ip netns exec x bash`, ...);
// each command runs in the innermost one and its merged output is returned.

import type { Proc } from './commands/types.ts';
import { BudgetExceeded } from './core/budget.ts';
import { DEFAULT_PATH } from './shell/command.ts';
import { Shell, type ShellMode } from './shell/interpreter.ts';
import { Input, type InteractiveSession, Terminal, TerminalInput } from './shell/io.ts';
import { ExitSignal } from './shell/signals.ts';
import { ShellState } from './shell/state.ts';
import type { World } from './world.ts';

export interface CommandResult {
  status: number;
  /** Standard output and standard error, merged in the order written. */
  output: string;
  /** Set when a budget stopped the command. */
  budget?: BudgetExceeded;
  /** True when this command left the outermost shell (`exit` at top level). */
  closed?: boolean;
}

function baseEnv(world: World, proc: Proc): ShellState {
  const state = new ShellState({ name: 'bash' });
  const env: Record<string, string> = {
    HOME: '/root',
    HOSTNAME: proc.host.hostname,
    LANG: 'C.UTF-8',
    LOGNAME: 'root',
    PATH: DEFAULT_PATH,
    PWD: proc.cwd,
    SHELL: '/bin/bash',
    SHLVL: '1',
    TERM: 'xterm',
    USER: 'root',
  };
  for (const [k, v] of Object.entries(env)) state.set(k, v, { export: true });
  void world;
  return state;
}

export function initialProc(world: World, cwd = '/root'): Proc {
  const host = world.mainHost;
  const proc: Proc = { host, netns: null, cwd, pid: host.nextPid++ };
  host.processes.set(proc.pid, proc);
  return proc;
}

export class Session implements InteractiveSession {
  readonly world: World;
  readonly terminal: Terminal;
  private readonly stack: Shell[] = [];

  constructor(world: World, proc: Proc = initialProc(world)) {
    this.world = world;
    this.terminal = new Terminal(world.budget);
    this.stack.push(this.newShell(proc, baseEnv(world, proc)));
  }

  get depth(): number {
    return this.stack.length;
  }

  get closed(): boolean {
    return this.stack.length === 0;
  }

  /** The innermost shell's process (where the next command runs). */
  get proc(): Proc | null {
    return this.stack[this.stack.length - 1]?.proc ?? null;
  }

  private newShell(proc: Proc, state: ShellState): Shell {
    return new Shell({
      world: this.world,
      proc,
      stdin: new TerminalInput(this),
      stdout: this.terminal.stdout,
      stderr: this.terminal.stderr,
      mode: { kind: 'interactive' },
      state,
    });
  }

  enter(proc: Proc, env: Map<string, string>): void {
    const state = new ShellState({ name: 'bash' });
    for (const [k, v] of env) state.set(k, v, { export: true });
    const shlvl = Number(env.get('SHLVL') ?? '1');
    state.set('SHLVL', String(shlvl + 1), { export: true });
    const child: Proc = { ...proc, pid: proc.host.nextPid++ };
    proc.host.processes.set(child.pid, child);
    this.stack.push(this.newShell(child, state));
  }

  /** Writes a file into the innermost shell's host, relative to its working directory. */
  writeFile(path: string, content: string, mode?: number): void {
    const proc = this.proc ?? initialProc(this.world);
    const fs = proc.host.fs;
    fs.writeFile(path, content, { cwd: proc.cwd, caller: proc });
    if (mode !== undefined) fs.chmod(path, mode, proc.cwd);
  }

  /** Runs a whole script as `bash NAME` would, as a child of the innermost shell. */
  runScript(source: string, name: string): CommandResult {
    const shell = this.stack[this.stack.length - 1];
    if (!shell) return { status: 1, output: '', closed: true };
    this.world.budget.reset(this.world.clock.now());
    const state = new ShellState({ name });
    for (const [k, v] of shell.state.exported()) state.set(k, v, { export: true });
    const child = new Shell({
      world: this.world,
      proc: { ...shell.proc, pid: shell.proc.host.nextPid++ },
      stdin: new Input(''),
      stdout: this.terminal.stdout,
      stderr: this.terminal.stderr,
      mode: { kind: 'script', name },
      state,
    });
    let status: number;
    try {
      status = child.run(source);
    } catch (e) {
      if (e instanceof ExitSignal) status = e.status;
      else if (e instanceof BudgetExceeded) return { status: 124, output: this.terminal.take(), budget: e };
      else throw e;
    }
    return { status, output: this.terminal.take() };
  }

  /** Runs one command line (possibly several lines: continuations, here-documents). */
  run(source: string): CommandResult {
    const shell = this.stack[this.stack.length - 1];
    if (!shell) return { status: 1, output: '', closed: true };
    this.world.budget.reset(this.world.clock.now());
    let status: number;
    try {
      status = shell.run(source);
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.terminal.stderr.write('exit\n');
        const done = this.stack.pop();
        if (done) done.proc.host.processes.delete(done.proc.pid);
        status = e.status;
        const outer = this.stack[this.stack.length - 1];
        if (outer) outer.state.lastStatus = status;
        return { status, output: this.terminal.take(), closed: this.stack.length === 0 };
      }
      if (e instanceof BudgetExceeded) return { status: 124, output: this.terminal.take(), budget: e };
      throw e;
    }
    return { status, output: this.terminal.take() };
  }
}

export interface ScriptResult {
  status: number;
  chunks: Terminal['chunks'];
  output: string;
  budget?: BudgetExceeded;
}

/** Runs a whole script as `bash NAME` would, in the world's main host. */
export function runScript(
  world: World,
  source: string,
  options: { name?: string; args?: string[]; stdin?: string; cwd?: string } = {},
): ScriptResult {
  const terminal = new Terminal(world.budget);
  const proc = initialProc(world, options.cwd);
  const mode: ShellMode = options.name ? { kind: 'script', name: options.name } : { kind: 'command' };
  const state = baseEnv(world, proc);
  state.name = options.name ?? 'bash';
  state.positional = options.args ?? [];
  const shell = new Shell({
    world,
    proc,
    stdin: new Input(options.stdin ?? ''),
    stdout: terminal.stdout,
    stderr: terminal.stderr,
    mode,
    state,
  });
  world.budget.reset(world.clock.now());
  let status: number;
  let budget: BudgetExceeded | undefined;
  try {
    status = shell.run(source);
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else if (e instanceof BudgetExceeded) {
      status = 124;
      budget = e;
    } else throw e;
  }
  const chunks = [...terminal.chunks];
  return { status, chunks, output: terminal.take(), budget };
}
