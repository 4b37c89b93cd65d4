// The `cluster:` front matter: which kind cluster a note wants before its first block, and
// the facts about the outside world it cannot observe (images missing from registries,
// what containers use), and whether metrics-server is installed.
import { z } from 'zod';
import type { NodeSpec } from '../../engine/kube/kind/bootstrap.ts';
import type { UsageOverride } from '../../engine/kube/metrics/index.ts';

export interface ClusterRequest {
  name: string;
  specs: NodeSpec[];
  /** Image references (as pods write them) that no registry holds. */
  missingImages: string[];
  /** Install metrics-server (as its components.yaml with --kubelet-insecure-tls does). */
  metrics: boolean;
  /** What containers use, for `kubectl top` and autoscaling. */
  usage: UsageOverride[];
}

const quantity = z.union([z.string(), z.number()]);

const usageEntry = z
  .object({
    namespace: z.string().optional(),
    selector: z.string().optional(),
    pod: z.string().optional(),
    container: z.string().optional(),
    cpu: quantity.optional(),
    memory: quantity.optional(),
    shared: z.boolean().optional(),
  })
  .strict()
  .refine((u) => (u.selector === undefined) !== (u.pod === undefined), 'give either selector or pod');

const clusterObject = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a cluster name is lower case letters, digits and "-"')
      .optional(),
    workers: z.number().int().min(0).max(20).optional(),
    images: z
      .object({ missing: z.array(z.string()).optional() })
      .strict()
      .optional(),
    metrics: z.boolean().optional(),
    usage: z.array(usageEntry).optional(),
  })
  .strict();

const clusterValue = z.union([z.literal('kind'), z.boolean(), clusterObject]);

/** The cluster a note asks for, null for none, or a message saying what is wrong. */
export function readClusterRequest(value: unknown): ClusterRequest | null | { error: string } {
  if (value === undefined || value === null) return null;
  const parsed = clusterValue.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `cluster.${issue.path.join('.')}` : 'cluster';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (expected name, workers, images, metrics, usage)`
        : issue.code === 'invalid_union'
          ? 'expected `kind`, `true`, or an object with name, workers, images, metrics and usage'
          : issue.message;
    return { error: `front matter ${where}: ${message}` };
  }
  const v = parsed.data;
  if (v === false) return null;
  if (v === true || v === 'kind')
    return { name: 'kind', specs: [{ role: 'control-plane' }], missingImages: [], metrics: false, usage: [] };
  return {
    name: v.name ?? 'kind',
    specs: [
      { role: 'control-plane' },
      ...Array.from({ length: v.workers ?? 0 }, () => ({ role: 'worker' as const })),
    ],
    missingImages: v.images?.missing ?? [],
    metrics: v.metrics ?? false,
    usage: v.usage ?? [],
  };
}
