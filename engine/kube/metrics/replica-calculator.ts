// The HPA's resource metrics client and replica calculator (kubernetes 1.32
// pkg/controller/podautoscaler/metrics/client.go resourceMetricsClient, utilization.go, and
// replica_calculator.go GetResourceReplicas / GetRawResourceReplicas / groupPods): pod usage in
// milli-units from metrics.k8s.io, unready/missing pods, the 0.1 tolerance, and the error texts.
import { Quantity } from '../api/quantity.ts';
import { matches, type Selector } from '../api/selectors.ts';
import { type KubeObject, parseTime } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { condition } from '../workloads/pods.ts';
import { metricsApiError, metricsApiState, metricsServerOf, milliOfNanos } from './server.ts';

/** kube-controller-manager defaults (--horizontal-pod-autoscaler-*). */
export const HPA_TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60 * 1000;
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30 * 1000;

interface PodMetric {
  timestamp: number;
  windowMs: number;
  value: number;
}

/** An error whose message is what the controller puts in events and conditions. */
export class MetricError extends Error {}

/** resourceMetricsClient.GetResourceMetric: milli-values per pod name. */
function getResourceMetric(
  cluster: Cluster,
  resource: string,
  namespace: string,
  selector: Selector,
  container: string,
): Map<string, PodMetric> {
  const apiError = metricsApiError(metricsApiState(cluster), 'pods');
  if (apiError)
    throw new MetricError(`unable to fetch metrics from resource metrics API: ${apiError.message}`);
  const items = metricsServerOf(cluster)?.podMetrics(namespace, selector) ?? [];
  if (items.length === 0) throw new MetricError('no metrics returned from resource metrics API');
  const out = new Map<string, PodMetric>();
  for (const m of items) {
    const value = (c: { nanocores: number; memory: number }) =>
      resource === 'cpu' ? milliOfNanos(c.nanocores) : c.memory * 1000;
    const base = { timestamp: m.timestamp, windowMs: m.windowMs };
    if (container) {
      const c = m.containers.find((x) => x.name === container);
      if (!c)
        throw new MetricError(
          `container ${container} not present in metrics for pod ${m.namespace}/${m.name}`,
        );
      out.set(m.name, { ...base, value: value(c) });
    } else if (m.containers.length > 0) {
      out.set(m.name, { ...base, value: m.containers.reduce((sum, c) => sum + value(c), 0) });
    }
  }
  return out;
}

