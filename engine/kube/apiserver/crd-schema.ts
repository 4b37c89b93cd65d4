// A CRD version's structural schema applied to custom objects as the apiextensions-apiserver
// does: pruning of undeclared fields (schema/pruning, which reports their paths for strict field
// validation), defaulting (schema/defaulting), and OpenAPI validation with kube-openapi's
// messages (pkg/validation/validate + errors/schema.go) turned into field errors as
// apiserver/validation.go kubeOpenAPIResultToFieldErrors does.
//
// Not modelled: allOf/anyOf/oneOf/not, formats, patternProperties, x-kubernetes-validations
// (CEL), list-type/map-type checks. Where Go iterates maps (properties, object keys) the order is
// random in the real server; here it is the order the schema or the object declares.
import { goFloat } from '../printers/gotext.ts';
import type { FieldError } from './errors.ts';
import { goQuote, notSupported, required, tooLong, tooMany } from './kinds/field.ts';

/** apiextensions/v1 JSONSchemaProps, as the CRD's JSON carries it. */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  nullable?: boolean;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
}

type Json = Record<string, unknown>;

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema of an additionalProperties entry, if it is one (`true`/`false` carry none). */
function additional(s: JSONSchemaProps): JSONSchemaProps | undefined {
  return isMap(s.additionalProperties) ? (s.additionalProperties as JSONSchemaProps) : undefined;
}

function hasAdditional(s: JSONSchemaProps): boolean {
  return s.additionalProperties !== undefined && s.additionalProperties !== false;
}

/**
 * PruneWithOptions(obj, schema, isResourceRoot=true): drops fields the schema does not declare
 * (keeping apiVersion, kind and metadata at the root and in embedded resources) and returns
 * their paths sorted ("spec.foo", "spec.items[0].bar").
 */
export function prune(obj: Json, schema: JSONSchemaProps | undefined): string[] {
  const unknown: string[] = [];
  const root: JSONSchemaProps = { ...(schema ?? {}), 'x-kubernetes-embedded-resource': true };
  pruneValue(obj, root, '', unknown);
  return unknown.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function joinKey(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function pruneValue(x: unknown, s: JSONSchemaProps | undefined, path: string, unknown: string[]): void {
  if (s?.['x-kubernetes-preserve-unknown-fields']) {
    keepUnknown(x, s, path, unknown);
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      pruneValue(v, s?.items, `${path}[${i}]`, unknown);
    });
    return;
  }
  if (!isMap(x)) return;
  for (const [k, v] of Object.entries(x)) {
    if (s?.['x-kubernetes-embedded-resource'] && META_FIELDS.has(k)) continue;
    const prop = s?.properties?.[k];
    if (s && prop) pruneValue(v, prop, joinKey(path, k), unknown);
    else if (s && hasAdditional(s)) pruneValue(v, additional(s), joinKey(path, k), unknown);
    else {
      unknown.push(joinKey(path, k));
      delete x[k];
    }
  }
}

/** skipPrune: below x-kubernetes-preserve-unknown-fields only declared fields are pruned into. */
function keepUnknown(x: unknown, s: JSONSchemaProps, path: string, unknown: string[]): void {
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      if (s.items) keepUnknown(v, s.items, `${path}[${i}]`, unknown);
    });
    return;
  }
  if (!isMap(x)) return;
  for (const [k, v] of Object.entries(x)) {
    if (s['x-kubernetes-embedded-resource'] && META_FIELDS.has(k)) continue;
    const prop = s.properties?.[k];
    if (prop) pruneValue(v, prop, joinKey(path, k), unknown);
    else if (hasAdditional(s)) pruneValue(v, additional(s), joinKey(path, k), unknown);
  }
}

/** PruneNonNullableNullsWithoutDefaults: a null where the schema allows none is dropped. */
export function dropNulls(x: unknown, s: JSONSchemaProps | undefined): void {
  if (!s) return;
  if (Array.isArray(x)) {
    for (const v of x) dropNulls(v, s.items);
    return;
  }
  if (!isMap(x)) return;
  for (const [k, v] of Object.entries(x)) {
    const prop = s.properties?.[k] ?? additional(s);
    if (!prop) continue;
    if (v === null && !prop.nullable && prop.default === undefined) delete x[k];
    else dropNulls(v, prop);
  }
}

/** structuraldefaulting.Default: missing (or non-nullable null) fields get their default, deeply. */
export function applyDefaults(x: unknown, s: JSONSchemaProps | undefined): void {
  if (!s) return;
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      if (v === null && s.items && !s.items.nullable && s.items.default !== undefined)
        x[i] = structuredClone(s.items.default);
      applyDefaults(x[i], s.items);
    });
    return;
  }
  if (!isMap(x)) return;
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!(k in x) || (x[k] === null && !prop.nullable)) x[k] = structuredClone(prop.default);
  }
  for (const [k, v] of Object.entries(x)) {
    const prop = s.properties?.[k];
    if (prop) applyDefaults(v, prop);
    else applyDefaults(v, additional(s));
  }
}

/** The JSON type kube-openapi infers for a decoded value (typeValidator.schemaInfoForType). */
function jsonType(value: unknown): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  // unstructured decoding: whole numbers are int64, the rest float64
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** %v of a decoded scalar: int64 in decimal, float64 in %g style. */
function goNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : goFloat(value);
}

