// StatefulSet revisions (pkg/controller/statefulset/stateful_set_utils.go getPatch/newRevision and
// pkg/controller/history controller_history.go, v1.32): the patch that records a set's pod template,
// its FNV-32 hash named into `<set>-<hash>`, and the ControllerRevision object built from it.
import type { KubeObject } from '../api/types.ts';
import { controllerRef } from '../cluster.ts';
import { safeEncode } from '../workloads/hash.ts';

/** history.ControllerRevisionHashLabel */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** encoding/json's Marshal of decoded JSON: sorted keys, HTML-safe escapes. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  return JSON.stringify(value);
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029\b\f]/g, (c) => {
    if (c === '\b') return '\\u0008';
    if (c === '\f') return '\\u000c';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** hash/fnv New32 (FNV-1, not FNV-1a) over UTF-8 bytes. */
export function fnv32(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/**
 * getPatch: {"spec":{"template":<template>,"$patch":"replace"}} as the set's apps/v1 JSON encodes the
 * template (ObjectMeta always carries creationTimestamp, null in a template).
 */
export function revisionData(set: KubeObject): Record<string, unknown> {
  const template = structuredClone(set.spec?.template ?? {});
  template.metadata = { creationTimestamp: null, ...(template.metadata ?? {}) };
  template.$patch = 'replace';
  return { spec: { template } };
}

/** HashControllerRevision(revision, &collisionCount) */
export function revisionHash(data: Record<string, unknown>, collisionCount: number): string {
  const bytes = new TextEncoder().encode(goJson(data) + String(collisionCount));
  return safeEncode(String(fnv32(bytes)));
}

/** ControllerRevisionName: the prefix is cut to 223 bytes. */
export function revisionName(setName: string, hash: string): string {
  return `${setName.length > 223 ? setName.slice(0, 223) : setName}-${hash}`;
}

/** newRevision → history.NewControllerRevision: labels of the template, the set's annotations. */
export function newRevision(set: KubeObject, revision: number, collisionCount: number): KubeObject {
  const data = revisionData(set);
  const hash = revisionHash(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(set.metadata.name ?? '', hash),
      namespace: set.metadata.namespace,
      labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(set)],
    },
    data,
    revision,
  };
}

/** history.EqualRevision: the same recorded data. */
export function equalRevision(a: KubeObject, b: KubeObject): boolean {
  return goJson(a.data) === goJson(b.data);
}

/** ApplyRevision: the pod template the revision recorded. */
export function templateOf(revision: KubeObject): KubeObject['spec'] {
  const template = structuredClone(
    (revision.data as { spec: { template: Record<string, unknown> } }).spec.template,
  );
  delete template.$patch;
  return template;
}