interface Groups {
  ready: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** groupPods: deleted/failed pods are ignored, pending and (for cpu) not-yet-ready ones unready. */
function groupPods(
  pods: KubeObject[],
  metrics: Map<string, PodMetric>,
  resource: string,
  now: number,
): Groups {
  const g: Groups = { ready: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const phase = pod.status?.phase;
    if (pod.metadata.deletionTimestamp || phase === 'Failed') {
      g.ignored.add(name);
      continue;
    }
    if (phase === 'Pending') {
      g.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      g.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const ready = condition(pod, 'Ready');
      const start = parseTime(pod.status?.startTime);
      let unready: boolean;
      if (!ready || Number.isNaN(start)) unready = true;
      else {
        const transition = parseTime(ready.lastTransitionTime);
        if (start + CPU_INITIALIZATION_PERIOD_MS > now)
          unready = ready.status === 'False' || metric.timestamp < transition + metric.windowMs;
        else unready = ready.status === 'False' && start + DELAY_OF_INITIAL_READINESS_STATUS_MS > transition;
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.ready++;
  }
  return g;
}

/** calculatePodRequests: the milli-value of the pods' requests (restartable init containers too). */
function podRequests(pods: KubeObject[], container: string, resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    const containers = [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []).filter(
        (c: { restartPolicy?: string }) => c.restartPolicy === 'Always',
      ),
    ];
    let sum = 0;
    for (const c of containers) {
      if (container && c.name !== container) continue;
      const request = c.resources?.requests?.[resource];
      if (request === undefined)
        throw new MetricError(
          `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`,
        );
      sum += Number(Quantity.parse(request).milliValue());
    }
    out.set(pod.metadata.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio: integer utilization percent of the summed requests. */
function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, raw: Math.trunc(metricsTotal / entries) };
}

/** GetMetricUsageRatio: average usage over target. */
function usageRatio(metrics: Map<string, PodMetric>, target: number) {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

const withinTolerance = (ratio: number) => Math.abs(1 - ratio) <= HPA_TOLERANCE;

export interface Proposal {
  replicas: number;
  /** Average utilization percent (Utilization targets). */
  utilization?: number;
  /** Average raw usage, milli-units. */
  raw: number;
}

function selectPods(cluster: Cluster, namespace: string, selector: Selector): KubeObject[] {
  return cluster.store
    .scan(cluster.type('pods'), namespace)
    .filter((p) => matches(selector, p.metadata.labels));
}

/**
 * The shared tail of GetResourceReplicas and calcPlainMetricReplicas: treat missing and unready
 * pods pessimistically, re-run the ratio, and refuse a change of direction.
 */
function adjust(
  current: number,
  metrics: Map<string, PodMetric>,
  g: Groups,
  ratio: number,
  missingDown: (name: string) => number,
  recompute: () => number,
): number {
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (withinTolerance(ratio)) return current;
    return Math.ceil(ratio * g.ready);
  }
  const zero = { timestamp: 0, windowMs: 0, value: 0 };
  if (g.missing.size > 0) {
    for (const name of g.missing) {
      if (ratio < 1) metrics.set(name, { ...zero, value: missingDown(name) });
      else if (ratio > 1) metrics.set(name, zero);
    }
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, zero);
  const next = recompute();
  if (withinTolerance(next) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1)) return current;
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current)) return current;
  return replicas;
}

/** GetResourceReplicas for a Utilization target (percent of request). */
export function resourceReplicas(
  cluster: Cluster,
  current: number,
  target: number,
  resource: string,
  namespace: string,
  selector: Selector,
  container: string,
): Proposal {
  let metrics: Map<string, PodMetric>;
  try {
    metrics = getResourceMetric(cluster, resource, namespace, selector, container);
  } catch (e) {
    throw new MetricError(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
  }
  const pods = selectPods(cluster, namespace, selector);
  if (pods.length === 0)
    throw new MetricError('no pods returned by selector while calculating replica count');
  const g = groupPods(pods, metrics, resource, cluster.now());
  for (const name of [...g.ignored, ...g.unready]) metrics.delete(name);
  if (metrics.size === 0)
    throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const requests = podRequests(pods, container, resource);
  const first = utilizationRatio(metrics, requests, target);
  const fallback = Math.max(100, target);
  const replicas = adjust(
    current,
    metrics,
    g,
    first.ratio,
    (name) => Math.trunc(((requests.get(name) ?? 0) * fallback) / 100),
    () => utilizationRatio(metrics, requests, target).ratio,
  );
  return { replicas, utilization: first.utilization, raw: first.raw };
}

/** GetRawResourceReplicas for an AverageValue target (milli-units per pod). */
export function rawResourceReplicas(
  cluster: Cluster,
  current: number,
  target: number,
  resource: string,
  namespace: string,
  selector: Selector,
  container: string,
): Proposal {
  let metrics: Map<string, PodMetric>;
  try {
    metrics = getResourceMetric(cluster, resource, namespace, selector, container);
  } catch (e) {
    throw new MetricError(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
  }
  const pods = selectPods(cluster, namespace, selector);
  if (pods.length === 0)
    throw new MetricError('no pods returned by selector while calculating replica count');
  const g = groupPods(pods, metrics, resource, cluster.now());
  for (const name of [...g.ignored, ...g.unready]) metrics.delete(name);
  if (metrics.size === 0)
    throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const first = usageRatio(metrics, target);
  const replicas = adjust(
    current,
    metrics,
    g,
    first.ratio,
    () => target,
    () => usageRatio(metrics, target).ratio,
  );
  return { replicas, raw: first.usage };
}
