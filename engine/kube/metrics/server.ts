// metrics-server in the simulated cluster: installs what components.yaml creates, scrapes the
// kubelets every --metric-resolution (15s) while its pod runs, keeps the last two points per
// container and node as pkg/storage does, and serves the Metrics API (metrics.k8s.io/v1beta1)
// once its pod is ready; the kube-aggregator's Available condition follows that readiness.
import type { Selector } from '../api/selectors.ts';
import { matches } from '../api/selectors.ts';
import { type KubeObject, parseTime, rfc3339 } from '../api/types.ts';
import { StatusError } from '../apiserver/errors.ts';
import type { Cluster } from '../cluster.ts';
import type { Timer } from '../runtime.ts';
import { isPodReady } from '../workloads/pods.ts';
import { metricsServerObjects } from './manifests.ts';
import { runningContainers, usageModel } from './usage.ts';

/** --metric-resolution in components.yaml. */
export const METRIC_RESOLUTION_MS = 15_000;
/** pkg/storage/pod.go freshContainerMinMetricsResolution. */
const FRESH_CONTAINER_MIN_MS = 10_000;

interface Point {
  /** Scrape time (ms). */
  t: number;
  /** Cumulative CPU, millicore-ms. */
  cum: number;
  memory: number;
  startedAt: number;
}

export interface ContainerMetrics {
  name: string;
  /** Usage in nanocores, as metrics-server computes it (truncated). */
  nanocores: number;
  memory: number;
}

export interface PodMetrics {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  timestamp: number;
  windowMs: number;
  containers: ContainerMetrics[];
}

export interface NodeMetrics {
  name: string;
  labels: Record<string, string>;
  timestamp: number;
  windowMs: number;
  nanocores: number;
  memory: number;
}

/** Quantity.MilliValue() of a nanocore amount: rounded up. */
export function milliOfNanos(nanocores: number): number {
  return Math.ceil(nanocores / 1e6);
}

/** How the aggregated Metrics API answers right now. */
export type MetricsApiState = 'absent' | 'unavailable' | 'serving';

function rate(last: Point, prev: Point): number {
  return Math.floor(((last.cum - prev.cum) * 1e6) / (last.t - prev.t));
}

