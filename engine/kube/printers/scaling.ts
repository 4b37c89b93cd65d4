// HorizontalPodAutoscaler and PodDisruptionBudget rows (printHorizontalPodAutoscaler with
// formatHPAMetrics, printPodDisruptionBudget in kubernetes
// pkg/printers/internalversion/printers.go, 1.32). HPAs are read in the autoscaling/v2 shape.
// biome-ignore-all lint/suspicious/noExplicitAny: metric specs are open JSON

import { translateTimestampSince } from '../api/duration.ts';
import { canonicalQuantity } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { int, intOrString, str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

/** (*resource.Quantity).String(): "<nil>" for a missing pointer. */
function quantity(value: unknown): string {
  if (value === undefined || value === null) return '<nil>';
  return canonicalQuantity(String(value));
}

function percent(value: unknown): string {
  return `${int(value)}%`;
}

/** One metric as "current/target"; `status` is the currentMetrics entry at the same index. */
function formatMetric(spec: any, status: any): string {
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = spec[key]?.target ?? {};
      const current = status?.[key];
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const now =
          current?.current?.averageValue != null ? quantity(current.current.averageValue) : '<unknown>';
        return `${now}/${quantity(target.averageValue)} (avg)`;
      }
      const now = current ? quantity(current.current?.value) : '<unknown>';
      return `${now}/${quantity(target.value)}`;
    }
    case 'Pods': {
      const now = status?.pods ? quantity(status.pods.current?.averageValue) : '<unknown>';
      return `${now}/${quantity(spec.pods?.target?.averageValue)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const source = spec[key] ?? {};
      const target = source.target ?? {};
      const current = status?.[key];
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const now = current ? quantity(current.current?.averageValue) : '<unknown>';
        return `${str(source.name)}: ${now}/${quantity(target.averageValue)}`;
      }
      const utilization = current?.current?.averageUtilization;
      const now = utilization !== undefined && utilization !== null ? percent(utilization) : '<unknown>';
      const goal =
        target.averageUtilization !== undefined && target.averageUtilization !== null
          ? percent(target.averageUtilization)
          : '<auto>';
      return `${str(source.name)}: ${now}/${goal}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: the first two metrics, then " + N more...". */
export function formatHPAMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses?.[i]));
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

const hpaColumns = [
  nameColumn(),
  column('Reference', 'string'),
  column('Targets', 'string'),
  column('MinPods', 'string'),
  column('MaxPods', 'string'),
  column('Replicas', 'string'),
  ageColumn(),
];

function printHorizontalPodAutoscaler(hpa: KubeObject, ctx: PrintContext): Cell[] {
  const spec = hpa.spec ?? {};
  const ref = spec.scaleTargetRef ?? {};
  const minPods = typeof spec.minReplicas === 'number' ? String(int(spec.minReplicas)) : '<unset>';
  return [
    str(hpa.metadata.name),
    `${str(ref.kind)}/${str(ref.name)}`,
    formatHPAMetrics(spec.metrics, hpa.status?.currentMetrics),
    minPods,
    int(spec.maxReplicas),
    int(hpa.status?.currentReplicas),
    translateTimestampSince(hpa.metadata.creationTimestamp, ctx.now),
  ];
}

const pdbColumns = [
  nameColumn(),
  column('Min Available', 'string', { description: 'The minimum number of pods that must be available.' }),
  column('Max Unavailable', 'string', { description: 'The maximum number of pods that may be unavailable.' }),
  column('Allowed Disruptions', 'integer', {
    description: 'Calculated number of pods that may be disrupted at this time.',
  }),
  ageColumn(),
];

function printPodDisruptionBudget(pdb: KubeObject, ctx: PrintContext): Cell[] {
  const spec = pdb.spec ?? {};
  const orNA = (value: unknown) => (value === undefined || value === null ? 'N/A' : intOrString(value));
  return [
    str(pdb.metadata.name),
    orNA(spec.minAvailable),
    orNA(spec.maxUnavailable),
    int(pdb.status?.disruptionsAllowed),
    translateTimestampSince(pdb.metadata.creationTimestamp, ctx.now),
  ];
}

export const scalingPrinters: Record<string, KindPrinter> = {
  HorizontalPodAutoscaler: { columns: hpaColumns, row: printHorizontalPodAutoscaler },
  PodDisruptionBudget: { columns: pdbColumns, row: printPodDisruptionBudget },
};
