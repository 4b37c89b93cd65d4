// ResourceQuota and LimitRange strategies: SetDefaults_ResourceList and SetDefaults_LimitRangeItem
// (pkg/apis/core/v1/defaults.go), ValidateResourceQuota (scopes immutable on update) and
// ValidateLimitRange (pkg/apis/core/validation/validation.go).

import { goQuantity, quantityFromNanos } from '../../api/quantity.ts';
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { decodeResourceList } from './decode.ts';
import {
  byteOrder,
  child,
  duplicate,
  forbidden,
  goQuote,
  goStrings,
  index,
  invalid,
  key,
  required,
} from './field.ts';
import { type Json, sameJson, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isQualifiedName, nameIsDNSSubdomain } from './names.ts';
import {
  isOvercommitAllowed,
  q,
  validateContainerResourceName,
  validateQuotaResourceName,
  validateResourceName,
  validateResourceQuantity,
} from './resources.ts';

/** ValidateResourceQuotaSpec. */
function validateQuotaSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(spec.hard ?? {})) {
    const p = key('spec.hard', k);
    errs.push(...validateQuotaResourceName(k, p), ...validateResourceQuantity(k, v, p));
  }
  const scopes: string[] = spec.scopes ?? [];
  const standard = [
    'Terminating',
    'NotTerminating',
    'BestEffort',
    'NotBestEffort',
    'PriorityClass',
    'CrossNamespacePodAffinity',
  ];
  for (const s of scopes)
    if (!standard.includes(s))
      errs.push(invalid('spec.scopes', goStrings(scopes, '[]core.ResourceQuotaScope'), 'unsupported scope'));
  if (
    (scopes.includes('BestEffort') && scopes.includes('NotBestEffort')) ||
    (scopes.includes('Terminating') && scopes.includes('NotTerminating'))
  ) {
    errs.push(invalid('spec.scopes', goStrings(scopes, '[]core.ResourceQuotaScope'), 'conflicting scopes'));
  }
  return errs;
}

registerStrategy('ResourceQuota', {
  generation: false,
  prepareForCreate(rq) {
    rq.spec ??= {};
    decodeResourceList(rq, rq.spec.hard);
    rq.status = {};
  },
  prepareForUpdate(rq) {
    decodeResourceList(rq, rq.spec?.hard);
  },
  validate(rq) {
    return [
      ...validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain),
      ...validateQuotaSpec(rq.spec ?? {}),
    ];
  },
  validateUpdate(rq, old) {
    const errs = validateObjectMetaUpdate(rq.metadata, old.metadata);
    const a = [...new Set<string>(rq.spec?.scopes ?? [])].sort(byteOrder);
    const b = [...new Set<string>(old.spec?.scopes ?? [])].sort(byteOrder);
    if (!sameJson(a, b))
      errs.push(
        invalid('spec.scopes', goStrings(rq.spec?.scopes, '[]core.ResourceQuotaScope'), 'field is immutable'),
      );
    return errs;
  },
});

/** SetDefaults_LimitRangeItem: container defaults from max, default requests from default and min. */
function defaultLimitRange(lr: Json): void {
  for (const item of lr.spec?.limits ?? []) {
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
      decodeResourceList(lr, item[f]);
    if (item.type !== 'Container') continue;
    item.default ??= {};
    item.defaultRequest ??= {};
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
    for (const [k, v] of Object.entries(item.default))
      if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {}))
      if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  }
}

