// StatefulSet and DaemonSet strategies: SetDefaults_StatefulSet / SetDefaults_DaemonSet
// (pkg/apis/apps/v1/defaults.go), their PrepareForCreate (status reset, the DaemonSet's
// deprecated.daemonset.template.generation annotation) and ValidateStatefulSet / ValidateDaemonSet
// with their update rules (pkg/apis/apps/validation/validation.go).
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
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
  immutableSelector,
  type Json,
  labelSelectorConvertible,
  sameJson,
  selectorIsEmpty,
  validateAnnotations,
  validateLabelSelector,
  validateLabels,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';
import { defaultPodTemplate, defaultPVCSpec, embeddedMeta } from './podDefaults.ts';
import { validatePodTemplateSpec } from './podSpecValidation.ts';
import { validatePVCTemplate } from './storageValidation.ts';
import {
  intOrPercentValue,
  notMoreThan100Percent,
  selectorSelects,
  templateRestartAlways,
  validateIntOrPercent,
} from './workloads.ts';

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

function defaultStatefulSet(sts: Json): void {
  const spec = (sts.spec ??= {});
  spec.podManagementPolicy ||= 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.template = defaultPodTemplate(sts, spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    // Claim templates are PersistentVolumeClaims: typed, defaulted, with a Pending status.
    claim.apiVersion ??= 'v1';
    claim.kind ??= 'PersistentVolumeClaim';
    claim.metadata = embeddedMeta(claim.metadata);
    claim.spec ??= {};
    defaultPVCSpec(sts, claim.spec);
    claim.status ??= {};
    claim.status.phase ||= 'Pending';
  }
}

/** ValidateStatefulSetSpec (the pod template gets only label and annotation checks). */
function validateStatefulSetSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', goQuote(pmp), "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec.updateStrategy ?? {};
  switch (us.type ?? '') {
    case '':
      errs.push(required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (us.rollingUpdate)
        errs.push(
          invalid(
            'spec.updateStrategy.rollingUpdate',
            '"<rolling update>"',
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      break;
    case 'RollingUpdate':
      if (us.rollingUpdate) {
        const rp = 'spec.updateStrategy.rollingUpdate';
        errs.push(...validateNonnegative(us.rollingUpdate.partition ?? 0, child(rp, 'partition')));
        const mu = us.rollingUpdate.maxUnavailable;
        if (mu !== undefined && mu !== null) {
          errs.push(...validateIntOrPercent(mu, child(rp, 'maxUnavailable')));
          if (intOrPercentValue(mu) === 0)
            errs.push(invalid(child(rp, 'maxUnavailable'), goIntOrString(mu), 'cannot be 0'));
          errs.push(...notMoreThan100Percent(mu, child(rp, 'maxUnavailable')));
        }
      }
      break;
    default:
      errs.push(
        invalid(
          'spec.updateStrategy',
          `apps.StatefulSetUpdateStrategy{Type:${goQuote(us.type)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`,
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
  }
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (policy) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      if (!['Retain', 'Delete'].includes(policy[f])) {
        errs.push(
          notSupported(
            child('spec.persistentVolumeClaimRetentionPolicy', f),
            goQuote(String(policy[f] ?? '')),
            ['Retain', 'Delete'],
          ),
        );
      }
    }
  }
  errs.push(...validateNonnegative(spec.replicas ?? 0, 'spec.replicas'));
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'));
  if (spec.ordinals) errs.push(...validateNonnegative(spec.ordinals.start ?? 0, 'spec.ordinals.start'));
  if (!spec.selector) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (selectorIsEmpty(spec.selector))
      errs.push(
        invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'),
      );
  }
  const template = spec.template ?? {};
  if (!labelSelectorConvertible(spec.selector)) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), ''));
  } else {
    if (!selectorSelects(spec.selector, template.metadata?.labels)) {
      errs.push(
        invalid(
          'spec.template.metadata.labels',
          goMap(template.metadata?.labels),
          '`selector` does not match template `labels`',
        ),
      );
    }
    errs.push(...validateLabels(template.metadata?.labels, 'spec.template.labels'));
    errs.push(...validateAnnotations(template.metadata?.annotations, 'spec.template.annotations'));
  }
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', goQuote(restart), ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  }
  return errs;
}

