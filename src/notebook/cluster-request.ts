// The `cluster:` front matter: which kind cluster a note wants before its first block, and
// the facts about the outside world it cannot observe (images missing from registries).
import { z } from 'zod';
import type { NodeSpec } from '../../engine/kube/kind/bootstrap.ts';

export interface ClusterRequest {
  name: string;
  specs: NodeSpec[];
  /** Image references (as pods write them) that no registry holds. */
  missingImages: string[];
}

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
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (expected name, workers, images)`
        : issue.code === 'invalid_union'
          ? 'expected `kind`, `true`, or an object with name, workers and images'
          : issue.message;
    return { error: `front matter ${where}: ${message}` };
  }
  const v = parsed.data;
  if (v === false) return null;
  if (v === true || v === 'kind')
    return { name: 'kind', specs: [{ role: 'control-plane' }], missingImages: [] };
  return {
    name: v.name ?? 'kind',
    specs: [
      { role: 'control-plane' },
      ...Array.from({ length: v.workers ?? 0 }, () => ({ role: 'worker' as const })),
    ],
    missingImages: v.images?.missing ?? [],
  };
}
