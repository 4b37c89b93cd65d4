// Counts with the multiplier suffixes head, tail and friends accept (b, kB, K, KiB, MB, M, ...).

const POWERS = 'KMGTPEZY';

/** Parses "12", "2K", "1MB", "3KiB" to a count; null when the text is not a valid count. */
export function parseCount(text: string): number | null {
  const m = /^(\d+)(?:(b)|([kKMGTPEZY])(iB|B)?)?$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2]) return n * 512;
  if (!m[3]) return n;
  const power = POWERS.indexOf(m[3].toUpperCase()) + 1;
  const base = m[4] === 'B' ? 1000 : 1024;
  return n * base ** power;
}
