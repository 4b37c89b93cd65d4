// Seeded pseudo-random source (sfc32): every "random" value in the engine comes from here,
// so the same seed gives the same MACs, hashes and choices on every run and machine.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An unsigned 32-bit integer. */
  u32(): number;
  /** `n` random bytes. */
  bytes(n: number): number[];
  /** A new independent stream derived from this one and a label. */
  fork(label: string): Random;
}

function hashString(text: string): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRandom(seed: number | string): Random {
  const s = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = s;
  const u32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  const random: Random = {
    u32,
    next: () => u32() / 4294967296,
    int: (n) => Math.floor((u32() / 4294967296) * n),
    bytes: (n) => Array.from({ length: n }, () => u32() & 0xff),
    fork: (label) => createRandom((u32() ^ hashString(label)) >>> 0),
  };
  return random;
}