export class MetricsServer {
  private readonly cluster: Cluster;
  private podLast = new Map<string, Map<string, Point>>();
  private podPrev = new Map<string, Map<string, Point>>();
  private nodeLast = new Map<string, Point>();
  private nodePrev = new Map<string, Point>();
  private ticker: Timer | undefined;
  /** uid of the metrics-server pod whose process is scraping. */
  private runningPod: string | undefined;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
    usageModel(cluster);
    cluster.store.watch((event) => {
      if (event.resource !== cluster.type('pods') || event.object.metadata.namespace !== 'kube-system')
        return;
      if (event.object.metadata.labels?.['k8s-app'] !== 'metrics-server') return;
      this.reconcile();
    });
  }

  private serverPod(): KubeObject | undefined {
    return this.cluster.store
      .scan(this.cluster.type('pods'), 'kube-system')
      .find(
        (p) =>
          p.metadata.labels?.['k8s-app'] === 'metrics-server' &&
          !p.metadata.deletionTimestamp &&
          p.status?.containerStatuses?.[0]?.state?.running,
      );
  }

  /** Starts or stops scraping with the pod's process, and publishes availability. */
  private reconcile(): void {
    const pod = this.serverPod();
    const uid = pod?.metadata.uid;
    if (uid !== this.runningPod) {
      this.cluster.runtime.cancel(this.ticker);
      this.ticker = undefined;
      this.podLast = new Map();
      this.podPrev = new Map();
      this.nodeLast = new Map();
      this.nodePrev = new Map();
      this.runningPod = uid;
      if (pod) {
        // server.go runScrape: one tick at start, then one per resolution
        const started = parseTime(pod.status.containerStatuses[0].state.running.startedAt);
        this.schedule(Math.max(0, started - this.cluster.now()));
      }
    }
    this.publishAvailability(pod !== undefined && isPodReady(pod));
  }

  private schedule(delay: number): void {
    // periodic: it must not keep the world from settling
    this.ticker = this.cluster.runtime.after(
      delay,
      'metrics-server scrape',
      () => {
        this.scrape();
        this.schedule(METRIC_RESOLUTION_MS);
      },
      false,
    );
  }

  /** kube-aggregator's available_controller verdict on v1beta1.metrics.k8s.io. */
  private publishAvailability(ready: boolean): void {
    const type = this.cluster.type('apiservices');
    const svc = this.cluster.store.peek(type, '', 'v1beta1.metrics.k8s.io');
    if (!svc) return;
    const condition = ready
      ? { status: 'True', reason: 'Passed', message: 'all checks passed' }
      : {
          status: 'False',
          reason: 'MissingEndpoints',
          message:
            'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
        };
    const old = (svc.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Available');
    if (old && old.status === condition.status && old.reason === condition.reason) return;
    const now = rfc3339(this.cluster.now());
    this.cluster.store.mutate(
      type,
      '',
      'v1beta1.metrics.k8s.io',
      (o) => {
        o.status = {
          conditions: [
            {
              lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : now,
              message: condition.message,
              reason: condition.reason,
              status: condition.status,
              type: 'Available',
            },
          ],
        };
      },
      { status: true },
    );
  }

  /** One scrape of every node's kubelet, stored like pkg/storage podStorage/nodeStorage.Store. */
  private scrape(): void {
    const now = this.cluster.now();
    const model = usageModel(this.cluster);
    model.advance();
    const lastPods = new Map<string, Map<string, Point>>();
    const prevPods = new Map<string, Map<string, Point>>();
    for (const c of runningContainers(this.cluster)) {
      const counters = model.container(c.key);
      if (!counters) continue;
      const podKey = `${c.pod.metadata.namespace}/${c.pod.metadata.name}`;
      const point: Point = { t: now, cum: counters.cum, memory: counters.memory, startedAt: c.startedAt };
      const last = lastPods.get(podKey) ?? new Map<string, Point>();
      lastPods.set(podKey, last);
      if (last.has(c.container)) continue;
      last.set(c.container, point);
      const age = now - c.startedAt;
      let prev: Point | undefined;
      if (c.startedAt < now && age < METRIC_RESOLUTION_MS && age >= FRESH_CONTAINER_MIN_MS) {
        // a fresh container: its start is the previous point, with no CPU used yet
        prev = { ...point, t: c.startedAt, cum: 0 };
      } else {
        const stored = this.podLast.get(podKey)?.get(c.container);
        if (stored && c.startedAt < stored.t) {
          if (now > stored.t) prev = stored;
          else prev = this.podPrev.get(podKey)?.get(c.container);
        }
      }
      if (prev) {
        const prevs = prevPods.get(podKey) ?? new Map<string, Point>();
        prevs.set(c.container, prev);
        prevPods.set(podKey, prevs);
      }
    }
    this.podLast = lastPods;
    this.podPrev = prevPods;

    const lastNodes = new Map<string, Point>();
    const prevNodes = new Map<string, Point>();
    for (const node of this.cluster.store.scan(this.cluster.type('nodes'))) {
      const name = node.metadata.name ?? '';
      const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      if (ready?.status !== 'True') continue;
      const counters = model.node(name);
      const startedAt = parseTime(node.metadata.creationTimestamp);
      const point: Point = { t: now, cum: counters.cum, memory: counters.memory, startedAt };
      lastNodes.set(name, point);
      const stored = this.nodeLast.get(name);
      if (stored && startedAt < stored.t && now > stored.t) prevNodes.set(name, stored);
    }
    this.nodeLast = lastNodes;
    this.nodePrev = prevNodes;
  }

  /** Where the Metrics API stands: no APIService, registered but not ready, or serving. */
  state(): MetricsApiState {
    const svc = this.cluster.store.peek(this.cluster.type('apiservices'), '', 'v1beta1.metrics.k8s.io');
    if (!svc) return 'absent';
    const pod = this.serverPod();
    return pod && isPodReady(pod) ? 'serving' : 'unavailable';
  }

  /** PodMetrics of the pods that have two points (pkg/storage podStorage.GetMetrics). */
  podMetrics(namespace: string | undefined, selector?: Selector): PodMetrics[] {
    const out: PodMetrics[] = [];
    for (const pod of this.cluster.store.scan(this.cluster.type('pods'), namespace)) {
      if (selector && !matches(selector, pod.metadata.labels)) continue;
      const m = this.metricsOfPod(pod);
      if (m) out.push(m);
    }
    return out;
  }

  metricsOfPod(pod: KubeObject): PodMetrics | undefined {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const last = this.podLast.get(key);
    const prev = this.podPrev.get(key);
    if (!last || !prev) return undefined;
    const containers: ContainerMetrics[] = [];
    let earliest: { t: number; window: number } | undefined;
    for (const [name, l] of last) {
      const p = prev.get(name);
      if (!p) return undefined;
      containers.push({ name, nanocores: rate(l, p), memory: l.memory });
      if (!earliest || earliest.t > l.t) earliest = { t: l.t, window: l.t - p.t };
    }
    return {
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      labels: pod.metadata.labels ?? {},
      timestamp: earliest?.t ?? 0,
      windowMs: earliest?.window ?? 0,
      containers,
    };
  }

  /** NodeMetrics of the nodes that have two points (pkg/storage nodeStorage.GetMetrics). */
  nodeMetrics(selector?: Selector): NodeMetrics[] {
    const out: NodeMetrics[] = [];
    for (const node of this.cluster.store.scan(this.cluster.type('nodes'))) {
      if (selector && !matches(selector, node.metadata.labels)) continue;
      const name = node.metadata.name ?? '';
      const last = this.nodeLast.get(name);
      const prev = this.nodePrev.get(name);
      if (!last || !prev) continue;
      out.push({
        name,
        labels: node.metadata.labels ?? {},
        timestamp: last.t,
        windowMs: last.t - prev.t,
        nanocores: rate(last, prev),
        memory: last.memory,
      });
    }
    return out;
  }
}

