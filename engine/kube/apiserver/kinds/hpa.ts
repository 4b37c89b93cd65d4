// The HorizontalPodAutoscaler strategy (autoscaling/v2 storage): autoscaling/v1 fields converted,
// SetDefaults_HorizontalPodAutoscaler (pkg/apis/autoscaling/v2/defaults.go: minReplicas 1, the 80%
// CPU metric, behavior policies), status reset, and pkg/apis/autoscaling/validation checks.
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { decodeQuantity } from './decode.ts';
import { child, forbidden, goQuote, index, invalid, notSupported, required } from './field.ts';
import { type Json, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain, validatePathSegmentName } from './names.ts';
import { q } from './resources.ts';

const SOURCE_FIELDS: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

const SCALE_UP_DEFAULT = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN_DEFAULT = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** Convert_v1 fields of an autoscaling/v1 manifest into the v2 spec the store keeps. */
function convertV1(spec: Json): void {
  if (!('targetCPUUtilizationPercentage' in spec)) return;
  const target = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (target != null && !(spec.metrics ?? []).length) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
      },
    ];
  }
}

function rules(given: Json, defaults: Json): Json {
  const out = structuredClone(defaults);
  if (!given) return out;
  for (const f of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance'])
    if (given[f] != null) out[f] = given[f];
  return out;
}

function defaultHPA(hpa: Json): void {
  const spec = (hpa.spec ??= {});
  convertV1(spec);
  // The store keeps autoscaling/v2 (the storage version) whatever version the request used.
  hpa.apiVersion = 'autoscaling/v2';
  spec.minReplicas ??= 1;
  if (!(spec.metrics ?? []).length) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = rules(spec.behavior.scaleUp, SCALE_UP_DEFAULT);
    spec.behavior.scaleDown = rules(spec.behavior.scaleDown, SCALE_DOWN_DEFAULT);
  }
  for (const m of spec.metrics) {
    const target = m[SOURCE_FIELDS[m.type]]?.target;
    for (const f of ['value', 'averageValue'])
      if (target?.[f] !== undefined) target[f] = decodeQuantity(hpa, target[f]);
  }
}

/** validateMetricTarget. */
function validateTarget(t: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!t?.type) errs.push(required(child(path, 'type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(t?.type)) {
    errs.push(
      invalid(
        child(path, 'type'),
        goQuote(String(t?.type ?? '')),
        'must be either Utilization, Value, or AverageValue',
      ),
    );
  }
  for (const f of ['value', 'averageValue']) {
    if (t?.[f] !== undefined && q(t[f]).nanos <= 0n)
      errs.push(invalid(child(path, f), goQuote(q(t[f]).canonical), 'must be positive'));
  }
  if (t?.averageUtilization != null && t.averageUtilization < 1) {
    errs.push(
      invalid(child(path, 'averageUtilization'), String(t.averageUtilization), 'must be greater than 0'),
    );
  }
  return errs;
}

/** validateMetricSpec. */
function validateMetric(m: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!m.type) errs.push(required(child(path, 'type'), 'must specify a metric source type'));
  else if (!(m.type in SOURCE_FIELDS))
    errs.push(
      notSupported(child(path, 'type'), goQuote(m.type), [
        'ContainerResource',
        'External',
        'Object',
        'Pods',
        'Resource',
      ]),
    );
  const expected = SOURCE_FIELDS[m.type];
  for (const [type, f] of Object.entries(SOURCE_FIELDS)) {
    if (m[f] && f !== expected)
      errs.push(
        forbidden(
          child(path, f),
          `must populate information for the given metric source (only allowed when type == ${type})`,
        ),
      );
  }
  if (!expected) return errs;
  const src = m[expected];
  if (!src)
    return [
      ...errs,
      required(child(path, expected), 'must populate information for the given metric source'),
    ];
  const sp = child(path, expected);
  if (expected === 'resource' || expected === 'containerResource') {
    if (!src.name) errs.push(required(child(sp, 'name'), 'must specify a resource name'));
    if (expected === 'containerResource' && !src.container)
      errs.push(required(child(sp, 'container'), 'must specify a container'));
  } else if (!src.metric?.name) {
    errs.push(required(child(sp, 'metric', 'name'), 'must specify a metric name'));
  }
  if (src.metric?.selector)
    errs.push(...validateLabelSelector(src.metric.selector, child(sp, 'metric', 'selector')));
  errs.push(...validateTarget(src.target, child(sp, 'target')));
  return errs;
}

function validateHPASpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.minReplicas != null && spec.minReplicas < 1)
    errs.push(invalid('spec.minReplicas', String(spec.minReplicas), 'must be greater than or equal to 1'));
  const max = spec.maxReplicas ?? 0;
  if (max < 1) errs.push(invalid('spec.maxReplicas', String(max), 'must be greater than 0'));
  if (spec.minReplicas != null && max < spec.minReplicas)
    errs.push(invalid('spec.maxReplicas', String(max), 'must be greater than or equal to `minReplicas`'));
  const ref = spec.scaleTargetRef ?? {};
  for (const f of ['kind', 'name']) {
    const p = child('spec.scaleTargetRef', f);
    if (!ref[f]) errs.push(required(p));
    else
      for (const msg of validatePathSegmentName(ref[f], false)) errs.push(invalid(p, goQuote(ref[f]), msg));
  }
  (spec.metrics ?? []).forEach((m: Json, i: number) => {
    errs.push(...validateMetric(m, index('spec.metrics', i)));
  });
  for (const dir of ['scaleUp', 'scaleDown']) {
    const r = spec.behavior?.[dir];
    if (!r) continue;
    const p = child('spec.behavior', dir);
    if (
      r.stabilizationWindowSeconds != null &&
      (r.stabilizationWindowSeconds < 0 || r.stabilizationWindowSeconds > 3600)
    ) {
      errs.push(
        invalid(
          child(p, 'stabilizationWindowSeconds'),
          String(r.stabilizationWindowSeconds),
          'must be less than or equal to 3600',
        ),
      );
    }
    if (!['Max', 'Min', 'Disabled'].includes(r.selectPolicy)) {
      errs.push(
        notSupported(child(p, 'selectPolicy'), goQuote(String(r.selectPolicy ?? '')), [
          'Disabled',
          'Max',
          'Min',
        ]),
      );
    }
    if (!(r.policies ?? []).length)
      errs.push(required(child(p, 'policies'), 'must specify at least one Policy'));
    (r.policies ?? []).forEach((pol: Json, i: number) => {
      const pp = index(child(p, 'policies'), i);
      if (!['Pods', 'Percent'].includes(pol.type))
        errs.push(notSupported(child(pp, 'type'), goQuote(String(pol.type ?? '')), ['Percent', 'Pods']));
      if (!(pol.value > 0))
        errs.push(invalid(child(pp, 'value'), String(pol.value ?? 0), 'must be greater than zero'));
      if (!(pol.periodSeconds > 0))
        errs.push(
          invalid(child(pp, 'periodSeconds'), String(pol.periodSeconds ?? 0), 'must be greater than zero'),
        );
      else if (pol.periodSeconds > 1800)
        errs.push(
          invalid(
            child(pp, 'periodSeconds'),
            String(pol.periodSeconds),
            'must be less than or equal to 1800',
          ),
        );
    });
  }
  return errs;
}

registerStrategy('HorizontalPodAutoscaler', {
  generation: false,
  prepareForCreate(hpa) {
    defaultHPA(hpa);
    hpa.status = { currentMetrics: null, desiredReplicas: 0 };
  },
  prepareForUpdate: defaultHPA,
  validate: (hpa) => [
    ...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain),
    ...validateHPASpec(hpa.spec ?? {}),
  ],
  validateUpdate: (hpa, old) => validateObjectMetaUpdate(hpa.metadata, old.metadata),
});
