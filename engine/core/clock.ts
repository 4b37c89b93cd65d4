// Simulated clock: time only moves when the engine says so (a command's cost, `sleep`,
// controllers waiting), so timestamps and ages are the same on every run.

/** The instant every new world starts at: 2025-01-01T00:00:00Z. */
export const EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

export interface Clock {
  /** Milliseconds since the Unix epoch, simulated. */
  now(): number;
  /** Moves time forward; negative amounts are ignored. */
  advance(ms: number): void;
}

export function createClock(startMs: number = EPOCH_MS): Clock {
  let now = startMs;
  return {
    now: () => now,
    advance(ms: number) {
      if (ms > 0) now += ms;
    },
  };
}
