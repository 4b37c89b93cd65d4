// nsenter (util-linux 2.38) for network namespaces: --net=FILE / -n FILE with a namespace file
// under /run/netns (or /var/run/netns), then a command or an interactive shell.
import type { CommandContext } from '../../commands/types.ts';
import { processNet } from '../process.ts';

export function nsenter(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let netPath: string | null = null;
  while (args.length > 0 && args[0].startsWith('-')) {
    const a = args.shift()!;
    if (a === '--') break;
    if (a.startsWith('--net=')) netPath = a.slice(6);
    else if (a === '--net' || a === '-n') netPath = args.shift() ?? null;
    else if (a.startsWith('-n') && a.length > 2) netPath = a.slice(2);
    else if (a === '-t' || a === '--target') args.shift();
  }
  const { stack } = processNet(ctx);
  let netns = ctx.proc.netns;
  if (netPath !== null) {
    const fs = ctx.proc.host.fs;
    let real: string;
    try {
      real = fs.realpath(netPath, ctx.proc.cwd);
    } catch {
      ctx.stderr.write(`nsenter: cannot open ${netPath}: No such file or directory\n`);
      return 1;
    }
    const named = real.startsWith('/run/netns/')
      ? stack.named.find((n) => n.name === real.slice('/run/netns/'.length))
      : undefined;
    if (!named) {
      ctx.stderr.write(`nsenter: cannot open ${netPath}: No such file or directory\n`);
      return 1;
    }
    netns = named.ns;
  }
  const command = args.length > 0 ? args : [ctx.env.get('SHELL') ?? '/bin/sh'];
  if (!command[0].includes('/') && !ctx.which(command[0])) {
    ctx.stderr.write(`nsenter: failed to execute ${command[0]}: No such file or directory\n`);
    return 127;
  }
  return ctx.exec(command, { proc: { netns } });
}