/** ValidateLimitRange. */
function validateLimitRangeSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  (spec.limits ?? []).forEach((item: Json, i: number) => {
    const p = index('spec.limits', i);
    const type = String(item.type ?? '');
    for (const msg of isQualifiedName(type)) errs.push(invalid(child(p, 'type'), goQuote(type), msg));
    if (
      !type.includes('/') &&
      !['Pod', 'Container', 'PersistentVolumeClaim'].includes(type) &&
      isQualifiedName(type).length === 0
    ) {
      errs.push(invalid(child(p, 'type'), goQuote(type), 'must be a standard limit type or fully qualified'));
    }
    if (types.has(type)) errs.push(duplicate(child(p, 'type'), goQuote(type)));
    types.add(type);
    const nameCheck = (k: string, path: string) =>
      type === 'Pod' || type === 'Container'
        ? validateContainerResourceName(k, path)
        : validateResourceName(k, path);
    for (const f of ['max', 'min'])
      for (const k of Object.keys(item[f] ?? {})) errs.push(...nameCheck(k, key(child(p, f), k)));
    if (type === 'Pod') {
      if (Object.keys(item.default ?? {}).length)
        errs.push(forbidden(child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length)
        errs.push(forbidden(child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      for (const f of ['default', 'defaultRequest'])
        for (const k of Object.keys(item[f] ?? {})) errs.push(...nameCheck(k, key(child(p, f), k)));
    }
    if (
      type === 'PersistentVolumeClaim' &&
      !('storage' in (item.min ?? {})) &&
      !('storage' in (item.max ?? {}))
    ) {
      errs.push(
        required(
          child(p, 'limits'),
          'either minimum or maximum storage value is required, but neither was provided',
        ),
      );
    }
    for (const k of Object.keys(item.maxLimitRequestRatio ?? {}))
      errs.push(...nameCheck(k, key(child(p, 'maxLimitRequestRatio'), k)));
    const keys = new Set<string>(
      ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'].flatMap((f) =>
        Object.keys(item[f] ?? {}),
      ),
    );
    for (const k of keys) {
      const get = (f: string) => (item[f] && k in item[f] ? q(item[f][k]) : undefined);
      const [min, max, def, defReq, ratio] = [
        get('min'),
        get('max'),
        get('default'),
        get('defaultRequest'),
        get('maxLimitRequestRatio'),
      ];
      if (min && max && min.nanos > max.nanos)
        errs.push(
          invalid(
            key(child(p, 'min'), k),
            goQuantity(min),
            `min value ${min.canonical} is greater than max value ${max.canonical}`,
          ),
        );
      if (defReq && min && min.nanos > defReq.nanos) {
        errs.push(
          invalid(
            key(child(p, 'defaultRequest'), k),
            goQuantity(defReq),
            `min value ${min.canonical} is greater than default request value ${defReq.canonical}`,
          ),
        );
      }
      if (defReq && max && defReq.nanos > max.nanos) {
        errs.push(
          invalid(
            key(child(p, 'defaultRequest'), k),
            goQuantity(defReq),
            `default request value ${defReq.canonical} is greater than max value ${max.canonical}`,
          ),
        );
      }
      if (defReq && def && defReq.nanos > def.nanos) {
        errs.push(
          invalid(
            key(child(p, 'defaultRequest'), k),
            goQuantity(defReq),
            `default request value ${defReq.canonical} is greater than default limit value ${def.canonical}`,
          ),
        );
      }
      if (def && min && min.nanos > def.nanos)
        errs.push(
          invalid(
            key(child(p, 'default'), k),
            goQuantity(min),
            `min value ${min.canonical} is greater than default value ${def.canonical}`,
          ),
        );
      if (def && max && def.nanos > max.nanos)
        errs.push(
          invalid(
            key(child(p, 'default'), k),
            goQuantity(max),
            `default value ${def.canonical} is greater than max value ${max.canonical}`,
          ),
        );
      if (ratio && ratio.nanos < quantityFromNanos(1_000_000_000n).nanos) {
        errs.push(
          invalid(
            key(child(p, 'maxLimitRequestRatio'), k),
            goQuantity(ratio),
            `ratio ${ratio.canonical} is less than 1`,
          ),
        );
      }
      if (!isOvercommitAllowed(k) && def && defReq && def.nanos !== defReq.nanos) {
        errs.push(
          invalid(
            key(child(p, 'defaultRequest'), k),
            goQuantity(defReq),
            `default value ${def.canonical} must equal to defaultRequest value ${defReq.canonical} in ${k}`,
          ),
        );
      }
    }
  });
  return errs;
}

registerStrategy('LimitRange', {
  generation: false,
  prepareForCreate: defaultLimitRange,
  prepareForUpdate: defaultLimitRange,
  validate(lr) {
    return [
      ...validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain),
      ...validateLimitRangeSpec(lr.spec ?? {}),
    ];
  },
  validateUpdate(lr, old) {
    return validateObjectMetaUpdate(lr.metadata, old.metadata);
  },
});
