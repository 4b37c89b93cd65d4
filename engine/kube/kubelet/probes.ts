// Probe workers (pkg/kubelet/prober/worker.go, prober.go): one per container and probe kind,
// ticking every periodSeconds in simulated time from when the kubelet took the pod in,
// waiting out initialDelaySeconds after the container started, counting consecutive results
// against successThreshold / failureThreshold, and recording "Liveness probe failed: ..."
// events. What a settled result means (restart, readiness) is the kubelet's business.
import type { Runtime, Timer } from '../runtime.ts';
import type { HandlerResult } from './handlers.ts';

// biome-ignore lint/suspicious/noExplicitAny: probe specs are open JSON
type Json = any;

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** probeType.String() in prober: the word probe events start with. */
const TITLE: Record<ProbeKind, string> = {
  liveness: 'Liveness',
  readiness: 'Readiness',
  startup: 'Startup',
};

/** The container as a probe worker sees it at a tick. */
export interface ProbeSubject {
  /** The container's current run, changed by every (re)start; null when it has none. */
  instance(): number | null;
  running(): boolean;
  /** Simulated ms since the current run started. */
  uptimeMs(): number;
  /** Startup probe passed (or there is none). */
  started(): boolean;
  /** The pod is being deleted. */
  deleting(): boolean;
  /** The pod has finished (Succeeded/Failed): workers stop. */
  finished(): boolean;
  run(handler: Json): HandlerResult;
  event(type: 'Warning', reason: string, message: string): void;
  /** A settled result: a new run of `threshold` equal outcomes. */
  settled(kind: ProbeKind, success: boolean): void;
}

export class ProbeWorker {
  private timer: Timer | undefined;
  private instance: number | null = null;
  private lastSuccess: boolean | null = null;
  private resultRun = 0;
  private onHold = false;
  private stopped = false;

  private readonly runtime: Runtime;
  readonly kind: ProbeKind;
  private readonly spec: Json;
  private readonly subject: ProbeSubject;

  constructor(runtime: Runtime, kind: ProbeKind, spec: Json, subject: ProbeSubject) {
    this.runtime = runtime;
    this.kind = kind;
    this.spec = spec;
    this.subject = subject;
    // the first probe runs as soon as the worker starts, then on every tick
    this.timer = runtime.after(0, `probe ${kind}`, () => this.tick(), false);
  }

  stop(): void {
    this.stopped = true;
    this.runtime.cancel(this.timer);
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.probe()) {
      const period = Math.max(1, this.spec.periodSeconds ?? 10) * 1000;
      this.timer = this.runtime.after(period, `probe ${this.kind}`, () => this.tick(), false);
    }
  }

  /** One doProbe: returns whether the worker keeps going. */
  private probe(): boolean {
    const s = this.subject;
    if (s.finished()) return false;
    const instance = s.instance();
    if (instance === null) return true;
    if (instance !== this.instance) {
      this.instance = instance;
      this.onHold = false;
      this.lastSuccess = null;
      this.resultRun = 0;
    }
    if (this.onHold) return true;
    if (!s.running()) {
      if (this.kind === 'readiness') s.settled(this.kind, false);
      return true;
    }
    if (s.deleting() && this.kind !== 'readiness') return false;
    // int32(time.Since(startedAt).Seconds()) < initialDelaySeconds: whole seconds, truncated
    if (Math.floor(s.uptimeMs() / 1000) < (this.spec.initialDelaySeconds ?? 0)) return true;
    if (s.started() ? this.kind === 'startup' : this.kind !== 'startup') return true;
    // runProbeWithRetries retries only probes that errored, which the engine's never do
    const result = s.run(this.spec);
    if (result.outcome === 'unknown') return true;
    if (result.outcome === 'failure')
      s.event('Warning', 'Unhealthy', `${TITLE[this.kind]} probe failed: ${result.output}`);
    else if (result.outcome === 'warning')
      s.event('Warning', 'ProbeWarning', `${TITLE[this.kind]} probe warning: ${result.output}`);
    const success = result.outcome !== 'failure';
    if (this.lastSuccess === success) this.resultRun++;
    else {
      this.lastSuccess = success;
      this.resultRun = 1;
    }
    const threshold = success ? (this.spec.successThreshold ?? 1) : (this.spec.failureThreshold ?? 3);
    if (this.resultRun < threshold) return true;
    s.settled(this.kind, success);
    if (!success && this.kind !== 'readiness') {
      // a failed liveness/startup container is restarted: wait for its next run
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
