// ObjectMeta and label checks: apimachinery's ValidateObjectMeta / ValidateObjectMetaUpdate
// (pkg/api/validation/objectmeta.go), ValidateLabels and ValidateLabelSelector
// (pkg/apis/meta/v1/validation/validation.go) and core's extra finalizer-name rule.
import type { FieldError } from '../errors.ts';
import {
  child,
  forbidden,
  goLabelSelector,
  goQuote,
  goValue,
  index,
  invalid,
  required,
  tooLong,
} from './field.ts';
import { byteLength, isDNS1123Label, isQualifiedName, isValidLabelValue, type NameFn } from './names.ts';

/** Open JSON of an API object or one of its parts. */
// biome-ignore lint/suspicious/noExplicitAny: manifests are open JSON, shape-checked by validation
export type Json = any;

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
/** helper.IsStandardFinalizerName (pkg/apis/core/helper/helpers.go). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => invalid(path, goQuote(name), msg));
}

/** ValidateLabels: every key a qualified name, every value a label value (errors on the map path). */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(path, goQuote(String(v)), msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive), total size 256 KiB. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, goQuote(k), msg));
    size += byteLength(k) + byteLength(String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateNonnegative(value: number, path: string): FieldError[] {
  return value < 0 ? [invalid(path, String(value), 'must be greater than or equal to 0')] : [];
}

/** ValidateLabelSelector (metav1.LabelSelector). */
export function validateLabelSelector(sel: Json, path: string, allowInvalidValues = false): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, child(path, 'matchLabels'));
  (sel.matchExpressions ?? []).forEach((e: Json, i: number) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            forbidden(
              child(p, 'values'),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errs.push(
          invalid(child(p, 'operator'), goQuote(String(e.operator ?? '')), 'not a valid selector operator'),
        );
    }
    errs.push(...validateLabelName(String(e.key ?? ''), child(p, 'key')));
    if (!allowInvalidValues) {
      values.forEach((v, j) => {
        for (const msg of isValidLabelValue(v))
          errs.push(invalid(index(child(p, 'values'), j), goQuote(v), msg));
      });
    }
  });
  return errs;
}

/** metav1.LabelSelectorAsSelector fails on an unknown operator or an invalid key or value. */
export function labelSelectorConvertible(sel: Json): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length > 0 || isValidLabelValue(String(v)).length > 0) return false;
  }
  for (const e of sel.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return false;
    if (isQualifiedName(String(e.key ?? '')).length > 0) return false;
    const values: string[] = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) return false;
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) return false;
    if (values.some((v) => isValidLabelValue(v).length > 0)) return false;
  }
  return true;
}

/** Does the label selector (already convertible) select these labels? Empty selects everything. */
export function selectorMatches(sel: Json, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const values: string[] = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function selectorIsEmpty(sel: Json): boolean {
  return Object.keys(sel?.matchLabels ?? {}).length + (sel?.matchExpressions ?? []).length === 0;
}

function validateOwnerReferences(refs: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = String(ref.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version)
      errs.push(invalid(child(path, 'apiVersion'), goQuote(apiVersion), 'version must not be empty'));
    if (!ref.kind)
      errs.push(invalid(child(path, 'kind'), goQuote(String(ref.kind ?? '')), 'kind must not be empty'));
    if (!ref.name)
      errs.push(invalid(child(path, 'name'), goQuote(String(ref.name ?? '')), 'name must not be empty'));
    if (!ref.uid)
      errs.push(invalid(child(path, 'uid'), goQuote(String(ref.uid ?? '')), 'uid must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(path, goValue(ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const name = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          invalid(
            path,
            goValue(refs),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      } else {
        firstController = name;
      }
    }
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(invalid(path, goQuote(f), msg));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, goValue(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** validateKubeFinalizerName: names without a '/' must be standard ones. */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (name.split('/').length === 1 && !STANDARD_FINALIZERS.has(name)) {
    return [
      invalid(path, goQuote(name), 'name is neither a standard finalizer name nor is it fully qualified'),
    ];
  }
  return [];
}

/** core's ValidateObjectMeta: apimachinery's checks plus the standard finalizer names. */
export function validateObjectMeta(
  meta: Json,
  namespaced: boolean,
  nameFn: NameFn,
  path = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true))
      errs.push(invalid(child(path, 'generateName'), goQuote(m.generateName), msg));
  }
  if (!m.name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid(child(path, 'name'), goQuote(m.name), msg));
  if (namespaced) {
    if (!m.namespace) errs.push(required(child(path, 'namespace')));
    else
      for (const msg of isDNS1123Label(m.namespace))
        errs.push(invalid(child(path, 'namespace'), goQuote(m.namespace), msg));
  } else if (m.namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(m.generation ?? 0, child(path, 'generation')));
  errs.push(...validateLabels(m.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(path, 'finalizers')));
  (m.finalizers ?? []).forEach((f: string, i: number) => {
    errs.push(...validateKubeFinalizerName(f, index(child(path, 'finalizers'), i)));
  });
  return errs;
}

/** ValidateObjectMetaUpdate: identity fields are immutable; no new finalizers while deleting. */
export function validateObjectMetaUpdate(meta: Json, old: Json, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const added = [...new Set<string>(meta.finalizers ?? [])]
      .filter((f) => !(old.finalizers ?? []).includes(f))
      .sort();
    if (added.length > 0) {
      errs.push(
        forbidden(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map(goQuote).join(', ')}}`,
        ),
      );
    }
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid(child(path, 'generation'), String(meta.generation ?? 0), 'must not be decremented'));
  }
  for (const f of ['name', 'namespace', 'uid'] as const) {
    if ((meta[f] ?? '') !== (old[f] ?? ''))
      errs.push(invalid(child(path, f), goQuote(meta[f] ?? ''), 'field is immutable'));
  }
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')));
  (meta.finalizers ?? []).forEach((f: string, i: number) => {
    errs.push(...validateKubeFinalizerName(f, index(child(path, 'finalizers'), i)));
  });
  return errs;
}

/** ValidateImmutableField for a label selector: the %#v of the new selector. */
export function immutableSelector(selector: Json, old: Json, path: string): FieldError[] {
  return sameJson(selector, old) ? [] : [invalid(path, goLabelSelector(selector), 'field is immutable')];
}

/** apiequality.Semantic.DeepEqual on plain JSON (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
