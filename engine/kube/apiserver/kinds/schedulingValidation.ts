// Scheduling fields of a pod spec, as pkg/apis/core/validation/validation.go checks them:
// ValidateTolerations, node selectors and affinity (ValidateNodeSelector, validateAffinity) and
// validateTopologySpreadConstraints.
import type { FieldError } from '../errors.ts';
import { child, duplicate, forbidden, goQuote, index, invalid, notSupported, required } from './field.ts';
import { type Json, validateLabelName, validateLabelSelector } from './meta.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './names.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = index(path, i);
    const k = String(t.key ?? '');
    const op = String(t.operator ?? '');
    if (k) errs.push(...validateLabelName(k, child(p, 'key')));
    if (!k && op !== 'Exists') {
      errs.push(
        invalid(
          child(p, 'operator'),
          goQuote(op),
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(
        invalid(
          child(p, 'effect'),
          goQuote(String(t.effect ?? '')),
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    const value = String(t.value ?? '');
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(child(p, 'operator'), goQuote(value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (value)
        errs.push(
          invalid(child(p, 'operator'), goQuote(value), "value must be empty when `operator` is 'Exists'"),
        );
    } else {
      errs.push(notSupported(child(p, 'operator'), goQuote(op), ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(child(p, 'effect'), goQuote(t.effect), TAINT_EFFECTS));
  });
  return errs;
}

/** ValidateNodeSelectorRequirement. */
function validateNodeSelectorRequirement(r: Json, path: string, allowInvalidValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values: string[] = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbidden(
            child(path, 'values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errs.push(
          required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
      break;
    default:
      errs.push(
        invalid(child(path, 'operator'), goQuote(String(r.operator ?? '')), 'not a valid selector operator'),
      );
  }
  errs.push(...validateLabelName(String(r.key ?? ''), child(path, 'key')));
  if (!allowInvalidValues) {
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v))
        errs.push(invalid(index(child(path, 'values'), j), goQuote(v), msg));
    });
  }
  return errs;
}

function validateNodeSelectorTerm(term: Json, path: string, allowInvalidValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r: Json, j: number) => {
    errs.push(
      ...validateNodeSelectorRequirement(r, index(child(path, 'matchExpressions'), j), allowInvalidValues),
    );
  });
  (term.matchFields ?? []).forEach((r: Json, j: number) => {
    const p = index(child(path, 'matchFields'), j);
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if ((r.values ?? []).length !== 1)
        errs.push(
          required(
            child(p, 'values'),
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
    } else {
      errs.push(
        invalid(child(p, 'operator'), goQuote(String(r.operator ?? '')), 'not a valid selector operator'),
      );
    }
    if (r.key !== 'metadata.name')
      errs.push(invalid(child(p, 'key'), goQuote(String(r.key ?? '')), 'not a valid field selector key'));
    else {
      (r.values ?? []).forEach((v: string, k: number) => {
        for (const msg of isDNS1123Subdomain(v))
          errs.push(invalid(index(child(p, 'values'), k), goQuote(v), msg));
      });
    }
  });
  return errs;
}

/** ValidateNodeSelector (required node affinity, PV node affinity). */
export function validateNodeSelector(sel: Json, path: string): FieldError[] {
  const terms: Json[] = sel.nodeSelectorTerms ?? [];
  if (terms.length === 0)
    return [required(child(path, 'nodeSelectorTerms'), 'must have at least one node selector term')];
  return terms.flatMap((t, i) =>
    validateNodeSelectorTerm(t, index(child(path, 'nodeSelectorTerms'), i), false),
  );
}

function validatePodAffinityTerm(term: Json, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')),
  ];
  for (const ns of term.namespaces ?? []) {
    for (const msg of isDNS1123Label(ns)) errs.push(invalid(child(path, 'namespace'), goQuote(ns), msg));
  }
  if (!term.topologyKey) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(String(term.topologyKey ?? ''), child(path, 'topologyKey')));
  return errs;
}

export function validateAffinity(aff: Json, path: string): FieldError[] {
  if (!aff) return [];
  const errs: FieldError[] = [];
  const na = aff.nodeAffinity;
  if (na) {
    const np = child(path, 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req)
      errs.push(...validateNodeSelector(req, child(np, 'requiredDuringSchedulingIgnoredDuringExecution')));
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Json, i: number) => {
      const p = index(child(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      if (!(t.weight > 0 && t.weight <= 100))
        errs.push(invalid(child(p, 'weight'), String(t.weight ?? 0), 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference ?? {}, child(p, 'preference'), true));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = aff[kind];
    if (!pa) continue;
    const pp = child(path, kind);
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Json, i: number) => {
      errs.push(
        ...validatePodAffinityTerm(t, index(child(pp, 'requiredDuringSchedulingIgnoredDuringExecution'), i)),
      );
    });
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Json, i: number) => {
      const p = index(child(pp, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      if (!(t.weight > 0 && t.weight <= 100))
        errs.push(invalid(child(p, 'weight'), String(t.weight ?? 0), 'must be in the range 1-100'));
      errs.push(...validatePodAffinityTerm(t.podAffinityTerm ?? {}, child(p, 'podAffinityTerm')));
    });
  }
  return errs;
}

export function validateTopologySpread(constraints: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = index(path, i);
    if (!(c.maxSkew > 0))
      errs.push(invalid(child(p, 'maxSkew'), String(c.maxSkew ?? 0), 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
      errs.push(
        notSupported(child(p, 'whenUnsatisfiable'), goQuote(String(c.whenUnsatisfiable ?? '')), [
          'DoNotSchedule',
          'ScheduleAnyway',
        ]),
      );
    }
    if (
      list
        .slice(i + 1)
        .some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)
    ) {
      errs.push(
        duplicate(
          child(p, '{topologyKey, whenUnsatisfiable}'),
          goQuote(`{${c.topologyKey}, ${c.whenUnsatisfiable}}`),
        ),
      );
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0)
        errs.push(invalid(child(p, 'minDomains'), String(c.minDomains), 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(
          invalid(
            child(p, 'minDomains'),
            String(c.minDomains),
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`,
          ),
        );
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[f] !== undefined && !['Honor', 'Ignore'].includes(c[f]))
        errs.push(notSupported(child(p, f), goQuote(c[f]), ['Honor', 'Ignore']));
    }
    errs.push(...validateLabelSelector(c.labelSelector, child(p, 'labelSelector')));
  });
  return errs;
}
