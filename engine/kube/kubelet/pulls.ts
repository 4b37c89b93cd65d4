// Getting a container's image onto the node (pkg/kubelet/images/image_manager.go,
// EnsureImageExists): pull policies, images already present, invalid names, pulls that take
// simulated time, and pulls that fail with back-off; then the container is started.
import type { Cluster } from '../cluster.ts';
import { ImageBackoff, isMissing, notFoundError } from './image-pull.ts';
import { goDuration, type ImageRef, imageSize, parseImage, pullMillis } from './images.ts';
import type { ContainerRun, PodRun } from './pod-status.ts';

// biome-ignore lint/suspicious/noExplicitAny: container specs are open JSON
type Json = any;

/** pod_workers.go: a failed sync is tried again after backOffPeriod (10s) plus up to 50% jitter. */
const SYNC_RETRY_MS = 10_000;

/** What the puller needs of its kubelet. */
export interface PullHost {
  cluster: Cluster;
  spec(run: PodRun, c: ContainerRun): Record<string, Json> | undefined;
  event(run: PodRun, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void;
  writeStatus(run: PodRun): void;
  start(run: PodRun, c: ContainerRun, spec: Record<string, Json>): void;
}

export class ImagePuller {
  private readonly host: PullHost;
  /** Images on the node, fully qualified. */
  readonly pulled = new Set<string>();
  private readonly backoff = new ImageBackoff();

  constructor(host: PullHost, preloaded: string[]) {
    this.host = host;
    for (const image of preloaded) this.pulled.add(parseImage(image)?.full ?? image);
  }

  pullAndStart(run: PodRun, c: ContainerRun, next: () => void): void {
    const spec = this.host.spec(run, c);
    if (!spec) return;
    const ref = parseImage(spec.image);
    if (!ref) {
      c.state = {
        waiting: {
          reason: 'InvalidImageName',
          message: `Failed to apply default image tag "${spec.image}": couldn't parse image name "${spec.image}": invalid reference format`,
        },
      };
      this.host.event(
        run,
        'Warning',
        'InspectFailed',
        `Failed to apply default image tag "${spec.image}": couldn't parse image name "${spec.image}": invalid reference format`,
        c.name,
      );
      this.host.event(run, 'Warning', 'Failed', 'Error: InvalidImageName', c.name);
      this.host.writeStatus(run);
      next();
      return;
    }
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.pulled.has(ref.full);
    if (policy === 'Never' && !present) {
      c.state = {
        waiting: {
          reason: 'ErrImageNeverPull',
          message: `Container image "${spec.image}" is not present with pull policy of Never`,
        },
      };
      this.host.event(
        run,
        'Warning',
        'ErrImageNeverPull',
        `Container image "${spec.image}" is not present with pull policy of Never`,
        c.name,
      );
      this.host.writeStatus(run);
      next();
      return;
    }
    if (present && policy !== 'Always') {
      this.host.event(
        run,
        'Normal',
        'Pulled',
        `Container image "${spec.image}" already present on machine`,
        c.name,
      );
      this.host.start(run, c, spec);
      next();
      return;
    }
    this.pull(run, c, spec, ref, present, next);
  }

  /** EnsureImageExists past the presence check: back-off, Pulling, then success or failure. */
  private pull(
    run: PodRun,
    c: ContainerRun,
    spec: Record<string, Json>,
    ref: ImageRef,
    present: boolean,
    next: () => void,
  ): void {
    const backoffKey = `${run.uid}_${spec.image}`;
    if (this.backoff.inBackoff(backoffKey, this.host.cluster.now())) {
      const msg = `Back-off pulling image "${spec.image}"`;
      this.host.event(run, 'Normal', 'BackOff', msg, c.name);
      this.host.event(run, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
      c.state = { waiting: { reason: 'ImagePullBackOff', message: msg } };
      this.host.writeStatus(run);
      this.retrySync(run, c);
      next();
      return;
    }
    this.host.event(run, 'Normal', 'Pulling', `Pulling image "${spec.image}"`, c.name);
    const missing = isMissing(this.host.cluster.registries.missing, ref);
    const ms = missing
      ? 300 + (pullMillis(ref) % 1200)
      : present
        ? 400 + (pullMillis(ref) % 600)
        : pullMillis(ref);
    this.host.cluster.runtime.after(ms, `pull ${spec.image}`, () => {
      if (run.terminating) return;
      if (missing) {
        const err = notFoundError(ref);
        this.host.event(run, 'Warning', 'Failed', `Failed to pull image "${spec.image}": ${err}`, c.name);
        this.backoff.next(backoffKey, this.host.cluster.now());
        // startContainer: "Error: %v" of the image manager's error, ErrImagePull
        this.host.event(run, 'Warning', 'Failed', 'Error: ErrImagePull', c.name);
        c.state = { waiting: { reason: 'ErrImagePull', message: err } };
        this.host.writeStatus(run);
        this.retrySync(run, c);
        // a container that cannot start does not hold up the others (SyncPod goes on)
        next();
        return;
      }
      this.pulled.add(ref.full);
      this.host.event(
        run,
        'Normal',
        'Pulled',
        `Successfully pulled image "${spec.image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${imageSize(ref)} bytes.`,
        c.name,
      );
      this.host.start(run, c, spec);
      next();
    });
  }

  /** A failed pod sync is tried again 10-15s later (not a settling timer: it never ends). */
  private retrySync(run: PodRun, c: ContainerRun): void {
    const delay = SYNC_RETRY_MS + this.host.cluster.random.int(SYNC_RETRY_MS / 2);
    c.timers.push(
      this.host.cluster.runtime.after(
        delay,
        `sync ${run.name}`,
        () => {
          if (run.terminating) return;
          const spec = this.host.spec(run, c);
          const ref = spec ? parseImage(spec.image) : null;
          if (!spec || !ref) return;
          this.pull(run, c, spec, ref, this.pulled.has(ref.full), () => {});
        },
        false,
      ),
    );
  }
}
