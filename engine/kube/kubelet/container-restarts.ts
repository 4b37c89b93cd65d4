// How containers end and come back: exits, graceful kills, and restarts with CrashLoopBackOff back-off.

import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { PRE_STOP_FAILED, runHook } from './hooks.ts';
import { goDuration, parseImage } from './images.ts';
import { type Json, type PodAccess, updateReady } from './pod-access.ts';
import type { ContainerRun, PodRun } from './pod-status.ts';
import type { ImagePuller } from './pulls.ts';

/** Servers among the known images: they exit 0 on SIGTERM. */
const KNOWN_SERVERS: Record<string, true> = {
  'docker.io/library/nginx': true,
  'docker.io/library/httpd': true,
  'docker.io/library/redis': true,
  'registry.k8s.io/pause': true,
};
/** kuberuntime: minimumGracePeriodInSeconds. */
const MIN_GRACE_MS = 2_000;
/** The API server's default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_S = 30;

/** What restarts need of the rest of the kubelet. */
export interface RestartHost {
  start(run: PodRun, c: ContainerRun, spec: Record<string, Json>): void;
  unserve(c: ContainerRun): void;
  /** Starts the next init container, or the app containers. */
  startNext(run: PodRun): void;
  puller(): ImagePuller;
}

export class ContainerRestarts {
  private readonly cluster: Cluster;
  private readonly access: PodAccess;
  private readonly host: RestartHost;

  constructor(cluster: Cluster, access: PodAccess, host: RestartHost) {
    this.cluster = cluster;
    this.access = access;
    this.host = host;
  }

  /**
   * killContainer: the Killing event, the preStop hook, SIGTERM, and SIGKILL when the grace
   * period runs out; then the container is restarted if asked (the same pod sync starts it).
   */
  kill(run: PodRun, c: ContainerRun, message: string, restart: boolean, probe?: Json): void {
    const pod = this.access.current(run);
    const spec = this.access.spec(run, c);
    if (!pod || !spec || c.killing) return;
    for (const t of c.timers) this.cluster.runtime.cancel(t);
    c.timers = [];
    c.killing = true;
    updateReady(c, spec);
    this.access.writeStatus(run);
    this.access.event(run, 'Normal', 'Killing', message, c.name);
    const graceS =
      probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_S;
    const { afterMs, exitCode } = this.stopTimes(run, c, spec, graceS * 1000);
    c.timers.push(
      this.cluster.runtime.after(
        afterMs,
        `killed ${c.name}`,
        () => {
          if (run.terminating) return;
          this.host.unserve(c);
          const terminated = this.terminated(c, exitCode);
          c.state = { terminated };
          c.killing = false;
          c.ready = false;
          this.access.writeStatus(run);
          if (restart) this.restartLater(run, c, pod, terminated);
        },
        false,
      ),
    );
  }

  /**
   * How a graceful stop goes: preStop first (its time comes off the grace period, which
   * stays at least 2s), then SIGTERM. A server handles SIGTERM and exits 0 at once; an
   * unknown program dies of it (143); a shell or sleep as PID 1 ignores it until SIGKILL (137).
   */
  stopTimes(
    run: PodRun,
    c: ContainerRun,
    spec: Record<string, Json>,
    graceMs: number,
  ): { afterMs: number; exitCode: number } {
    let hookMs = 0;
    const preStop = spec.lifecycle?.preStop;
    if (preStop && graceMs > 0 && c.fs) {
      const hook = runHook(this.access.target(run, c, spec), preStop);
      hookMs = Math.min(hook.tookMs, graceMs);
      // the event comes when the hook has finished
      if (hook.failed)
        this.cluster.runtime.after(hook.tookMs, `preStop ${c.name}`, () =>
          this.access.event(run, 'Warning', PRE_STOP_FAILED.reason, PRE_STOP_FAILED.message, c.name),
        );
    }
    const remaining = Math.max(MIN_GRACE_MS, graceMs - Math.floor(hookMs / 1000) * 1000);
    // a shell or sleep the engine runs is PID 1 without a SIGTERM handler: only SIGKILL ends it
    if (c.run) return { afterMs: hookMs + remaining, exitCode: 137 };
    const ref = parseImage(spec.image);
    const known = ref !== null && ref.repository in KNOWN_SERVERS;
    return { afterMs: hookMs + Math.min(remaining, 200), exitCode: known ? 0 : 143 };
  }

  exited(run: PodRun, c: ContainerRun, exitCode: number, reason?: string): void {
    if (run.terminating) return;
    const pod = this.access.current(run);
    if (!pod) return;
    const terminated = this.terminated(c, exitCode, reason);
    c.state = { terminated };
    c.ready = false;
    this.host.unserve(c);
    this.access.writeStatus(run);
    if (c.init) {
      if (exitCode === 0) this.host.startNext(run);
      else this.restartLater(run, c, pod, terminated);
      return;
    }
    const policy = pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0))
      this.restartLater(run, c, pod, terminated);
  }

  private terminated(c: ContainerRun, exitCode: number, reason?: string): Record<string, unknown> {
    const now = this.cluster.now();
    return {
      exitCode,
      reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: rfc3339(c.startedAt ?? now),
      finishedAt: rfc3339(now),
      containerID: c.containerID,
    };
  }

  private restartLater(
    run: PodRun,
    c: ContainerRun,
    pod: KubeObject,
    terminated: Record<string, unknown>,
  ): void {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    if (c.init && policy === 'Never') return;
    // backoff doubles from 10s up to 5 minutes (kubelet's crashloop backoff)
    const backoff = Math.min(300_000, 10_000 * 2 ** c.restartCount);
    const first = c.restartCount === 0;
    c.timers.push(
      this.cluster.runtime.after(0, `backoff ${c.name}`, () => {
        c.previousLog = c.log;
        c.lastState = { terminated };
        c.restartCount++;
        c.started = false;
        if (first) {
          this.restart(run, c);
          return;
        }
        c.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${goDuration(backoff / 2)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          },
        };
        this.access.event(
          run,
          'Warning',
          'BackOff',
          'Back-off restarting failed container ' +
            c.name +
            ' in pod ' +
            `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          c.name,
        );
        this.access.writeStatus(run);
        c.timers.push(
          this.cluster.runtime.after(backoff / 2, `restart ${c.name}`, () => this.restart(run, c), false),
        );
      }),
    );
  }

  private restart(run: PodRun, c: ContainerRun): void {
    if (run.terminating) return;
    const spec = this.access.spec(run, c);
    if (!spec) return;
    const ref = parseImage(spec.image);
    if (ref && (spec.imagePullPolicy ?? 'IfNotPresent') !== 'Always') {
      this.access.event(
        run,
        'Normal',
        'Pulled',
        `Container image "${spec.image}" already present on machine`,
        c.name,
      );
      this.host.start(run, c, spec);
    } else this.host.puller().pullAndStart(run, c, () => {});
  }
}
