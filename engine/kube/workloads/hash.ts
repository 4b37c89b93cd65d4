// Names derived from content: the pod-template-hash of Deployments and the controller
// revision hashes of StatefulSets and DaemonSets (FNV-32a, then rand.SafeEncodeString).
// Kubernetes hashes the Go struct as printed by spew; the engine hashes canonical JSON, so
// values differ from a real cluster's but have the same form and change under the same edits.

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted: equal for semantically equal values whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into a vowel-free alphabet. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** controller.ComputeHash(template, collisionCount). */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = canonical(template);
  if (collisionCount) text += `#${collisionCount}`;
  return safeEncode(String(fnv32a(text)));
}
