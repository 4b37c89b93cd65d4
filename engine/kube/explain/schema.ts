// Kubernetes 1.32's OpenAPI schema as `kubectl explain` sees it: the compact data files written by
// scripts/generate-explain-schemas.ts, turned back into the OpenAPI v3 shape the API server serves
// under /openapi/v3 (a reference with siblings is wrapped in `allOf`, as kube-openapi's v3 builder
// does), and the lookup of a kind's definition by group, version and kind.
import part0 from './data/definitions-0.json' with { type: 'json' };
import part1 from './data/definitions-1.json' with { type: 'json' };

/** One property (or items / map values) in the data files. `ref` names another definition. */
export interface CompactField {
  description?: string;
  type?: string;
  ref?: string;
  items?: CompactField;
  additionalProperties?: CompactField;
  enum?: Array<string | number | boolean>;
}

/** One named definition in the data files; `gvk` is x-kubernetes-group-version-kind. */
export interface CompactDefinition {
  description?: string;
  type?: string;
  properties?: Record<string, CompactField>;
  required?: string[];
  items?: CompactField;
  additionalProperties?: CompactField;
  gvk?: Array<[string, string, string]>;
}

/** The subset of an OpenAPI v3 schema object the explain template reads. */
export interface Schema {
  description?: string;
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  additionalProperties?: Schema;
  enum?: Array<string | number | boolean>;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const REF_PREFIX = '#/components/schemas/';

function toSchema(field: CompactField): Schema {
  const out: Schema = {};
  if (field.ref) {
    const ref = { $ref: REF_PREFIX + field.ref };
    if (field.description === undefined) return ref;
    out.allOf = [ref];
  }
  if (field.description !== undefined) out.description = field.description;
  if (field.type !== undefined) out.type = field.type;
  if (field.items) out.items = toSchema(field.items);
  if (field.additionalProperties) out.additionalProperties = toSchema(field.additionalProperties);
  if (field.enum) out.enum = field.enum;
  return out;
}

function definitionSchema(def: CompactDefinition): Schema {
  const out: Schema = toSchema(def);
  if (def.properties) {
    out.properties = {};
    for (const [name, field] of Object.entries(def.properties)) out.properties[name] = toSchema(field);
  }
  if (def.required) out.required = def.required;
  return out;
}

/** components/schemas of the served documents, keyed by definition name. */
export class OpenApiSchemas {
  private readonly compact: Record<string, CompactDefinition>;
  private readonly cache = new Map<string, Schema>();

  constructor(compact: Record<string, CompactDefinition>) {
    this.compact = compact;
  }

  /** The schema a `$ref` points at, or undefined when it is not a local components reference. */
  resolveRef(ref: string | undefined): Schema | undefined {
    if (!ref?.startsWith(REF_PREFIX)) return undefined;
    return this.definition(ref.slice(REF_PREFIX.length));
  }

  definition(name: string): Schema | undefined {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const def = this.compact[name];
    if (!def) return undefined;
    const schema = definitionSchema(def);
    this.cache.set(name, schema);
    return schema;
  }

  /** The first definition, in name order, whose x-kubernetes-group-version-kind lists the GVK. */
  forKind(gvk: GroupVersionKind): Schema | undefined {
    const names = Object.keys(this.compact).sort(compareStrings);
    const found = names.find((name) =>
      this.compact[name].gvk?.some(([g, v, k]) => g === gvk.group && v === gvk.version && k === gvk.kind),
    );
    return found === undefined ? undefined : this.definition(found);
  }
}

/** Go's string ordering (bytes), which text/template uses to range over maps. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

let builtin: OpenApiSchemas | undefined;

/** The schemas of the built-in kinds of Kubernetes 1.32. */
export function builtinSchemas(): OpenApiSchemas {
  builtin ??= new OpenApiSchemas({
    ...(part0 as unknown as Record<string, CompactDefinition>),
    ...(part1 as unknown as Record<string, CompactDefinition>),
  });
  return builtin;
}
