// The contract between the shell and every command it runs: what a command receives (argv,
// streams, its process) and how it runs further commands (sudo, env, xargs, ip netns exec).
import type { Host } from '../host.ts';
import type { Input, Output } from '../shell/io.ts';
import type { World } from '../world.ts';

/** What a simulated process carries: where it runs and its view of the system. */
export interface Proc {
  host: Host;
  /** Network namespace handle; owned by the network subsystem (null until it exists). */
  netns: unknown;
  cwd: string;
  pid: number;
}

export interface ExecOptions {
  proc?: Partial<Proc>;
  stdin?: Input;
  stdout?: Output;
  stderr?: Output;
  /** Extra or replaced environment variables for the child. */
  env?: Record<string, string>;
  /** Start from an empty environment (env -i). */
  clearEnv?: boolean;
}

export interface CommandContext {
  /** argv[0] is the name the command was invoked as. */
  readonly argv: string[];
  readonly stdin: Input;
  readonly stdout: Output;
  readonly stderr: Output;
  /** The exported environment the command sees. */
  readonly env: Map<string, string>;
  readonly proc: Proc;
  readonly world: World;
  /** Runs another command (looked up like the shell does) and returns its exit status. */
  exec(argv: string[], options?: ExecOptions): number;
  /** The path a command name resolves to on this process's PATH, or null. */
  which(name: string): string | null;
  /** Runs a shell script text in a child shell of this process. */
  runScript(script: string, options?: ExecOptions & { name?: string; args?: string[] }): number;
}

export type CommandFn = (ctx: CommandContext) => number;

export interface CommandSpec {
  /** Where `which` finds it, e.g. /usr/sbin/ip. */
  readonly path: string;
  readonly run: CommandFn;
}

export type CommandTable = Map<string, CommandSpec>;

/** Writes "name: message" to stderr and returns `status`, the way most tools report errors. */
export function fail(ctx: CommandContext, message: string, status = 1): number {
  ctx.stderr.write(`${message}\n`);
  return status;
}
