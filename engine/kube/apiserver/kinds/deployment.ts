// Deployment, ReplicaSet and ReplicationController strategies: SetDefaults_Deployment and
// SetDefaults_ReplicaSet (pkg/apis/apps/v1/defaults.go), SetDefaults_ReplicationController
// (core/v1), ValidateDeployment / ValidateReplicaSet (apps/validation) and the apps/v1 rule that
// a Deployment's or ReplicaSet's selector is immutable (pkg/registry/apps/*/strategy.go).
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { child, forbidden, goIntOrString, goMap, invalid, required } from './field.ts';
import {
  immutableSelector,
  type Json,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { defaultPodTemplate } from './podDefaults.ts';
import { validatePodTemplateSpec } from './podSpecValidation.ts';
import { validatePVCTemplate } from './storageValidation.ts';
import {
  bumpGenerationOnAnnotations,
  intOrPercentValue,
  notMoreThan100Percent,
  templateRestartAlways,
  validateIntOrPercent,
  validateTemplateForReplicaSet,
  validateWorkloadSelector,
} from './workloads.ts';

function defaultDeployment(d: Json): void {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template = defaultPodTemplate(d, spec.template);
}

/** ValidateDeploymentStrategy. */
function validateStrategy(strategy: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (strategy?.type) {
    case 'Recreate':
      if (strategy.rollingUpdate)
        errs.push(
          forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"),
        );
      break;
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!ru) {
        errs.push(required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil'));
        break;
      }
      const rp = child(path, 'rollingUpdate');
      errs.push(...validateIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...validateIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(
          invalid(
            child(rp, 'maxUnavailable'),
            goIntOrString(ru.maxUnavailable),
            'may not be 0 when `maxSurge` is 0',
          ),
        );
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      break;
    }
    default:
      errs.push({
        field: path,
        type: 'Unsupported value',
        value: `apps.DeploymentStrategy{Type:"${strategy?.type ?? ''}", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`,
        detail: 'supported values: "Recreate", "RollingUpdate"',
      });
  }
  return errs;
}

/** ValidateDeploymentSpec. */
function validateDeploymentSpec(spec: Json): FieldError[] {
  const errs = validateNonnegative(spec.replicas ?? 0, 'spec.replicas');
  errs.push(...validateWorkloadSelector(spec, 'spec', 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec, 'spec', 'ReplicaSet'));
  errs.push(...validateStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'));
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  }
  if (spec.rollbackTo)
    errs.push(...validateNonnegative(spec.rollbackTo.revision ?? 0, 'spec.rollback.version'));
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== null) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(
        invalid(
          'spec.progressDeadlineSeconds',
          String(spec.progressDeadlineSeconds),
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return errs;
}

registerStrategy('Deployment', {
  prepareForCreate(d) {
    defaultDeployment(d);
    d.status = {};
  },
  prepareForUpdate(d, old) {
    defaultDeployment(d);
    bumpGenerationOnAnnotations(d, old);
  },
  validate(d) {
    return [
      ...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain),
      ...validateDeploymentSpec(d.spec ?? {}),
    ];
  },
  validateUpdate(d, old) {
    return [
      ...validateObjectMetaUpdate(d.metadata, old.metadata),
      ...immutableSelector(d.spec?.selector, old.spec?.selector, 'spec.selector'),
    ];
  },
});

function defaultReplicaSet(rs: Json): void {
  rs.spec ??= {};
  rs.spec.replicas ??= 1;
  rs.spec.template = defaultPodTemplate(rs, rs.spec.template);
}

/** ValidateReplicaSetSpec. */
function validateReplicaSetSpec(spec: Json): FieldError[] {
  const errs = validateNonnegative(spec.replicas ?? 0, 'spec.replicas');
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, 'spec.minReadySeconds'));
  errs.push(...validateWorkloadSelector(spec, 'spec', 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec, 'spec', 'ReplicaSet'));
  return errs;
}

registerStrategy('ReplicaSet', {
  prepareForCreate(rs) {
    defaultReplicaSet(rs);
    rs.status = { replicas: 0 };
  },
  // Only spec changes move a ReplicaSet's generation (the store does that).
  prepareForUpdate: defaultReplicaSet,
  validate(rs) {
    return [
      ...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain),
      ...validateReplicaSetSpec(rs.spec ?? {}),
    ];
  },
  validateUpdate(rs, old) {
    return [
      ...validateObjectMetaUpdate(rs.metadata, old.metadata),
      ...immutableSelector(rs.spec?.selector, old.spec?.selector, 'spec.selector'),
    ];
  },
});

function defaultReplicationController(rc: Json): void {
  const spec = (rc.spec ??= {});
  spec.replicas ??= 1;
  if (spec.template) {
    spec.template = defaultPodTemplate(rc, spec.template);
    const labels = spec.template.metadata.labels;
    if (labels) {
      if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
      if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...labels };
    }
  }
}

/** ValidateReplicationControllerSpec. */
function validateRCSpec(spec: Json): FieldError[] {
  const errs = validateNonnegative(spec.minReadySeconds ?? 0, 'spec.minReadySeconds');
  const selector: Record<string, string> = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errs.push(required('spec.selector'));
  errs.push(...validateNonnegative(spec.replicas ?? 0, 'spec.replicas'));
  const template = spec.template;
  if (!template) return [...errs, required('spec.template')];
  const labels: Record<string, string> = template.metadata?.labels ?? {};
  if (Object.keys(selector).length > 0 && Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        goMap(template.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(
    ...validatePodTemplateSpec(template, 'spec.template', { validateClaimTemplate: validatePVCTemplate }),
  );
  errs.push(...templateRestartAlways(template, 'spec.template', 'ReplicationController'));
  return errs;
}

registerStrategy('ReplicationController', {
  prepareForCreate(rc) {
    defaultReplicationController(rc);
    rc.status = { replicas: 0 };
  },
  prepareForUpdate(rc) {
    defaultReplicationController(rc);
  },
  validate(rc) {
    return [...validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain), ...validateRCSpec(rc.spec ?? {})];
  },
  validateUpdate(rc, old) {
    return validateObjectMetaUpdate(rc.metadata, old.metadata);
  },
});
