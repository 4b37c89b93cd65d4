// Identifiers the API server generates: metadata.name from generateName, and metadata.uid.
import { StatusError } from './errors.ts';

type Random = { int(n: number): number };

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** A name from `prefix` that `taken` does not report as used, or an InternalError. */
export function generateName(random: Random, prefix: string, taken: (name: string) => boolean): string {
  // names.SimpleNameGenerator: prefix (cut to 58) + 5 characters from a fixed alphabet
  const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
  for (let attempt = 0; attempt < 100; attempt++) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += NAME_CHARS[random.int(NAME_CHARS.length)];
    const name = base + suffix;
    if (!taken(name)) return name;
  }
  throw new StatusError(500, 'InternalError', 'could not generate a unique name');
}

/** A version 4 UUID from the seeded source. */
export function newUid(random: Random): string {
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += random.int(16).toString(16);
    return s;
  };
  const variant = '89ab'[random.int(4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
