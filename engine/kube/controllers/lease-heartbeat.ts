// A component's heartbeat Lease, as the lease controller of k8s.io/component-helpers
// (apimachinery/lease/controller.go) keeps it: created when missing, its renewTime moved to
// "now" every renew interval (wait.JitterUntil, jitter factor 0.04) in simulated time.
// The kubelet's node Lease and the kube-apiserver identity Lease are such heartbeats.
import type { Random } from '../../core/random.ts';
import type { KubeObject } from '../api/types.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { Cluster } from '../cluster.ts';
import type { Timer } from '../runtime.ts';

/** controller.go Run: wait.JitterUntil(c.sync, c.renewInterval, 0.04, true, stopCh). */
const RENEW_JITTER = 0.04;

export interface LeaseHeartbeatOptions {
  namespace: string;
  name: string;
  holderIdentity: string;
  leaseDurationSeconds: number;
  renewIntervalMs: number;
  /** The field manager of the component's writes (its User-Agent prefix). */
  manager: string;
  /**
   * newLeasePostProcessFunc: completes the lease before each create and update; returning
   * false blocks a create (it is retried at the next interval) but never an update.
   */
  postProcess?: (lease: KubeObject) => boolean;
}

/**
 * metav1.MicroTime as it marshals (RFC3339Micro, "2006-01-02T15:04:05.000000Z07:00"): the
 * simulated clock counts milliseconds, the sub-millisecond digits come from `micros`.
 */
export function microTime(ms: number, micros: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

export class LeaseHeartbeat {
  private readonly cluster: Cluster;
  private readonly options: LeaseHeartbeatOptions;
  private readonly random: Random;
  private timer: Timer | undefined;

  constructor(cluster: Cluster, options: LeaseHeartbeatOptions, random: Random) {
    this.cluster = cluster;
    this.options = options;
    this.random = random;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /**
   * Starts heartbeating: the first sync runs at once (JitterUntil's first call is immediate)
   * on a timer that, like every renewal, never keeps the cluster from settling.
   */
  start(): void {
    if (this.timer) return;
    this.schedule(0);
  }

  /** The component stopped: no more renewals. */
  stop(): void {
    this.cluster.runtime.cancel(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = this.cluster.runtime.after(
      delayMs,
      `lease ${this.options.namespace}/${this.options.name}`,
      () => {
        try {
          this.sync();
        } catch (e) {
          // the controller logs a failed create or update and tries again next interval
          if (!(e instanceof StatusError)) throw e;
        }
        const { renewIntervalMs } = this.options;
        this.schedule(renewIntervalMs + Math.floor(this.random.next() * RENEW_JITTER * renewIntervalMs));
      },
      false,
    );
  }

  /**
   * controller.go sync: update the lease with a fresh renewTime, or create it when it is gone
   * (ensureLease). holderIdentity and leaseDurationSeconds are only set on create.
   */
  private sync(): void {
    const { namespace, name, manager, postProcess } = this.options;
    const store = this.cluster.store;
    const type = this.cluster.type('leases');
    const renewTime = microTime(this.cluster.now(), this.random.int(1000));
    const existing = store.peek(type, namespace, name);
    if (existing) {
      // the store copies what it is given: a shallow copy keeps the stored object intact
      const lease = {
        ...existing,
        metadata: { ...existing.metadata },
        spec: { ...existing.spec, renewTime },
      };
      postProcess?.(lease);
      store.update(lease, { manager });
      return;
    }
    const lease: KubeObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace },
      spec: {
        holderIdentity: this.options.holderIdentity,
        leaseDurationSeconds: this.options.leaseDurationSeconds,
        renewTime,
      },
    };
    if (postProcess && !postProcess(lease)) return;
    store.create(lease, { manager });
  }
}

/** uuid.NewUUID() (google/uuid New): a random version 4 UUID, from a seeded source. */
export function randomUUID(random: Random): string {
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += random.int(16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[random.int(4)]}${hex(3)}-${hex(12)}`;
}
