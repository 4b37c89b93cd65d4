// The iptables command (iptables/xtables-standalone.c xtables_main): parse, run the command in
// one transaction on the process's network namespace, commit, and report errors the way
// iptables-nft does. Also what the three tools share: the namespace's state and a resolver.
import type { CommandContext } from '../../commands/types.ts';
import { processNet } from '../../net/process.ts';
import { hostsResolver, type Resolver } from '../addr.ts';
import { formatError, VERSION } from '../errors.ts';
import { Batch } from '../ruleset.ts';
import { type NfState, netfilterOf } from '../state.ts';
import { doCommand, ruleKey } from './exec.ts';
import { IPTABLES_HELP } from './help.ts';
import { HelpRequest, parseIptables, VersionRequest } from './parse.ts';

export function nfStateOf(ctx: CommandContext): NfState {
  const state = netfilterOf(processNet(ctx).ns);
  state.seed ??= ctx.world.random.u32();
  return state;
}

/** Host names come from the host's /etc/hosts; reverse DNS is not there (it fails fast). */
export function resolverOf(ctx: CommandContext): Resolver {
  let hosts = '';
  try {
    hosts = ctx.proc.host.fs.readFile('/etc/hosts');
  } catch {
    hosts = '';
  }
  return hostsResolver(hosts);
}

/** Prints an error as `prog` would and returns its exit status; rethrows what is not ours. */
export function reportError(ctx: CommandContext, prog: string, e: unknown, line = -1): number {
  const f = formatError(prog, e, line);
  if (!f) throw e;
  ctx.stderr.write(f.text);
  return f.status;
}

export function iptables(ctx: CommandContext): number {
  const prog = 'iptables';
  const resolver = resolverOf(ctx);
  const state = nfStateOf(ctx);
  const out: string[] = [];
  const batch = new Batch(state, ruleKey);
  try {
    const p = parseIptables([...ctx.argv], {
      resolver,
      warn: (text) => ctx.stderr.write(text),
    });
    doCommand(batch, p, out, resolver);
    ctx.stdout.write(out.join(''));
    out.length = 0;
    batch.commit();
    return 0;
  } catch (e) {
    if (e instanceof HelpRequest) {
      ctx.stdout.write(IPTABLES_HELP);
      return 0;
    }
    if (e instanceof VersionRequest) {
      ctx.stdout.write(e.message ? `Not ${VERSION.slice(1)} ;-)\n` : `${prog} ${VERSION}\n`);
      return 0;
    }
    ctx.stdout.write(out.join('') + batch.out.join(''));
    return reportError(ctx, prog, e);
  }
}