/** The metrics-server of a cluster, if it was installed. */
export function metricsServerOf(cluster: Cluster): MetricsServer | undefined {
  return cluster.components.get('metrics-server') as MetricsServer | undefined;
}

/** The Metrics API state of a cluster (absent when metrics-server was never installed). */
export function metricsApiState(cluster: Cluster): MetricsApiState {
  return metricsServerOf(cluster)?.state() ?? 'absent';
}

/**
 * The error of a request to the aggregated Metrics API that cannot be served: 404 without the
 * APIService, 503 while it is unavailable (client-go NewGenericServerResponse wording).
 */
export function metricsApiError(state: MetricsApiState, resource: 'pods' | 'nodes'): StatusError | undefined {
  if (state === 'absent')
    return new StatusError(
      404,
      'NotFound',
      `the server could not find the requested resource (get ${resource}.metrics.k8s.io)`,
      { group: 'metrics.k8s.io', kind: resource },
    );
  if (state === 'unavailable')
    return new StatusError(
      503,
      'ServiceUnavailable',
      `the server is currently unable to handle the request (get ${resource}.metrics.k8s.io)`,
      { group: 'metrics.k8s.io', kind: resource },
    );
  return undefined;
}

/**
 * What `kubectl apply -f components.yaml` (v0.7.2, with --kubelet-insecure-tls) does on kind:
 * creates the ServiceAccount, RBAC, Service, Deployment and APIService in the API server, and
 * attaches the metrics-server process that runs while its pod does. Time does not move here.
 */
export function installMetricsServer(cluster: Cluster): MetricsServer {
  let server = metricsServerOf(cluster);
  if (!server) {
    server = new MetricsServer(cluster);
    cluster.components.set('metrics-server', server);
  }
  for (const obj of metricsServerObjects()) {
    const type = cluster.store.typeOf(obj);
    if (cluster.store.peek(type, obj.metadata.namespace ?? '', obj.metadata.name ?? '')) continue;
    cluster.create(obj);
  }
  cluster.runtime.drain();
  return server;
}
