// The Job strategy: SetDefaults_Job (pkg/apis/batch/v1/defaults.go), the generated selector and
// template labels (pkg/registry/batch/job/strategy.go) and ValidateJob / ValidateJobUpdate
// (pkg/apis/batch/validation), whose validateJobSpec CronJob templates share.
import type { FieldError } from '../errors.ts';
import { registerStrategy, type StrategyContext } from '../strategy.ts';
import { markCreating, takeCreating } from './creating.ts';
import { child, goLabelSelector, goMap, goQuote, invalid, notSupported, required } from './field.ts';
import {
  immutableSelector,
  type Json,
  labelSelectorConvertible,
  sameJson,
  validateLabelSelector,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { isDNS1123Label, nameIsDNSSubdomain } from './names.ts';
import { defaultPodTemplate } from './podDefaults.ts';
import { validatePodTemplateSpec } from './podSpecValidation.ts';
import { validatePVCTemplate } from './storageValidation.ts';
import { selectorSelects } from './workloads.ts';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';
const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
const MAX_PARALLELISM_INDEXED = 100000;

/** SetDefaults_Job. */
function defaultJob(job: Json): void {
  const spec = (job.spec ??= {});
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
  spec.template = defaultPodTemplate(job, spec.template);
  labelsFromTemplate(job);
}

/** SetDefaults_Job copies the template's labels onto a Job that has none. */
function labelsFromTemplate(job: Json): void {
  const labels = job.spec.template.metadata.labels;
  if (labels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...labels };
}

/** A v4 UUID from the cluster's random source (the store assigns the final one). */
function newUID(random: StrategyContext['random']): string {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  const variant = '89ab'[random.int(4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** generateSelector: job-name and controller-uid labels (legacy and prefixed) and the selector. */
function generateSelector(job: Json): void {
  const template = job.spec.template;
  template.metadata.labels ??= {};
  const labels = template.metadata.labels;
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = job.metadata.name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL])
    if (!(k in labels)) labels[k] = job.metadata.uid;
  job.spec.selector ??= {};
  job.spec.selector.matchLabels ??= {};
  if (!(CONTROLLER_UID_LABEL in job.spec.selector.matchLabels))
    job.spec.selector.matchLabels[CONTROLLER_UID_LABEL] = job.metadata.uid;
}

/** ValidateHasLabel. */
function hasLabel(meta: Json, key: string, expected: string): FieldError[] {
  const path = `spec.template.metadata.labels[${key}]`;
  const labels = meta?.labels ?? {};
  if (!(key in labels)) return [required(path, `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalid(path, goMap(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector (prefixed labels required on create). */
function validateGeneratedSelector(job: Json, prefixed: boolean): FieldError[] {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (!uid) errs.push(required('metadata.uid'));
  const meta = spec.template?.metadata;
  errs.push(
    ...hasLabel(meta, LEGACY_CONTROLLER_UID_LABEL, uid),
    ...hasLabel(meta, LEGACY_JOB_NAME_LABEL, name),
  );
  const expected: Record<string, string> = {
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
  };
  if (prefixed) {
    errs.push(...hasLabel(meta, CONTROLLER_UID_LABEL, uid), ...hasLabel(meta, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  if (labelSelectorConvertible(spec.selector) && !selectorSelects(spec.selector, expected)) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** validateJobSpec (shared with CronJob's jobTemplate). */
export function validateJobSpec(spec: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
  ]) {
    if (spec[f] != null) errs.push(...validateNonnegative(spec[f], child(path, f)));
  }
  if (spec.maxFailedIndexes != null) {
    errs.push(...validateNonnegative(spec.maxFailedIndexes, child(path, 'maxFailedIndexes')));
    if (spec.backoffLimitPerIndex == null)
      errs.push(required(child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const mode = spec.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed')
      errs.push(notSupported(child(path, 'completionMode'), goQuote(mode), ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions == null)
        errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
      if (spec.parallelism != null && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(
          invalid(
            child(path, 'parallelism'),
            String(spec.parallelism),
            `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
          ),
        );
      }
      if (
        spec.completions != null &&
        spec.maxFailedIndexes != null &&
        spec.maxFailedIndexes > spec.completions
      ) {
        errs.push(
          invalid(
            child(path, 'maxFailedIndexes'),
            String(spec.maxFailedIndexes),
            'must be less than or equal to completions',
          ),
        );
      }
    }
  }
  if (mode == null || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex != null)
      errs.push(
        invalid(
          child(path, 'backoffLimitPerIndex'),
          String(spec.backoffLimitPerIndex),
          'requires indexed completion mode',
        ),
      );
    if (spec.maxFailedIndexes != null)
      errs.push(
        invalid(
          child(path, 'maxFailedIndexes'),
          String(spec.maxFailedIndexes),
          'requires indexed completion mode',
        ),
      );
  }
  if (spec.podReplacementPolicy != null) {
    if (spec.podFailurePolicy) {
      if (spec.podReplacementPolicy !== 'Failed')
        errs.push(
          notSupported(child(path, 'podReplacementPolicy'), goQuote(spec.podReplacementPolicy), ['Failed']),
        );
    } else if (!['Failed', 'TerminatingOrFailed'].includes(spec.podReplacementPolicy)) {
      errs.push(
        notSupported(child(path, 'podReplacementPolicy'), goQuote(spec.podReplacementPolicy), [
          'Failed',
          'TerminatingOrFailed',
        ]),
      );
    }
  }
  errs.push(
    ...validatePodTemplateSpec(spec.template ?? {}, child(path, 'template'), {
      validateClaimTemplate: validatePVCTemplate,
    }),
  );
  const restart = spec.template?.spec?.restartPolicy ?? '';
  const rp = child(path, 'template', 'spec', 'restartPolicy');
  if (restart === 'Always' || restart === '') errs.push(required(rp, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never')
    errs.push(notSupported(rp, goQuote(restart), ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restart !== 'Never')
    errs.push(invalid(rp, goQuote(restart), 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJob. */
function validateJob(job: Json): FieldError[] {
  const spec = job.spec ?? {};
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain);
  // The store assigns metadata.uid after prepareForCreate, so the generated labels carry the
  // uid prepareForCreate chose: the check runs on create only (selector and template are
  // immutable afterwards anyway).
  if (takeCreating(job)) errs.push(...validateGeneratedSelector(job, true));
  errs.push(...validateJobSpec(spec, 'spec'));
  if (!spec.selector) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (
    labelSelectorConvertible(spec.selector) &&
    !selectorSelects(spec.selector, spec.template?.metadata?.labels)
  ) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        goMap(spec.template?.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (spec.completionMode === 'Indexed' && spec.completions > 0) {
    const hostname = `${job.metadata.name}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(
        invalid(
          'metadata.name',
          goQuote(job.metadata.name),
          `will not able to create pod with invalid DNS label: ${hostname}`,
        ),
      );
    }
  }
  return errs;
}

/** An approximate %#v of a pod template (Go prints every internal field). */
function goTemplate(t: Json): string {
  return `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Labels:${goMap(t?.metadata?.labels)}, Annotations:${goMap(t?.metadata?.annotations)}}, Spec:core.PodSpec{...}}`;
}

/** ValidateJobSpecUpdate. */
function validateJobUpdate(job: Json, old: Json): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata);
  const spec = job.spec ?? {};
  const prev = old.spec ?? {};
  const immutable = (f: string, show: (v: Json) => string) => {
    if (!sameJson(spec[f], prev[f]))
      errs.push(invalid(child('spec', f), show(spec[f]), 'field is immutable'));
  };
  if (spec.completionMode === 'Indexed' && !sameJson(spec.completions, prev.completions)) {
    if (spec.completions != null && spec.completions !== spec.parallelism) {
      errs.push(
        invalid(
          'spec.completions',
          String(spec.completions),
          'can only be modified in tandem with spec.parallelism',
        ),
      );
    }
  } else {
    immutable('completions', (v) => (v == null ? 'null' : String(v)));
  }
  errs.push(...immutableSelector(spec.selector, prev.selector, 'spec.selector'));
  let oldTemplate = prev.template;
  if (prev.suspend === true && !old.status?.startTime) {
    // Scheduling directives of a suspended Job that never started may change.
    oldTemplate = structuredClone(prev.template ?? {});
    oldTemplate.spec ??= {};
    oldTemplate.spec.nodeSelector = spec.template?.spec?.nodeSelector;
    oldTemplate.spec.tolerations = spec.template?.spec?.tolerations;
    oldTemplate.spec.schedulingGates = spec.template?.spec?.schedulingGates;
    oldTemplate.spec.affinity = spec.template?.spec?.affinity;
    oldTemplate.metadata = {
      ...oldTemplate.metadata,
      labels: spec.template?.metadata?.labels,
      annotations: spec.template?.metadata?.annotations,
    };
  }
  if (!sameJson(spec.template, oldTemplate))
    errs.push(invalid('spec.template', goTemplate(spec.template), 'field is immutable'));
  immutable('completionMode', (v) => (v == null ? 'null' : goQuote(v)));
  for (const f of ['podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    immutable(f, (v) =>
      v == null
        ? 'null'
        : typeof v === 'object'
          ? '"<object>"'
          : typeof v === 'string'
            ? goQuote(v)
            : String(v),
    );
  }
  return errs;
}

registerStrategy('Job', {
  prepareForCreate(job, ctx) {
    // The API server fills metadata.uid before PrepareForCreate; the generated labels need it.
    job.metadata.uid ||= newUID(ctx.random);
    defaultJob(job);
    if (!job.spec.manualSelector) generateSelector(job);
    labelsFromTemplate(job);
    job.status = {};
    markCreating(job);
  },
  prepareForUpdate(job) {
    defaultJob(job);
  },
  validate: validateJob,
  validateUpdate: validateJobUpdate,
});
