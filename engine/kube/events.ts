// The event recorders of the control plane: the legacy core/v1 recorder (kubelet,
// controller-manager) that aggregates repeats into `count`, and the events.k8s.io recorder
// (scheduler) whose events carry eventTime and a reporting controller instead.
import type { ResourceType } from './api/resources.ts';
import { type KubeObject, rfc3339, rfc3339Micro } from './api/types.ts';
import type { Store } from './apiserver/store.ts';

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventInput {
  object: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  /** spec.containers{nginx} for container events. */
  fieldPath?: string;
  /** events.k8s.io recorders (the scheduler) set an action and use eventTime. */
  action?: string;
}

/** Components whose events another binary than kube-controller-manager records. */
const EVENT_MANAGERS: Record<string, string> = {
  kubelet: 'kubelet',
  'default-scheduler': 'kube-scheduler',
  apiserver: 'kube-apiserver',
  'nginx-ingress-controller': 'nginx-ingress-controller',
};

export class EventRecorder {
  private readonly store: Store;
  private readonly now: () => number;
  private readonly eventType: ResourceType;
  private sequence = 0;
  /** EventCorrelator's key (object, reason, message, type, source) -> the event counting it. */
  private readonly correlated = new Map<string, string>();

  constructor(store: Store, now: () => number) {
    this.store = store;
    this.now = now;
    const type = store.registry.resolve('events');
    if (!type) throw new Error('events resource missing');
    this.eventType = type;
  }

  /** The `%x` of UnixNano that names events; the sub-millisecond part keeps names unique. */
  private nanoHex(ms: number): string {
    const nanos = BigInt(ms) * 1_000_000n + BigInt((this.sequence++ * 7919) % 1_000_000);
    return nanos.toString(16);
  }

  /** Records an event; like the real recorders, a failure to write it is dropped silently. */
  record(input: EventInput): void {
    try {
      this.write(input);
    } catch {
      // e.g. the namespace is terminating: events are best effort
    }
  }

  private write(input: EventInput): void {
    const { object } = input;
    const ns = object.metadata.namespace || 'default';
    const now = this.now();
    const involved: Record<string, unknown> = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
    };
    if (!object.metadata.namespace) delete involved.namespace;
    if (input.fieldPath) involved.fieldPath = input.fieldPath;
    // the recorder's client names the field manager by its User-Agent: the component's binary
    const manager = EVENT_MANAGERS[input.source.component] ?? 'kube-controller-manager';
    if (input.action) {
      this.store.create(
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `${object.metadata.name}.${this.nanoHex(now)}`, namespace: ns },
          involvedObject: involved,
          reason: input.reason,
          message: input.message,
          source: {},
          firstTimestamp: null,
          lastTimestamp: null,
          type: input.type,
          eventTime: rfc3339Micro(now),
          action: input.action,
          reportingComponent: input.source.component,
          reportingInstance: `${input.source.component}-${input.source.host ?? ''}`,
        } as KubeObject,
        { manager },
      );
      return;
    }
    // EventCorrelator: an identical event (same source, object, type, reason, message) is
    // counted instead of created again.
    const key = [
      ns,
      involved.uid,
      involved.fieldPath,
      input.reason,
      input.message,
      input.type,
      input.source.component,
    ].join('\u0000');
    const earlier = this.correlated.get(key);
    if (earlier && this.store.peek(this.eventType, ns, earlier)) {
      this.store.mutate(
        this.eventType,
        ns,
        earlier,
        (o) => {
          const r = o as Record<string, unknown>;
          r.count = ((r.count as number) ?? 1) + 1;
          r.lastTimestamp = rfc3339(now);
        },
        { manager },
      );
      return;
    }
    const source: Record<string, string> = { component: input.source.component };
    if (input.source.host) source.host = input.source.host;
    const name = `${object.metadata.name}.${this.nanoHex(now)}`;
    this.correlated.set(key, name);
    this.store.create(
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: involved,
        reason: input.reason,
        message: input.message,
        source,
        firstTimestamp: rfc3339(now),
        lastTimestamp: rfc3339(now),
        count: 1,
        type: input.type,
        eventTime: null,
        reportingComponent: input.source.component,
        reportingInstance: input.source.host ?? '',
      } as KubeObject,
      { manager },
    );
  }
}
