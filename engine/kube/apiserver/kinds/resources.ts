// Resource names and quantities: the classification helpers of pkg/apis/core/helper/helpers.go
// (standard, native, extended, integer, overcommittable resources) and the resource-list checks of
// core validation (validateResourceName, ValidateResourceQuantityValue, validateResourceRequirements).

import { compareQuantities, goQuantity, parseQuantity, type Quantity } from '../../api/quantity.ts';
import type { FieldError } from '../errors.ts';
import { child, goQuote, invalid, key, required } from './field.ts';
import type { Json } from './meta.ts';
import { isQualifiedName } from './names.ts';

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
}

/** validateResourceName. */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, goQuote(name), msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !(STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name))) {
    return [invalid(path, goQuote(name), 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** validateContainerResourceName. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      return [...errs, invalid(path, goQuote(name), 'must be a standard resource for containers')];
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [...errs, invalid(path, goQuote(name), "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) {
    return [...errs, invalid(path, goQuote(name), 'must be a standard resource for quota')];
  }
  return errs;
}

/** The parsed value of a (decoded) quantity field; decoding already rejected bad text. */
export function q(value: unknown): Quantity {
  return parseQuantity(value as string) ?? parseQuantity('0')!;
}

/** ValidateResourceQuantityValue: not negative, whole numbers for integer resources. */
export function validateResourceQuantity(name: string, value: unknown, path: string): FieldError[] {
  const quantity = q(value);
  const errs: FieldError[] = [];
  if (quantity.nanos < 0n)
    errs.push(invalid(path, goQuote(quantity.canonical), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && quantity.nanos % 1_000_000_000n !== 0n) {
    errs.push(invalid(path, goQuantity(quantity), 'must be an integer'));
  }
  return errs;
}

/** ValidatePositiveQuantityValue. */
export function validatePositiveQuantity(value: unknown, path: string): FieldError[] {
  const quantity = q(value);
  return quantity.nanos <= 0n
    ? [invalid(path, goQuote(quantity.canonical), 'must be greater than zero')]
    : [];
}

/** validateResourceRequirements for a container's resources. */
export function validateContainerResources(res: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits: Record<string, unknown> = res?.limits ?? {};
  const requests: Record<string, unknown> = res?.requests ?? {};
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantity(name, value, p));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, value] of Object.entries(requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantity(name, value, p));
    const request = q(value);
    if (name in limits) {
      const limit = q(limits[name]);
      const cmp = compareQuantities(request, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(
          invalid(
            reqPath,
            goQuote(request.canonical),
            `must be equal to ${name} limit of ${limit.canonical}`,
          ),
        );
      } else if (cmp > 0) {
        errs.push(
          invalid(
            reqPath,
            goQuote(request.canonical),
            `must be less than or equal to ${name} limit of ${limit.canonical}`,
          ),
        );
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages)
    errs.push({ field: path, type: 'Forbidden', detail: 'HugePages require cpu or memory' });
  return errs;
}
