// `kubectl describe hpa`: kubectl reads autoscaling/v2 and prints each metric as
// "current / target", the replica bounds, scaling behavior and conditions.
// Follows describeHorizontalPodAutoscalerV2 / printDirectionBehavior in pkg/describe/describe.go.

import { quantityOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import { type Json, printAnnotationsMultiline, printLabelsMultiline } from './format.ts';
import { goQuote, int, str } from './gofmt.ts';
import { formatRFC1123Z, parseGoTime } from './time.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter, tabbedString } from './writer.ts';

export interface AutoscalingContext extends EventContext {
  showEvents: boolean;
}

/** (*Quantity).String(): "<nil>" for an absent quantity. */
function qty(v: unknown): string {
  return v === undefined || v === null ? '<nil>' : String(quantityOf(v));
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** An autoscaling/v1 object in the v2 shape kubectl would have fetched. */
function asV2(hpa: KubeObject): Json {
  if (hpa.apiVersion !== 'autoscaling/v1') return hpa;
  const spec: Json = hpa.spec ?? {};
  const status: Json = hpa.status ?? {};
  const v2: Json = structuredClone(hpa);
  v2.spec = {
    scaleTargetRef: spec.scaleTargetRef,
    minReplicas: spec.minReplicas,
    maxReplicas: spec.maxReplicas,
    metrics: isSet(spec.targetCPUUtilizationPercentage)
      ? [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage },
            },
          },
        ]
      : [],
  };
  v2.status = {
    currentReplicas: status.currentReplicas,
    desiredReplicas: status.desiredReplicas,
    currentMetrics: isSet(status.currentCPUUtilizationPercentage)
      ? [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              current: { averageUtilization: status.currentCPUUtilizationPercentage },
            },
          },
        ]
      : [],
  };
  return v2;
}

function describeMetric(metric: Json, current: Json, w: PrefixWriter): void {
  switch (metric.type) {
    case 'External': {
      const m = metric.external ?? {};
      if (isSet(m.target?.averageValue)) {
        const cur = isSet(current?.external?.current?.averageValue)
          ? qty(current.external.current.averageValue)
          : '<unknown>';
        w.write(
          LEVEL_1,
          `${goQuote(str(m.metric?.name))} (target average value):\t${cur} / ${qty(m.target.averageValue)}\n`,
        );
      } else {
        const cur = current?.external ? qty(current.external.current?.value) : '<unknown>';
        w.write(
          LEVEL_1,
          `${goQuote(str(m.metric?.name))} (target value):\t${cur} / ${qty(m.target?.value)}\n`,
        );
      }
      return;
    }
    case 'Pods': {
      const m = metric.pods ?? {};
      const cur = current?.pods ? qty(current.pods.current?.averageValue) : '<unknown>';
      w.write(LEVEL_1, `${goQuote(str(m.metric?.name))} on pods:\t${cur} / ${qty(m.target?.averageValue)}\n`);
      return;
    }
    case 'Object': {
      const m = metric.object ?? {};
      w.write(
        LEVEL_1,
        `"${str(m.metric?.name)}" on ${str(m.describedObject?.kind)}/${str(m.describedObject?.name)} `,
      );
      if (m.target?.type === 'AverageValue') {
        const cur = current?.object ? qty(current.object.current?.averageValue) : '<unknown>';
        w.write(LEVEL_0, `(target average value):\t${cur} / ${qty(m.target.averageValue)}\n`);
      } else {
        const cur = current?.object ? qty(current.object.current?.value) : '<unknown>';
        w.write(LEVEL_0, `(target value):\t${cur} / ${qty(m.target?.value)}\n`);
      }
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const container = metric.type === 'ContainerResource';
      const m = (container ? metric.containerResource : metric.resource) ?? {};
      const cm = container ? current?.containerResource : current?.resource;
      if (container) w.write(LEVEL_1, `resource ${str(m.name)} of container "${str(m.container)}" on pods`);
      else w.write(LEVEL_1, `resource ${str(m.name)} on pods`);
      if (isSet(m.target?.averageValue)) {
        const cur = cm ? qty(cm.current?.averageValue) : '<unknown>';
        w.write(LEVEL_0, `:\t${cur} / ${qty(m.target.averageValue)}\n`);
      } else {
        const cur =
          cm && isSet(cm.current?.averageUtilization)
            ? `${int(cm.current.averageUtilization)}% (${qty(cm.current.averageValue)})`
            : '<unknown>';
        const target = isSet(m.target?.averageUtilization)
          ? `${int(m.target.averageUtilization)}%`
          : '<auto>';
        w.write(LEVEL_1, `(as a percentage of request):\t${cur} / ${target}\n`);
      }
      return;
    }
    default:
      w.write(LEVEL_1, `<unknown metric type ${goQuote(str(metric.type))}>\n`);
  }
}

function describeBehavior(w: PrefixWriter, direction: string, rules: Json): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (isSet(rules.stabilizationWindowSeconds)) {
    w.write(LEVEL_2, `Stabilization Window: ${int(rules.stabilizationWindowSeconds)} seconds\n`);
  }
  const policies: Json[] = rules.policies ?? [];
  if (policies.length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of policies) {
      w.write(
        LEVEL_3,
        `- Type: ${str(p.type)}\tValue: ${int(p.value)}\tPeriod: ${int(p.periodSeconds)} seconds\n`,
      );
    }
  }
}

export function describeHorizontalPodAutoscaler(obj: KubeObject, ctx: AutoscalingContext): string {
  const hpa = asV2(obj);
  const events = ctx.showEvents ? searchEvents(ctx, refOf(obj)) : null;
  const spec: Json = hpa.spec ?? {};
  const status: Json = hpa.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(hpa.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(hpa.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(parseGoTime(hpa.metadata.creationTimestamp))}\n`);
    w.write(LEVEL_0, `Reference:\t${str(spec.scaleTargetRef?.kind)}/${str(spec.scaleTargetRef?.name)}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    const currentMetrics: Json[] = status.currentMetrics ?? [];
    (spec.metrics ?? []).forEach((metric: Json, i: number) => {
      describeMetric(metric, currentMetrics[i], w);
    });
    w.write(LEVEL_0, `Min replicas:\t${isSet(spec.minReplicas) ? int(spec.minReplicas) : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${int(spec.maxReplicas)}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      describeBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      describeBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${str(spec.scaleTargetRef?.kind)} pods:\t`);
    w.write(LEVEL_0, `${int(status.currentReplicas)} current / ${int(status.desiredReplicas)} desired\n`);
    const conditions: Json[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${str(c.reason)}\t${str(c.message)}\n`);
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}
