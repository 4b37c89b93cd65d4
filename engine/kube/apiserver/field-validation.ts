// Server-side field validation (the fieldValidation query parameter): fields a built-in kind's
// schema does not know, reported as the API server's strict JSON decoder reports them, and
// turned into a 400 (Strict), warnings (Warn, the server's default) or nothing (Ignore).
import { builtinSchemas, compareStrings, type Schema } from '../explain/schema.ts';
import { badRequest, type StatusError } from './errors.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** The directives apimachinery accepts (metav1.FieldValidationStrict, ...). */
export function isFieldValidation(value: string): value is FieldValidation {
  return value === 'Strict' || value === 'Warn' || value === 'Ignore';
}

function resolve(schema: Schema | undefined): Schema | undefined {
  const schemas = builtinSchemas();
  let s = schema;
  for (let hops = 0; s && hops < 8; hops++) {
    if (s.$ref) s = schemas.resolveRef(s.$ref);
    else if (s.allOf?.[0]?.$ref) s = schemas.resolveRef(s.allOf[0].$ref);
    else return s;
  }
  return s;
}

/**
 * `unknown field "PATH"` for every field the kind's schema lacks, depth first with each
 * object's keys in Go's string order (kubectl's bodies and patched objects are marshalled from
 * maps, whose keys encoding/json sorts). Paths are written as sigs.k8s.io/json writes them:
 * `spec.template.spec.containers[0].name` (field_validation_test.go in test/integration/apiserver).
 */
export function unknownFields(
  obj: Record<string, unknown>,
  group: string,
  version: string,
  kind: string,
): string[] {
  return visitUnknown(obj, { group, version, kind }, false);
}

/**
 * Removes the fields the kind's schema lacks, as decoding into the Go type drops them, and
 * returns their strict decoding errors.
 */
export function pruneUnknownFields(
  obj: Record<string, unknown>,
  group: string,
  version: string,
  kind: string,
): string[] {
  return visitUnknown(obj, { group, version, kind }, true);
}

function visitUnknown(
  obj: Record<string, unknown>,
  gvk: { group: string; version: string; kind: string },
  prune: boolean,
): string[] {
  const root = builtinSchemas().forKind(gvk);
  if (!root) return [];
  const found: string[] = [];
  walk(obj, root, '', found, prune);
  return found.map((p) => `unknown field "${p}"`);
}

function walk(
  value: unknown,
  schema: Schema | undefined,
  path: string,
  found: string[],
  prune: boolean,
): void {
  const s = resolve(schema);
  if (!s || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (!s.items) return;
    value.forEach((item, i) => {
      walk(item, s.items, `${path}[${i}]`, found, prune);
    });
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareStrings);
  if (s.properties) {
    for (const key of keys) {
      const child = path ? `${path}.${key}` : key;
      const property = s.properties[key];
      if (property) walk(record[key], property, child, found, prune);
      else {
        found.push(child);
        if (prune) delete record[key];
      }
    }
    return;
  }
  if (s.additionalProperties) {
    for (const key of keys)
      walk(record[key], s.additionalProperties, path ? `${path}.${key}` : key, found, prune);
  }
}

/**
 * Applies a directive to the strict decoding errors of a request body: Strict fails the request
 * with `strict decoding error: ...` (runtime.NewStrictDecodingError), wrapped for POST and PUT
 * as handlers/rest.go transformDecodeError words a decode failure; Warn returns them as
 * warnings; Ignore drops them.
 */
export function enforceFieldValidation(
  errors: string[],
  directive: FieldValidation,
  wrap: { kind: string; version: string } | undefined,
): string[] {
  if (errors.length === 0 || directive === 'Ignore') return [];
  if (directive === 'Warn') return errors;
  throw strictDecodingError(errors, wrap);
}

function strictDecodingError(
  errors: string[],
  wrap: { kind: string; version: string } | undefined,
): StatusError {
  const strict = `strict decoding error: ${errors.join(', ')}`;
  if (!wrap) return badRequest(strict);
  return badRequest(
    `${wrap.kind} in version "${wrap.version}" cannot be handled as a ${wrap.kind}: ${strict}`,
  );
}
