// What every create generator gets (the NAME, the flags, the namespace when -n enforces it,
// the command after --) and the helpers they share: ObjectMeta in Go field order, cobra's
// required-flag check and NameFromCommandArgs.
import type { Random } from '../../../core/random.ts';
import type { KubeObject } from '../../api/types.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import type { ParsedFlags } from '../flags.ts';
import { str } from '../flags.ts';

export interface GeneratorInput {
  k: Kubectl;
  flags: ParsedFlags;
  name: string;
  /** Set only when -n was given (the generators' EnforceNamespace). */
  namespace?: string;
  /** The words after `--`. */
  command: string[];
  random: Random;
}

/** ObjectMeta as a generator fills it: name, namespace, creationTimestamp (null), labels. */
export function meta(
  name: string,
  namespace?: string,
  labels?: Record<string, string>,
): KubeObject['metadata'] {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels) m.labels = labels;
  return m as KubeObject['metadata'];
}

/**
 * cobra's ValidateRequiredFlags, checked before the command runs; kubectl's main logs the
 * error through klog (component-base/cli/run.go:72) instead of printing "error: ...".
 */
export function requireFlags(g: Pick<GeneratorInput, 'k' | 'flags'>, names: string[]): void {
  const missing = [...names].sort().filter((n) => str(g.flags, n) === undefined);
  if (missing.length === 0) return;
  throw new KubectlError(klogError(g.k, `required flag(s) "${missing.join('", "')}" not set`));
}

function klogError(k: Kubectl, message: string): string {
  const d = new Date(k.ctx.world.clock.now());
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}`;
  const quoted = message.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  return `E${stamp} ${String(k.ctx.proc.pid).padStart(7)} run.go:72] "command failed" err="${quoted}"`;
}

/** create.go NameFromCommandArgs (a usage error). */
export function nameFromArgs(args: string[], command: string): string {
  if (args.length !== 1)
    throw new KubectlError(
      `error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create ${command} -h' for help and examples`,
    );
  return args[0];
}