/** ValidateStatefulSetUpdate: only some spec fields may change. */
function validateStatefulSetUpdate(sts: Json, old: Json): FieldError[] {
  const errs = validateObjectMetaUpdate(sts.metadata, old.metadata);
  const clone = { ...(sts.spec ?? {}) };
  for (const f of [
    'replicas',
    'template',
    'updateStrategy',
    'minReadySeconds',
    'ordinals',
    'persistentVolumeClaimRetentionPolicy',
  ]) {
    clone[f] = old.spec?.[f];
  }
  if (!sameJson(clone, old.spec ?? {})) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

registerStrategy('StatefulSet', {
  prepareForCreate(sts) {
    defaultStatefulSet(sts);
    sts.status = { availableReplicas: 0, replicas: 0 };
  },
  prepareForUpdate(sts) {
    defaultStatefulSet(sts);
  },
  validate(sts) {
    // The name becomes part of pod hostnames, so it must be a DNS label.
    return [
      ...validateObjectMeta(sts.metadata, true, nameIsDNSLabel),
      ...validateStatefulSetSpec(sts.spec ?? {}),
    ];
  },
  validateUpdate: validateStatefulSetUpdate,
});

function defaultDaemonSet(ds: Json): void {
  const spec = (ds.spec ??= {});
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ||= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.template = defaultPodTemplate(ds, spec.template);
}

/** ValidateDaemonSetSpec. */
function validateDaemonSetSpec(spec: Json): FieldError[] {
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const template = spec.template ?? {};
  if (labelSelectorConvertible(spec.selector) && !selectorSelects(spec.selector, template.metadata?.labels)) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        goMap(template.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (spec.selector && selectorIsEmpty(spec.selector)) {
    errs.push(
      invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'),
    );
  }
  errs.push(
    ...validatePodTemplateSpec(template, 'spec.template', { validateClaimTemplate: validatePVCTemplate }),
  );
  errs.push(...templateRestartAlways(template, 'spec.template', 'DaemonSet'));
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'));
  const us = spec.updateStrategy ?? {};
  if (us.type === 'RollingUpdate') {
    const ru = us.rollingUpdate;
    if (!ru) errs.push(required('spec.updateStrategy.rollingUpdate'));
    else {
      const rp = 'spec.updateStrategy.rollingUpdate';
      errs.push(...validateIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...validateIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...notMoreThan100Percent(ru.maxSurge, child(rp, 'maxSurge')));
      const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const surge = intOrPercentValue(ru.maxSurge) !== 0;
      if (unavailable && surge)
        errs.push(
          invalid(
            child(rp, 'maxSurge'),
            goIntOrString(ru.maxSurge),
            'may not be set when maxUnavailable is non-zero',
          ),
        );
      if (!unavailable && !surge)
        errs.push(required(child(rp, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
    }
  } else if (us.type !== 'OnDelete') {
    errs.push(
      notSupported(
        'spec.updateStrategy',
        `apps.DaemonSetUpdateStrategy{Type:${goQuote(String(us.type ?? ''))}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`,
        ['RollingUpdate', 'OnDelete'],
      ),
    );
  }
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  }
  return errs;
}

registerStrategy('DaemonSet', {
  prepareForCreate(ds) {
    defaultDaemonSet(ds);
    ds.status = {
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
    };
    // spec.templateGeneration starts at 1; apps/v1 carries it in this annotation.
    ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: '1' };
  },
  prepareForUpdate(ds, old) {
    defaultDaemonSet(ds);
    const previous = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1') || 1;
    const next = sameJson(ds.spec?.template, old.spec?.template) ? previous : previous + 1;
    ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: String(next) };
  },
  validate(ds) {
    return [
      ...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain),
      ...validateDaemonSetSpec(ds.spec ?? {}),
    ];
  },
  validateUpdate(ds, old) {
    return [
      ...validateObjectMetaUpdate(ds.metadata, old.metadata),
      ...immutableSelector(ds.spec?.selector, old.spec?.selector, 'spec.selector'),
    ];
  },
});
