// A journal of a container's file system changes: the main process runs ahead of time, so
// what it creates and removes is recorded with the instant it happened, and replayed into the
// container's world when a probe, hook or exec looks at the files at a later instant.
import type { Vfs } from '../../fs/vfs.ts';

export type FsMethod = 'writeFile' | 'mkdir' | 'unlink' | 'rmdir' | 'rename' | 'symlink' | 'chmod';

export interface FsOp {
  /** Simulated ms after the container started. */
  at: number;
  method: FsMethod;
  args: unknown[];
}

const METHODS: FsMethod[] = ['writeFile', 'mkdir', 'unlink', 'rmdir', 'rename', 'symlink', 'chmod'];

/** Wraps the mutating methods of `fs` so each successful change is appended to `journal`. */
export function recordFsOps(fs: Vfs, elapsed: () => number, journal: FsOp[]): void {
  const target = fs as unknown as Record<FsMethod, (...args: unknown[]) => unknown>;
  for (const method of METHODS) {
    const original = target[method].bind(fs);
    let depth = 0;
    target[method] = (...args: unknown[]) => {
      depth++;
      try {
        const result = original(...args);
        // mkdir -p recurses through mkdir: only the outermost call is a change of its own
        if (depth === 1) journal.push({ at: elapsed(), method, args: args.map(withoutCaller) });
        return result;
      } finally {
        depth--;
      }
    };
  }
}

/** Options objects may carry the calling process of the recording world: not replayable. */
function withoutCaller(arg: unknown): unknown {
  if (arg && typeof arg === 'object' && 'caller' in arg) {
    const { caller: _caller, ...rest } = arg as Record<string, unknown>;
    return rest;
  }
  return arg;
}

/** Applies one recorded change; one that no longer applies (the file is gone) is skipped. */
export function replayFsOp(fs: Vfs, op: FsOp): void {
  const target = fs as unknown as Record<FsMethod, (...args: unknown[]) => unknown>;
  try {
    target[op.method](...op.args);
  } catch {
    // an exec changed the tree in between: the real container would differ the same way
  }
}