/** The field.Error body of a bad value (ErrorBody: %v for scalars, %q for strings). */
function badValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function typesOf(s: JSONSchemaProps): string[] {
  if (s['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

/** An error kube-openapi reports with its message as the field error detail (field.Invalid). */
function invalidAt(path: string, value: unknown, detail: string): FieldError {
  return { field: path, type: 'Invalid value', value: badValue(value), detail };
}

/** Go's regexp (RE2) and JavaScript agree on the patterns CRDs use; bad ones never match. */
function matchesPattern(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** SchemaValidator.Validate for the whole custom object, as field errors. */
export function validateAgainstSchema(obj: unknown, schema: JSONSchemaProps | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (schema) validateNode(obj, schema, '', errors);
  // kube-openapi names fields below the root ".x"; the field path drops the leading dot
  return errors.map((e) => ({ ...e, field: e.field.replace(/^\./, '') }));
}

function validateNode(data: unknown, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  const types = typesOf(s);
  if (data === null || data === undefined) {
    if (types.length > 0 && !s.nullable) {
      errs.push(invalidAt(path, 'null', `${path} in body must be of type ${types.join(',')}: "null"`));
    }
    validateEnum(data, s, path, errs);
    return;
  }
  // typeValidator: a string with a format passes whatever the type; integers fit number
  const actual = jsonType(data);
  const stringWithFormat =
    (actual === 'string' || actual === 'array') &&
    Boolean(s.format) &&
    !types.includes('number') &&
    !types.includes('integer');
  const fits = types.includes(actual) || (actual === 'integer' && types.includes('number'));
  if (types.length > 0 && !stringWithFormat && !fits) {
    errs.push(invalidAt(path, actual, `${path} in body must be of type ${types.join(',')}: "${actual}"`));
  }
  if (typeof data === 'string') validateString(data, s, path, errs);
  if (typeof data === 'number') validateNumber(data, s, path, errs);
  if (Array.isArray(data)) validateArray(data, s, path, errs);
  validateEnum(data, s, path, errs);
  if (isMap(data)) validateObject(data, s, path, errs);
}

function validateString(data: string, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  const length = [...data].length;
  if (s.maxLength !== undefined && length > s.maxLength) {
    errs.push(tooLong(path, s.maxLength));
    return;
  }
  if (s.minLength !== undefined && length < s.minLength) {
    errs.push(invalidAt(path, data, `${path} in body should be at least ${s.minLength} chars long`));
    return;
  }
  if (s.pattern !== undefined && !matchesPattern(s.pattern, data)) {
    errs.push(invalidAt(path, data, `${path} in body should match '${s.pattern}'`));
  }
}

/** numberValidator: multipleOf, then minimum, then maximum (the order its results merge in). */
function validateNumber(data: number, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  const isInt = Number.isInteger(data);
  // integer data is compared with the bound truncated to int64 and prints it as an integer
  const bound = (b: number) => (isInt ? Math.trunc(b) : b);
  if (s.multipleOf !== undefined) {
    const factor = isInt ? Math.trunc(s.multipleOf) : s.multipleOf;
    if (factor <= 0) {
      errs.push(
        invalidAt(
          path,
          factor,
          `factor MultipleOf declared for ${path} must be positive: ${goNumber(factor)}`,
        ),
      );
    } else {
      const ratio = factor < 1 ? (1 / factor) * data : data / factor;
      if (!Number.isInteger(ratio))
        errs.push(invalidAt(path, data, `${path} in body should be a multiple of ${goNumber(factor)}`));
    }
  }
  if (s.minimum !== undefined) {
    const min = bound(s.minimum);
    const below = s.exclusiveMinimum ? data <= min : data < min;
    if (below) {
      const words = s.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      errs.push(invalidAt(path, data, `${path} in body should be ${words} ${goNumber(min)}`));
    }
  }
  if (s.maximum !== undefined) {
    const max = bound(s.maximum);
    const above = s.exclusiveMaximum ? data >= max : data > max;
    if (above) {
      const words = s.exclusiveMaximum ? 'less than' : 'less than or equal to';
      errs.push(invalidAt(path, data, `${path} in body should be ${words} ${goNumber(max)}`));
    }
  }
}

function validateArray(data: unknown[], s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  if (s.items) {
    const items = s.items;
    data.forEach((v, i) => {
      validateNode(v, items, `${path}[${i}]`, errs);
    });
  }
  if (s.minItems !== undefined && data.length < s.minItems) {
    errs.push(invalidAt(path, data.length, `${path} in body should have at least ${s.minItems} items`));
  }
  if (s.maxItems !== undefined && data.length > s.maxItems) errs.push(tooMany(path, data.length, s.maxItems));
  if (s.uniqueItems) {
    const seen = data.map((v) => JSON.stringify(v));
    if (new Set(seen).size !== seen.length)
      errs.push(invalidAt(path, '', `${path} in body shouldn't contain duplicates`));
  }
}

/** basicCommonValidator: reported as field.NotSupported with the enum values as strings. */
function validateEnum(data: unknown, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  if (!s.enum || s.enum.length === 0) return;
  if (s.enum.some((v) => deepEqual(v, data))) return;
  const values = s.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  errs.push(notSupported(path, badValue(data), values));
}

function validateObject(data: Json, s: JSONSchemaProps, path: string, errs: FieldError[]): void {
  const count = Object.keys(data).length;
  if (s.minProperties !== undefined && count < s.minProperties) {
    errs.push(invalidAt(path, count, `${path} in body should have at least ${s.minProperties} properties`));
  }
  if (s.maxProperties !== undefined && count > s.maxProperties)
    errs.push(tooMany(path, count, s.maxProperties));
  const extra = additional(s);
  if (extra) {
    for (const [k, v] of Object.entries(data)) {
      if (!s.properties?.[k]) validateNode(v, extra, `${path}.${k}`, errs);
    }
  }
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    if (name in data) validateNode(data[name], prop, path ? `${path}.${name}` : name, errs);
  }
  for (const name of s.required ?? []) {
    if (!(name in data)) errs.push(required(`${path}.${name}`));
  }
}
