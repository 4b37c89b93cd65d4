// nsenter (util-linux 2.38) for network namespaces: --net=FILE / -n FILE with a namespace file
// under /run/netns (or /var/run/netns) or /proc/PID/ns/net, -t PID -n, then a command or an
// interactive shell.
import type { CommandContext, Proc } from '../../commands/types.ts';
import { processNet } from '../process.ts';
import type { Netns } from '../state.ts';

/** The network namespace a namespace file refers to, or undefined when it cannot be opened. */
function netnsOfFile(ctx: CommandContext, path: string): Netns | null | undefined {
  const proc = /^\/proc\/(self|\d+)\/ns\/net$/.exec(path);
  if (proc) {
    const target =
      proc[1] === 'self' ? ctx.proc : (ctx.proc.host.processes.get(Number(proc[1])) as Proc | undefined);
    return target ? (target.netns as Netns | null) : undefined;
  }
  const real = ctx.proc.host.fs.tryRealpath(path, ctx.proc.cwd);
  if (!real?.startsWith('/run/netns/')) return undefined;
  return processNet(ctx).stack.named.find((n) => n.name === real.slice('/run/netns/'.length))?.ns;
}

export function nsenter(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let netPath: string | null = null;
  let target: string | null = null;
  let useTargetNet = false;
  while (args.length > 0 && args[0].startsWith('-')) {
    const a = args.shift()!;
    if (a === '--') break;
    if (a.startsWith('--net=')) netPath = a.slice(6);
    else if (a.startsWith('--target=')) target = a.slice(9);
    else if (a === '-t' || a === '--target') target = args.shift() ?? null;
    else if (a === '--net' || a === '-n') {
      if (args[0]?.startsWith('/')) netPath = args.shift()!;
      else useTargetNet = true;
    } else if (a.startsWith('-n') && a.length > 2) netPath = a.slice(2);
  }
  if (useTargetNet && target !== null) netPath = `/proc/${target}/ns/net`;
  let netns = ctx.proc.netns;
  if (netPath !== null) {
    const found = netnsOfFile(ctx, netPath);
    if (found === undefined) {
      ctx.stderr.write(`nsenter: cannot open ${netPath}: No such file or directory\n`);
      return 1;
    }
    netns = found;
  }
  const command = args.length > 0 ? args : [ctx.env.get('SHELL') ?? '/bin/sh'];
  if (!command[0].includes('/') && !ctx.which(command[0])) {
    ctx.stderr.write(`nsenter: failed to execute ${command[0]}: No such file or directory\n`);
    return 127;
  }
  return ctx.exec(command, { proc: { netns } });
}
