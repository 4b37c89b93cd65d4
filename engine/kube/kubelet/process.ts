// A container's main process, run ahead of time in a private world whose clock starts when
// the container starts: its output (each write stamped with simulated time), its exit status
// and when it exits, or that it is still running at the end of the time limit. Commands run
// later inside the container (probes, hooks, exec) use the same machinery in its world.

import { defaultCommands } from '../../commands/table.ts';
import { BudgetExceeded } from '../../core/budget.ts';
import { netProcfs } from '../../net/sysctl.ts';
import { setCurlFlavour } from '../../net/tools/curl-flavour.ts';
import { initialProc } from '../../session.ts';
import { resolveCommand, setNotFoundWording } from '../../shell/command.ts';
import { Shell } from '../../shell/interpreter.ts';
import { Input, type Output } from '../../shell/io.ts';
import { ExitSignal } from '../../shell/signals.ts';
import { ShellState } from '../../shell/state.ts';
import { createWorld, type World } from '../../world.ts';
import { type FsOp, recordFsOps } from './fs-journal.ts';
import { execStartError, type ImageTools, imageTools, notFoundLine } from './image-tools.ts';
import type { ContainerNet } from './pod-network.ts';

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
  /** File system changes the process made, stamped with ms after start. */
  fsOps: FsOp[];
  /** Set when the runtime could not start the program (not in the image): containerd's error. */
  startError?: string;
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
  /** Directories of the image's file system to create first. */
  dirs?: string[];
  /** The pod's network the process runs in (none: a private host of its own). */
  net?: ContainerNet;
  /** The container's image: a known one (image-tools.ts) limits the commands and the shell. */
  image?: string;
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', '/usr/bin/bash', 'ash', '/bin/ash']);
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

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

/** A container's private world at its start: the clock at startMs and the mounted files. */
export function containerWorld(
  hostname: string,
  seed: string,
  startMs: number,
  files: Record<string, string>,
  limitMs: number,
  dirs: string[] = [],
  tools: ImageTools | null = null,
): World {
  const world = createWorld({ seed, hostname, limits: { simulatedMs: limitMs, steps: 100_000 } });
  // a known image has only its own programs and its own shell's wording; others keep every command
  if (tools) {
    for (const name of [...world.commands.keys()]) if (!tools.commands.has(name)) world.commands.delete(name);
    setNotFoundWording(world, (shell, name, kind) => notFoundLine(tools, shell, name, kind));
    if (tools.curl) setCurlFlavour(world, tools.curl);
  }
  world.clock.advance(startMs - world.clock.now());
  for (const dir of dirs) world.mainHost.fs.mkdir(dir, { parents: true });
  for (const [path, content] of Object.entries(files)) {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    world.mainHost.fs.mkdir(dir, { parents: true });
    world.mainHost.fs.writeFile(path, content);
  }
  return world;
}

/**
 * Puts a container world's host on the node's network stack, so its processes see the pod's
 * namespace (`ip addr`, `ip route`, `ping`, /proc/sys/net). Commands run now share the node's
 * packet pipeline; a main process followed ahead of time gets a pipeline of its own (its
 * timers would otherwise run ahead of the node's clock), over the same namespaces.
 */
export function joinNet(world: World, net: ContainerNet, live: boolean): void {
  const stack = live ? net.stack : { ...net.stack };
  world.mainHost.subsystems.set('net', stack);
  world.mainHost.fs.mountProvider('/proc/sys/net', netProcfs(stack));
}

/**
 * Runs argv in `world` from its clock's current instant (in network namespace `netns`, or the
 * host's own); log times are relative to then.
 */
export function runIn(
  world: World,
  argv: string[],
  env: Record<string, string>,
  hostname: string,
  netns: unknown = null,
  tools: ImageTools | null = null,
): ProcessRun {
  const clock = world.clock;
  const startMs = clock.now();
  const proc = initialProc(world, '/');
  proc.netns = netns;
  if (tools && argv.length > 0 && !hasProgram(world, proc, argv[0], env.PATH ?? PATH)) {
    const execId = world.random
      .bytes(32)
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    return { log: [], exitCode: 128, exitAfter: 0, fsOps: [], startError: execStartError(argv[0], execId) };
  }
  const log: LogLine[] = [];
  const sink = (stream: 'stdout' | 'stderr'): Output => ({
    write(text: string) {
      if (text) log.push({ at: clock.now() - startMs, stream, text });
    },
  });
  // $0 of `sh -c`/`/bin/sh -c` is the name it was started by (ash and dash word errors with it)
  const state = new ShellState({ name: tools && SHELLS.has(argv[0]) ? argv[0] : 'sh' });
  for (const [k, v] of Object.entries({ PATH, HOSTNAME: hostname, HOME: '/root', ...env }))
    state.set(k, v, { export: true });
  const shell = new Shell({
    world,
    proc,
    stdin: new Input(''),
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    mode: { kind: 'command' },
    state,
  });
  world.budget.reset(startMs);
  let exitCode: number | null;
  try {
    exitCode = shell.run(scriptOf(argv));
  } catch (e) {
    if (e instanceof ExitSignal) exitCode = e.status;
    else if (e instanceof BudgetExceeded) exitCode = null;
    else throw e;
  }
  return { log, exitCode, exitAfter: Math.max(0, clock.now() - startMs), fsOps: [] };
}

/** Whether the runtime finds `program` in the container (on PATH, or at its path). */
function hasProgram(
  world: World,
  proc: ReturnType<typeof initialProc>,
  program: string,
  path: string,
): boolean {
  if (!program.includes('/')) return resolveCommand(world, proc, program, path) !== null;
  const fs = world.mainHost.fs;
  if (fs.lookup(program, '/')) return true;
  const base = program.slice(program.lastIndexOf('/') + 1);
  const dir = fs.tryRealpath(program.slice(0, program.lastIndexOf('/')) || '/');
  return dir !== null && world.commands.get(base)?.path === `${dir === '/' ? '' : dir}/${base}`;
}

export function runProcess(spec: ProcessSpec): ProcessRun {
  const tools = imageTools(spec.image);
  const world = containerWorld(
    spec.hostname,
    spec.seed,
    spec.startMs,
    spec.files,
    spec.limitMs,
    spec.dirs,
    tools,
  );
  const fsOps: FsOp[] = [];
  if (spec.net) joinNet(world, spec.net, false);
  recordFsOps(world.mainHost.fs, () => world.clock.now() - spec.startMs, fsOps);
  const run = runIn(world, spec.argv, spec.env, spec.hostname, spec.net?.ns ?? null, tools);
  return { ...run, fsOps };
}
