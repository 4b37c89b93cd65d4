// What every kubectl subcommand works with: the cluster its kubeconfig context points at,
// the namespace in effect, output streams, and the error printing of cmdutil.CheckErr.
import type { CommandContext } from '../../commands/types.ts';
import type { ResourceType } from '../api/resources.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { Cluster } from '../cluster.ts';
import { kubeconfigPath } from '../kind/kind-cli.ts';
import { type KubeConfig, parseKubeConfig } from '../kind/kubeconfig.ts';
import { clusterByServer } from '../world-clusters.ts';

export class KubectlError extends Error {
  readonly status: number;
  constructor(message: string, status = 1) {
    super(message);
    this.status = status;
  }
}

export interface Kubectl {
  ctx: CommandContext;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The loaded kubeconfig (empty when there is none). */
  config: KubeConfig;
  configPath: string;
  contextName: string;
  /** -n, or the context's namespace, or "default". */
  namespace: string;
  explicitNamespace: boolean;
  cluster(): Cluster;
}

export function loadConfig(ctx: CommandContext, explicit?: string): { config: KubeConfig; path: string } {
  const path = kubeconfigPath(ctx, explicit);
  try {
    return { config: parseKubeConfig(ctx.proc.host.fs.readFile(path)), path };
  } catch {
    return { config: parseKubeConfig(''), path };
  }
}

export function makeKubectl(
  ctx: CommandContext,
  global: { namespace?: string; context?: string; kubeconfig?: string },
): Kubectl {
  const { config, path } = loadConfig(ctx, global.kubeconfig);
  const contextName = global.context ?? config['current-context'] ?? '';
  const context = config.contexts.find((c) => c.name === contextName)?.context;
  const namespace = global.namespace ?? context?.namespace ?? 'default';
  let cached: Cluster | undefined;
  return {
    ctx,
    out: (t) => ctx.stdout.write(t),
    err: (t) => ctx.stderr.write(t),
    config,
    configPath: path,
    contextName,
    namespace,
    explicitNamespace: global.namespace !== undefined,
    cluster() {
      if (cached) return cached;
      if (global.context && !context)
        throw new KubectlError(`error: context was not found for specified context: ${global.context}`);
      const clusterEntry = config.clusters.find((c) => c.name === context?.cluster);
      const server = clusterEntry?.cluster.server;
      if (!server) throw new KubectlError(connectionRefused(ctx, 'localhost:8080'));
      const found = clusterByServer(ctx.world, server);
      if (!found) {
        const host = server.replace(/^https?:\/\//, '');
        throw new KubectlError(
          `The connection to the server ${host} was refused - did you specify the right host or port?`,
        );
      }
      found.cluster.runtime.catchUp();
      cached = found.cluster;
      return cached;
    },
  };
}

/** What kubectl prints when nothing listens where the kubeconfig points (five discovery retries). */
function connectionRefused(ctx: CommandContext, host: string): string {
  const d = new Date(ctx.world.clock.now());
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const pid = ctx.proc.pid;
  const lines: string[] = [];
  for (let i = 0; i < 5; i++) {
    const micros = pad(d.getUTCMilliseconds() * 1000 + i * 1700 + 40, 6);
    lines.push(
      `E${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://${host}/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"`,
    );
  }
  lines.push(`The connection to the server ${host} was refused - did you specify the right host or port?`);
  return lines.join('\n');
}

/** cmdutil.CheckErr's wording for API errors. */
export function formatError(error: unknown): string {
  if (error instanceof KubectlError) return error.message;
  if (error instanceof StatusError) {
    if (error.reason === 'Invalid') {
      // cmdutil checkErr's isInvalidReasonStatusError case
      const { kind, name, causes = [] } = error.details;
      let head = 'The request is invalid';
      if (kind || name) head = `The ${kind ?? ''} "${name ?? ''}" is invalid`;
      else if (error.message && causes.length === 0) head += `: ${error.message}`;
      if (causes.length === 0) return head;
      const lines = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
      if (lines.length === 1) return `${head}: ${lines[0]}`;
      return `${head}: \n${lines.map((c) => `* ${c}`).join('\n')}`;
    }
    return error.reason
      ? `Error from server (${error.reason}): ${error.message}`
      : `Error from server: ${error.message}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

export function typeLabel(type: ResourceType): string {
  return type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
}
