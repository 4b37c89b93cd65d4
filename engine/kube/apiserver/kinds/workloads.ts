// Rules the workload kinds share (pkg/apis/apps/validation/validation.go): the pod template
// against its selector and restart policy, int-or-percent values, and the generation bump that
// spec changes cause (the store bumps it; annotations bump Deployments too).
import type { FieldError } from '../errors.ts';
import {
  child,
  forbidden,
  goIntOrString,
  goLabelSelector,
  goMap,
  goQuote,
  invalid,
  notSupported,
  required,
} from './field.ts';
import {
  type Json,
  labelSelectorConvertible,
  sameJson,
  selectorIsEmpty,
  selectorMatches,
  validateLabelSelector,
  validateNonnegative,
} from './meta.ts';
import { isValidPercent } from './names.ts';
import { validatePodTemplateSpec } from './podSpecValidation.ts';
import { validatePVCTemplate } from './storageValidation.ts';

/** The selector checks of ValidateDeploymentSpec / ValidateReplicaSetSpec. */
export function validateWorkloadSelector(spec: Json, path: string, kind: string): FieldError[] {
  const sp = child(path, 'selector');
  if (!spec.selector) return [required(sp)];
  const errs = validateLabelSelector(spec.selector, sp);
  if (selectorIsEmpty(spec.selector))
    errs.push(invalid(sp, goLabelSelector(spec.selector), `empty selector is invalid for ${kind}`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet: labels match the selector, restartPolicy Always. */
export function validateTemplateForReplicaSet(spec: Json, path: string, kind: string): FieldError[] {
  const tp = child(path, 'template');
  const errs: FieldError[] = [];
  if (!labelSelectorConvertible(spec.selector)) {
    return [invalid(child(path, 'selector'), goLabelSelector(spec.selector), 'invalid label selector')];
  }
  const template = spec.template ?? {};
  if (!selectorSelects(spec.selector, template.metadata?.labels)) {
    errs.push(
      invalid(
        child(tp, 'metadata', 'labels'),
        goMap(template.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, tp, { validateClaimTemplate: validatePVCTemplate }));
  errs.push(...templateRestartAlways(template, tp, kind));
  return errs;
}

/**
 * LabelSelectorAsSelector then Matches: a nil selector is labels.Nothing() (matches nothing),
 * an empty one labels.Everything(), which Validate skips as Empty().
 */
export function selectorSelects(selector: Json, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  return selectorIsEmpty(selector) || selectorMatches(selector, labels);
}

/** restartPolicy must be Always and activeDeadlineSeconds unset for long-running workloads. */
export function templateRestartAlways(template: Json, tp: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always')
    errs.push(notSupported(child(tp, 'spec', 'restartPolicy'), goQuote(restart), ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(
      forbidden(
        child(tp, 'spec', 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ${kind} is not Supported`,
      ),
    );
  }
  return errs;
}

/** ValidatePositiveIntOrPercent. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => invalid(path, goIntOrString(v), msg));
  if (typeof v === 'number') return validateNonnegative(v, path);
  return [invalid(path, goIntOrString(v), "must be an integer or percentage (e.g '5%%')")];
}

/** getIntOrPercentValue: the number, or the percentage's number. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') return isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : 0;
  return typeof v === 'number' ? v : 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100) {
    return [invalid(path, goIntOrString(v), 'must not be greater than 100%')];
  }
  return [];
}

/** Deployment-style PrepareForUpdate: annotation changes bump the generation as spec changes do. */
export function bumpGenerationOnAnnotations(obj: Json, old: Json): void {
  if (
    !sameJson(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {}) &&
    old.metadata.generation !== undefined
  ) {
    obj.metadata.generation = old.metadata.generation + 1;
  }
}
