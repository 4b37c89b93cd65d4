// The HorizontalPodAutoscaler controller (kubernetes 1.32 pkg/controller/podautoscaler/
// horizontal.go): every 15s per HPA (--horizontal-pod-autoscaler-sync-period) it reads the
// target's scale subresource, computes replicas from Resource/ContainerResource metrics, applies
// min/max, the scale-up limit or behavior policies and the 300s downscale stabilization, writes
// spec.replicas and the HPA status, and records the controller's events and conditions.
import { formatQuantity, Quantity } from '../api/quantity.ts';
import { formatSelector, parseLabelSelector, type Selector, selectorFromObject } from '../api/selectors.ts';
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { MetricError, rawResourceReplicas, resourceReplicas } from '../metrics/replica-calculator.ts';
import type { Timer } from '../runtime.ts';
import { keyOf, splitKey } from './queue.ts';

export const HPA_SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 300_000;

// biome-ignore lint/suspicious/noExplicitAny: HPA specs and statuses are open JSON
type Json = any;

interface Recommendation {
  replicas: number;
  at: number;
}
interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}
interface Scale {
  type: ReturnType<Cluster['type']>;
  obj: KubeObject;
  specReplicas: number;
  statusReplicas: number;
  selector: string;
}

/** The kinds with a /scale subresource, by group and kind. */
const SCALABLE: Record<string, string> = {
  'apps/Deployment': 'deployments',
  'apps/ReplicaSet': 'replicasets',
  'apps/StatefulSet': 'statefulsets',
  '/ReplicationController': 'replicationcontrollers',
};

function setCondition(hpa: Json, type: string, status: string, reason: string, message: string, now: number) {
  const list: Json[] = (hpa.status.conditions ??= []);
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type };
    list.push(c);
  }
  if (c.status !== status) c.lastTransitionTime = rfc3339(now);
  c.status = status;
  c.reason = reason;
  c.message = message;
  // field order of HorizontalPodAutoscalerCondition
  const ordered = { type, status, lastTransitionTime: c.lastTransitionTime, reason, message };
  list[list.indexOf(c)] = ordered;
}

