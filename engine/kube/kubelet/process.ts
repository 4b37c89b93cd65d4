// A container's main process, run ahead of time in a private world whose clock starts when
// the container starts: its output (each write stamped with simulated time), its exit status
// and when it exits, or that it is still running at the end of the time limit.

import { defaultCommands } from '../../commands/table.ts';
import { BudgetExceeded } from '../../core/budget.ts';
import { initialProc } from '../../session.ts';
import { Shell } from '../../shell/interpreter.ts';
import { Input, type Output } from '../../shell/io.ts';
import { ExitSignal } from '../../shell/signals.ts';
import { ShellState } from '../../shell/state.ts';
import { createWorld } from '../../world.ts';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ProcessRun {
  log: LogLine[];
  /** Exit status, or null when the process was still running at the time limit. */
  exitCode: number | null;
  /** Simulated ms after start at which it exited. */
  exitAfter: number;
}

export interface ProcessSpec {
  argv: string[];
  env: Record<string, string>;
  hostname: string;
  startMs: number;
  files: Record<string, string>;
  seed: string;
  /** How long to follow the process, in simulated ms. */
  limitMs: number;
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', '/usr/bin/bash', 'ash', '/bin/ash']);

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The script a container's argv amounts to: `sh -c SCRIPT` runs SCRIPT, anything else as a command. */
export function scriptOf(argv: string[]): string {
  if (argv.length >= 3 && SHELLS.has(argv[0]) && argv[1] === '-c') return argv[2];
  if (argv.length >= 3 && SHELLS.has(argv[0]) && argv[1] === '-ec') return `set -e\n${argv[2]}`;
  if (argv.length === 1 && SHELLS.has(argv[0])) return 'exit 0';
  return argv.map(shellQuote).join(' ');
}

/**
 * Whether the engine can run this argv: a shell, or a command the simulated host has.
 * Other programs (nginx, etcd, an application binary) are taken to run until stopped.
 */
export function canRun(argv: string[]): boolean {
  if (argv.length === 0) return false;
  if (SHELLS.has(argv[0])) return true;
  const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  return defaultCommands().has(name);
}

export function runProcess(spec: ProcessSpec): ProcessRun {
  const world = createWorld({
    seed: spec.seed,
    hostname: spec.hostname,
    limits: { simulatedMs: spec.limitMs, steps: 100_000 },
  });
  world.clock.advance(spec.startMs - world.clock.now());
  const clock = world.clock;
  for (const [path, content] of Object.entries(spec.files)) {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    world.mainHost.fs.mkdir(dir, { parents: true });
    world.mainHost.fs.writeFile(path, content);
  }
  const log: LogLine[] = [];
  const sink = (stream: 'stdout' | 'stderr'): Output => ({
    write(text: string) {
      if (text) log.push({ at: clock.now() - spec.startMs, stream, text });
    },
  });
  const proc = initialProc(world, '/');
  const state = new ShellState({ name: 'sh' });
  const env = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: spec.hostname,
    HOME: '/root',
    ...spec.env,
  };
  for (const [k, v] of Object.entries(env)) state.set(k, v, { export: true });
  const shell = new Shell({
    world,
    proc,
    stdin: new Input(''),
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    mode: { kind: 'command' },
    state,
  });
  world.budget.reset(clock.now());
  let exitCode: number | null;
  try {
    exitCode = shell.run(scriptOf(spec.argv));
  } catch (e) {
    if (e instanceof ExitSignal) exitCode = e.status;
    else if (e instanceof BudgetExceeded) exitCode = null;
    else throw e;
  }
  return { log, exitCode, exitAfter: Math.max(0, clock.now() - spec.startMs) };
}
