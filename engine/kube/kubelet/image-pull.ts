// Image pull failures as the kubelet's image manager reports them (pkg/kubelet/images/
// image_manager.go): an image the registry does not have fails with containerd's NotFound
// error, the failure starts a per-pod, per-image back-off of 10s doubling to 300s, and pod
// syncs that come within the back-off report "Back-off pulling image" instead of pulling.
import type { ImageRef } from './images.ts';

/** kubelet.go: backOffPeriod, and MaxContainerBackOff for the image back-off. */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

/** Whether the cluster's registries lack the image: as written in the spec, or fully qualified. */
export function isMissing(missing: Set<string>, ref: ImageRef): boolean {
  return missing.has(ref.spec) || missing.has(ref.full);
}

/**
 * containerd 1.7/2.0's error for a reference the registry does not know, as the CRI returns
 * it to the kubelet (a gRPC status NotFound).
 */
export function notFoundError(ref: ImageRef): string {
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": ` +
    `failed to resolve reference "${ref.full}": ${ref.full}: not found`
  );
}

/** A flowcontrol.Backoff entry keyed by "<pod uid>_<image>". */
export interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

export class ImageBackoff {
  private readonly entries = new Map<string, BackoffEntry>();

  /** IsInBackOffSinceUpdate: less than the current back-off has passed since the last failure. */
  inBackoff(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * IMAGE_BACKOFF_MAX_MS) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** Next: the first failure waits 10s, each further one twice as long, at most 300s. */
  next(key: string, now: number): void {
    const e = this.entries.get(key);
    const backoffMs =
      !e || now - e.lastUpdate > 2 * IMAGE_BACKOFF_MAX_MS
        ? IMAGE_BACKOFF_INITIAL_MS
        : Math.min(e.backoffMs * 2, IMAGE_BACKOFF_MAX_MS);
    this.entries.set(key, { backoffMs, lastUpdate: now });
  }
}