export function startHorizontalPodAutoscalerController(cluster: Cluster): void {
  const hpaType = cluster.type('horizontalpodautoscalers');
  const timers = new Map<string, Timer>();
  const recommendations = new Map<string, Recommendation[]>();
  const scaleUpEvents = new Map<string, ScaleEvent[]>();
  const scaleDownEvents = new Map<string, ScaleEvent[]>();
  const source = { component: 'horizontal-pod-autoscaler' };

  const schedule = (key: string) => {
    if (timers.has(key)) return;
    // AddRateLimited with the fixed resync interval; periodic, so it does not hold settling
    const timer = cluster.runtime.after(
      HPA_SYNC_PERIOD_MS,
      `hpa ${key}`,
      () => {
        timers.delete(key);
        const [ns, name] = splitKey(key);
        const hpa = cluster.store.peek(hpaType, ns, name);
        if (!hpa) return forget(key);
        reconcile(structuredClone(hpa), key);
        schedule(key);
      },
      false,
    );
    timers.set(key, timer);
  };

  const forget = (key: string) => {
    cluster.runtime.cancel(timers.get(key));
    timers.delete(key);
    recommendations.delete(key);
    scaleUpEvents.delete(key);
    scaleDownEvents.delete(key);
  };

  cluster.store.watch((event) => {
    if (event.resource !== hpaType) return;
    const key = keyOf(event.object.metadata.namespace, event.object.metadata.name);
    if (event.type === 'DELETED') forget(key);
    else schedule(key);
  });

  const event = (hpa: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) =>
    cluster.events.record({ object: hpa, type, reason, message, source });

  function getScale(hpa: Json): Scale | string {
    const ref = hpa.spec.scaleTargetRef ?? {};
    const apiVersion: string = ref.apiVersion ?? '';
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const known = cluster.registry.all().some((t) => t.group === group && t.kind === ref.kind);
    if (!known) return `no matches for kind "${ref.kind}" in group "${group}"`;
    const resource = SCALABLE[`${group}/${ref.kind}`];
    if (!resource) return 'the server could not find the requested resource';
    const type = cluster.type(resource);
    const obj = cluster.store.peek(type, hpa.metadata.namespace, ref.name);
    if (!obj) return `${group ? `${resource}.${group}` : resource} "${ref.name}" not found`;
    const sel = selectorFromObject(obj.spec?.selector);
    return {
      type,
      obj,
      specReplicas: obj.spec?.replicas ?? 1,
      statusReplicas: obj.status?.replicas ?? 0,
      selector: sel ? formatSelector(sel) : '',
    };
  }

  function updateStatusIfNeeded(original: Json, hpa: Json): void {
    if (JSON.stringify(original) === JSON.stringify(hpa.status)) return;
    cluster.store.mutate(
      hpaType,
      hpa.metadata.namespace,
      hpa.metadata.name,
      (o) => {
        o.status = hpa.status;
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }

  function setStatus(hpa: Json, current: number, desired: number, metrics: Json[] | null, rescale: boolean) {
    const status: Json = {};
    const lastScaleTime = rescale ? rfc3339(cluster.now()) : hpa.status.lastScaleTime;
    if (lastScaleTime) status.lastScaleTime = lastScaleTime;
    if (current) status.currentReplicas = current;
    status.desiredReplicas = desired;
    status.currentMetrics = metrics;
    if (hpa.status.conditions?.length) status.conditions = hpa.status.conditions;
    hpa.status = status;
  }

  /** computeStatusForResourceMetric / ContainerResource: one metric's proposal or failure. */
  function computeMetric(hpa: Json, spec: Json, specReplicas: number, selector: Selector) {
    const isContainer = spec.type === 'ContainerResource';
    if (spec.type !== 'Resource' && !isContainer) {
      const error = `unknown metric source type "${spec.type}"`;
      return { error, reason: 'InvalidMetricSourceType', inner: error };
    }
    const source = isContainer ? spec.containerResource : spec.resource;
    const name: string = source.name;
    const container: string = isContainer ? source.container : '';
    const target = source.target ?? {};
    const reason = isContainer ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
    const wrap = (inner: string) =>
      isContainer
        ? `failed to get ${container} container metric value: ${inner}`
        : `failed to get ${name} resource metric value: ${inner}`;
    try {
      if (target.averageValue != null) {
        const milli = Number(Quantity.parse(String(target.averageValue)).milliValue());
        let p: ReturnType<typeof rawResourceReplicas>;
        try {
          p = rawResourceReplicas(
            cluster,
            specReplicas,
            milli,
            name,
            hpa.metadata.namespace,
            selector,
            container,
          );
        } catch (e) {
          throw new MetricError(`failed to get ${name} usage: ${(e as Error).message}`);
        }
        const current = { averageValue: formatQuantity(BigInt(p.raw) * 1_000_000n) };
        return { replicas: p.replicas, metric: `${name} resource`, status: statusOf(spec, source, current) };
      }
      if (target.averageUtilization == null)
        throw new MetricError(
          'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set',
        );
      let p: ReturnType<typeof resourceReplicas>;
      try {
        p = resourceReplicas(
          cluster,
          specReplicas,
          target.averageUtilization,
          name,
          hpa.metadata.namespace,
          selector,
          container,
        );
      } catch (e) {
        throw new MetricError(`failed to get ${name} utilization: ${(e as Error).message}`);
      }
      const current = {
        averageUtilization: p.utilization,
        averageValue: formatQuantity(BigInt(p.raw) * 1_000_000n),
      };
      const metric = isContainer
        ? `${name} container resource utilization (percentage of request)`
        : `${name} resource utilization (percentage of request)`;
      return { replicas: p.replicas, metric, status: statusOf(spec, source, current) };
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      // getUnableComputeReplicaCountCondition records the event as it builds the condition
      event(hpa, 'Warning', reason, e.message);
      return { error: wrap(e.message), reason, inner: e.message };
    }
  }

  function statusOf(spec: Json, source: Json, current: Json): Json {
    if (spec.type === 'ContainerResource')
      return {
        type: 'ContainerResource',
        containerResource: { name: source.name, container: source.container, current },
      };
    return { type: 'Resource', resource: { name: source.name, current } };
  }

  /** computeReplicasForMetrics: the largest proposal, or -1 when the metrics do not allow one. */
  function computeReplicas(hpa: Json, scale: Scale) {
    const now = cluster.now();
    if (!scale.selector) {
      event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      setCondition(
        hpa,
        'ScalingActive',
        'False',
        'InvalidSelector',
        "the HPA target's scale is missing a selector",
        now,
      );
      return { replicas: -1, metric: '', statuses: null, error: 'selector is required' };
    }
    const selector = parseLabelSelector(scale.selector);
    const specs: Json[] = hpa.spec.metrics ?? [];
    const statuses: Json[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError = '';
    let firstCondition: { reason: string; message: string } | undefined;
    specs.forEach((spec, i) => {
      const r = computeMetric(hpa, spec, scale.specReplicas, selector);
      if ('error' in r) {
        if (invalid === 0) {
          firstError = r.error ?? '';
          firstCondition = {
            reason: r.reason ?? '',
            message: `the HPA was unable to compute the replica count: ${r.inner}`,
          };
        }
        invalid++;
        return;
      }
      statuses[i] = r.status;
      if (replicas === 0 || r.replicas > replicas) {
        replicas = r.replicas;
        metric = r.metric;
      }
    });
    const error =
      invalid > 0
        ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}`
        : '';
    if (invalid >= specs.length || (invalid > 0 && replicas < scale.specReplicas)) {
      if (firstCondition)
        setCondition(hpa, 'ScalingActive', 'False', firstCondition.reason, firstCondition.message, now);
      return { replicas: -1, metric: '', statuses, error };
    }
    setCondition(
      hpa,
      'ScalingActive',
      'True',
      'ValidMetricFound',
      `the HPA was able to successfully calculate a replica count from ${metric}`,
      now,
    );
    return { replicas, metric, statuses, error };
  }

  function reconcile(hpa: Json, key: string): void {
    const now = cluster.now();
    hpa.status ??= {};
    const original = structuredClone(hpa.status);
    const scale = getScale(hpa);
    if (typeof scale === 'string') {
      event(hpa, 'Warning', 'FailedGetScale', scale);
      setCondition(
        hpa,
        'AbleToScale',
        'False',
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${scale}`,
        now,
      );
      updateStatusIfNeeded(original, hpa);
      return;
    }
    setCondition(
      hpa,
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
      now,
    );
    const current = scale.specReplicas;
    if (!recommendations.has(key)) recommendations.set(key, [{ replicas: current, at: now }]);
    const minReplicas: number = hpa.spec.minReplicas ?? 1;
    const maxReplicas: number = hpa.spec.maxReplicas;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let statuses: Json[] | null = null;
    if (current === 0 && minReplicas !== 0) {
      rescale = false;
      setCondition(
        hpa,
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
        now,
      );
    } else if (current > maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = maxReplicas;
    } else if (current < minReplicas) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = minReplicas;
    } else {
      const computed = computeReplicas(hpa, scale);
      statuses = computed.statuses;
      if (computed.replicas === -1) {
        setStatus(hpa, current, hpa.status.desiredReplicas ?? 0, statuses, false);
        updateStatusIfNeeded(original, hpa);
        event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        return;
      }
      let metricName = '';
      if (computed.replicas > desired) {
        desired = computed.replicas;
        metricName = computed.metric;
      }
      if (desired > current) reason = `${metricName} above target`;
      if (desired < current) reason = 'All metrics below target';
      desired = hpa.spec.behavior
        ? normalizeWithBehaviors(hpa, key, current, desired, minReplicas)
        : normalize(hpa, key, current, desired, minReplicas);
      rescale = desired !== current;
    }
    if (rescale) {
      cluster.store.mutate(
        scale.type,
        hpa.metadata.namespace,
        scale.obj.metadata.name ?? '',
        (o) => {
          o.spec.replicas = desired;
        },
        { manager: 'kube-controller-manager' },
      );
      setCondition(
        hpa,
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
        now,
      );
      event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      storeScaleEvent(hpa.spec.behavior, key, current, desired);
    } else {
      desired = current;
    }
    setStatus(hpa, current, desired, statuses, rescale);
    updateStatusIfNeeded(original, hpa);
  }

  /** normalizeDesiredReplicas: the downscale window, then min/max and max(2x, 4) per sync. */
  function normalize(hpa: Json, key: string, current: number, proposed: number, min: number): number {
    const now = cluster.now();
    const recs = recommendations.get(key) ?? [];
    const cutoff = now - DOWNSCALE_STABILIZATION_MS;
    let stabilized = proposed;
    let oldIndex = -1;
    recs.forEach((r, i) => {
      if (r.at < cutoff) oldIndex = i;
      else if (r.replicas > stabilized) stabilized = r.replicas;
    });
    if (oldIndex >= 0) recs[oldIndex] = { replicas: proposed, at: now };
    else recs.push({ replicas: proposed, at: now });
    recommendations.set(key, recs);
    if (stabilized !== proposed)
      setCondition(
        hpa,
        'AbleToScale',
        'True',
        'ScaleDownStabilized',
        'recent recommendations were higher than current one, applying the highest recent recommendation',
        now,
      );
    else
      setCondition(
        hpa,
        'AbleToScale',
        'True',
        'ReadyForNewScale',
        'recommended size matches current size',
        now,
      );

    const scaleUpLimit = Math.trunc(Math.max(2 * current, 4));
    let max: number;
    let limitReason: string;
    let limitMessage: string;
    if (hpa.spec.maxReplicas > scaleUpLimit) {
      max = scaleUpLimit;
      limitReason = 'ScaleUpLimit';
      limitMessage = 'the desired replica count is increasing faster than the maximum scale rate';
    } else {
      max = hpa.spec.maxReplicas;
      limitReason = 'TooManyReplicas';
      limitMessage = 'the desired replica count is more than the maximum replica count';
    }
    let desired = stabilized;
    let reason = 'DesiredWithinRange';
    let message = 'the desired count is within the acceptable range';
    if (stabilized < min) {
      desired = min;
      reason = 'TooFewReplicas';
      message = 'the desired replica count is less than the minimum replica count';
    } else if (stabilized > max) {
      desired = max;
      reason = limitReason;
      message = limitMessage;
    }
    setCondition(hpa, 'ScalingLimited', desired === stabilized ? 'False' : 'True', reason, message, now);
    return desired;
  }

  function changeInPeriod(periodSeconds: number, events: ScaleEvent[]): number {
    const cutoff = cluster.now() - periodSeconds * 1000;
    return events.filter((e) => e.at > cutoff).reduce((sum, e) => sum + e.change, 0);
  }

  function limitWithRules(
    current: number,
    up: ScaleEvent[],
    down: ScaleEvent[],
    rules: Json,
    scaleUp: boolean,
  ) {
    if (rules.selectPolicy === 'Disabled') return current;
    const minChange = rules.selectPolicy === 'Min';
    const pick = scaleUp === minChange ? Math.min : Math.max;
    let result = scaleUp === minChange ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    for (const policy of rules.policies ?? []) {
      const start =
        current - changeInPeriod(policy.periodSeconds, up) + changeInPeriod(policy.periodSeconds, down);
      let proposed: number;
      if (scaleUp)
        proposed =
          policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
      else
        proposed =
          policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** normalizeDesiredReplicasWithBehaviors: stabilization windows, then the policies' rate. */
  function normalizeWithBehaviors(
    hpa: Json,
    key: string,
    current: number,
    proposed: number,
    min: number,
  ): number {
    const now = cluster.now();
    const behavior = hpa.spec.behavior;
    const upWindow = (behavior.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000;
    const downWindow =
      (behavior.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_MS / 1000) * 1000;
    const recs = recommendations.get(key) ?? [];
    let upRec = proposed;
    let downRec = proposed;
    let oldIndex = -1;
    recs.forEach((r, i) => {
      if (r.at > now - upWindow) upRec = Math.min(r.replicas, upRec);
      if (r.at > now - downWindow) downRec = Math.max(r.replicas, downRec);
      if (r.at < now - upWindow && r.at < now - downWindow) oldIndex = i;
    });
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    if (oldIndex >= 0) recs[oldIndex] = { replicas: proposed, at: now };
    else recs.push({ replicas: proposed, at: now });
    recommendations.set(key, recs);
    if (stabilized !== proposed) {
      if (proposed >= current)
        setCondition(
          hpa,
          'AbleToScale',
          'True',
          'ScaleUpStabilized',
          'recent recommendations were lower than current one, applying the lowest recent recommendation',
          now,
        );
      else
        setCondition(
          hpa,
          'AbleToScale',
          'True',
          'ScaleDownStabilized',
          'recent recommendations were higher than current one, applying the highest recent recommendation',
          now,
        );
    } else
      setCondition(
        hpa,
        'AbleToScale',
        'True',
        'ReadyForNewScale',
        'recommended size matches current size',
        now,
      );

    const up = scaleUpEvents.get(key) ?? [];
    const down = scaleDownEvents.get(key) ?? [];
    let desired = stabilized;
    let reason = 'DesiredWithinRange';
    let message = 'the desired count is within the acceptable range';
    if (stabilized > current) {
      const limit = Math.max(limitWithRules(current, up, down, behavior.scaleUp, true), current);
      let allowed = hpa.spec.maxReplicas;
      let r = 'TooManyReplicas';
      let m = 'the desired replica count is more than the maximum replica count';
      if (allowed > limit) {
        allowed = limit;
        r = 'ScaleUpLimit';
        m = 'the desired replica count is increasing faster than the maximum scale rate';
      }
      if (stabilized > allowed) [desired, reason, message] = [allowed, r, m];
    } else if (stabilized < current) {
      const limit = Math.min(limitWithRules(current, up, down, behavior.scaleDown, false), current);
      let allowed = min;
      let r = 'TooFewReplicas';
      let m = 'the desired replica count is less than the minimum replica count';
      if (allowed < limit) {
        allowed = limit;
        r = 'ScaleDownLimit';
        m = 'the desired replica count is decreasing faster than the maximum scale rate';
      }
      if (stabilized < allowed) [desired, reason, message] = [allowed, r, m];
    }
    setCondition(hpa, 'ScalingLimited', desired === stabilized ? 'False' : 'True', reason, message, now);
    return desired;
  }

  function storeScaleEvent(behavior: Json, key: string, previous: number, next: number): void {
    if (!behavior) return;
    const now = cluster.now();
    const scaleUp = next > previous;
    const rules = scaleUp ? behavior.scaleUp : behavior.scaleDown;
    const longest = Math.max(0, ...(rules?.policies ?? []).map((p: Json) => p.periodSeconds));
    const map = scaleUp ? scaleUpEvents : scaleDownEvents;
    const events = map.get(key) ?? [];
    let oldIndex = -1;
    events.forEach((e, i) => {
      if (e.at < now - longest * 1000) e.outdated = true;
      if (e.outdated) oldIndex = i;
    });
    const entry = { change: Math.abs(next - previous), at: now, outdated: false };
    if (oldIndex >= 0) events[oldIndex] = entry;
    else events.push(entry);
    map.set(key, events);
  }

  // HPAs that exist already (none on a fresh cluster) get their first sync too
  for (const hpa of cluster.store.scan(hpaType)) schedule(keyOf(hpa.metadata.namespace, hpa.metadata.name));
}
