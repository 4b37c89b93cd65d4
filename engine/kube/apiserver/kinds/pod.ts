// The Pod and PodTemplate strategies (pkg/registry/core/pod/strategy.go, podtemplate): defaults,
// the mutating admission plugins, status reset to Pending with its QoS class, ValidatePodCreate and
// ValidatePodUpdate with the "pod updates may not change fields other than ..." rule.
import type { FieldError } from '../errors.ts';
import { registerStrategy, type StrategyContext } from '../strategy.ts';
import { validateImageWhitespace } from './containerValidation.ts';
import { markCreating, takeCreating } from './creating.ts';
import { child, forbidden, goQuote, index, invalid, required } from './field.ts';
import { podSpecDiff } from './godiff.ts';
import { type Json, sameJson, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names.ts';
import { admitDefaultTolerations, admitPriority, admitServiceAccount, podQOSClass } from './podAdmission.ts';
import { defaultPodOnly, defaultPodSpec, defaultPodTemplate } from './podDefaults.ts';
import { validatePodSpec, validatePodTemplateSpec } from './podSpecValidation.ts';
import { validateTolerations } from './schedulingValidation.ts';
import { validatePVCTemplate } from './storageValidation.ts';

const MAX_INT32 = 2147483647;

/** updatablePodSpecFields, joined as ValidatePodUpdate prints them. */
export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function preparePod(pod: Json, ctx: StrategyContext): void {
  pod.spec ??= {};
  defaultPodSpec(pod, pod.spec);
  defaultPodOnly(pod);
  admitServiceAccount(pod, ctx);
  admitDefaultTolerations(pod);
  admitPriority(pod, ctx);
  pod.status = { phase: 'Pending', qosClass: podQOSClass(pod.spec) };
  markCreating(pod);
}

/** validatePodMetadataAndSpec + ValidatePodCreate. */
function validatePod(pod: Json): FieldError[] {
  const spec = pod.spec ?? {};
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(
    ...validatePodSpec(spec, 'spec', { resourceIsPod: true, validateClaimTemplate: validatePVCTemplate }),
  );
  errs.push(...validateImageWhitespace(spec.containers, 'spec.containers'));
  errs.push(...validateImageWhitespace(spec.initContainers, 'spec.initContainers'));
  if (takeCreating(pod)) {
    if ((spec.ephemeralContainers ?? []).length > 0)
      errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (spec.nodeName && (spec.schedulingGates ?? []).length > 0) {
      errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    }
  }
  return errs;
}

/** ValidateContainerUpdates: same number of containers, each with an image. */
function containerUpdates(
  next: Json[] | undefined,
  prev: Json[] | undefined,
  path: string,
): { errs: FieldError[]; stop: boolean } {
  const n = next ?? [];
  if (n.length !== (prev ?? []).length)
    return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = String(c.image ?? '');
    if (!image) errs.push(required(child(index(path, i), 'image')));
    if (image.trim().length !== image.length) {
      errs.push(
        invalid(
          child(index(path, i), 'image'),
          goQuote(image),
          'must not have leading or trailing whitespace',
        ),
      );
    }
  });
  return { errs, stop: false };
}

/**
 * ValidatePodUpdate's update-only rules. Setting spec.nodeName on an unbound pod and changing
 * ephemeralContainers are accepted, as the binding and ephemeralcontainers subresources do.
 */
export function validatePodUpdate(pod: Json, old: Json): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  const spec = pod.spec ?? {};
  const oldSpec = old.spec ?? {};
  for (const f of ['containers', 'initContainers']) {
    const r = containerUpdates(spec[f], oldSpec[f], `spec.${f}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalid('spec.activeDeadlineSeconds', String(ads), inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (
      oldSpec.activeDeadlineSeconds !== undefined &&
      oldSpec.activeDeadlineSeconds !== null &&
      oldSpec.activeDeadlineSeconds < ads
    ) {
      errs.push(
        invalid('spec.activeDeadlineSeconds', String(ads), 'must be less than or equal to previous value'),
      );
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== null) {
    errs.push(
      invalid('spec.activeDeadlineSeconds', 'null', 'must not update from a positive integer to nil value'),
    );
  }
  for (const t of oldSpec.tolerations ?? []) {
    const found = (spec.tolerations ?? []).some((n: Json) =>
      sameJson({ ...t, tolerationSeconds: n.tolerationSeconds }, n),
    );
    if (!found) {
      errs.push(
        forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'),
      );
      break;
    }
  }
  errs.push(...validateTolerations(spec.tolerations, 'spec.tolerations'));
  const oldGates = new Set((oldSpec.schedulingGates ?? []).map((g: Json) => g.name));
  (spec.schedulingGates ?? []).forEach((g: Json, i: number) => {
    if (!oldGates.has(g.name)) {
      errs.push(
        forbidden(
          child(index('spec.schedulingGates', i), 'name'),
          `only deletion is allowed, but found new scheduling gate '${g.name}'`,
        ),
      );
    }
  });
  if (sameJson(spec, oldSpec)) return errs;
  const munged = structuredClone(spec);
  for (const f of ['containers', 'initContainers']) {
    (munged[f] ?? []).forEach((c: Json, i: number) => {
      c.image = oldSpec[f][i].image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  munged.ephemeralContainers = oldSpec.ephemeralContainers;
  if (!oldSpec.nodeName) munged.nodeName = oldSpec.nodeName;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  for (const k of Object.keys(munged)) if (munged[k] === undefined) delete munged[k];
  if (!sameJson(munged, oldSpec))
    errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${podSpecDiff(oldSpec, munged)}`));
  return errs;
}

registerStrategy('Pod', {
  generation: false,
  prepareForCreate: preparePod,
  prepareForUpdate(pod) {
    // Requests are decoded (and defaulted) again on update; admission plugins only act on create.
    pod.spec ??= {};
    defaultPodSpec(pod, pod.spec);
    defaultPodOnly(pod);
  },
  validate: validatePod,
  validateUpdate: validatePodUpdate,
});

registerStrategy('PodTemplate', {
  generation: false,
  prepareForCreate(obj) {
    obj.template = defaultPodTemplate(obj, obj.template);
  },
  prepareForUpdate(obj) {
    obj.template = defaultPodTemplate(obj, obj.template);
  },
  validate(obj) {
    return [
      ...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
      ...validatePodTemplateSpec(obj.template, 'template', { validateClaimTemplate: validatePVCTemplate }),
    ];
  },
  validateUpdate(obj, old) {
    return validateObjectMetaUpdate(obj.metadata, old.metadata);
  },
});
