// Writes engine/kube/explain/data/*.json, the slice of Kubernetes 1.32's OpenAPI schema that
// `kubectl explain` prints (description, type, required, enum, references), for the built-in
// kinds of engine/kube/api/resources.ts and every definition they reach.
//
// Input: the API server's swagger.json as released with Kubernetes 1.32 (the repository's
// api/openapi-spec/swagger.json). Two public copies are byte-identical in their definitions:
//   git -C <kubernetes-client/javascript> show f89c179b:src/gen/swagger.json.unprocessed
//     ("Automated openapi generation from 1.32")
//   git -C <kubernetes-sigs/reference-docs> show HEAD:gen-resourcesdocs/api/v1.32/swagger.json
// That snapshot lacks the enums a real server serves (OpenAPIEnums=false when it is taken); they
// are put back from the Go API sources at the matching tags, see scripts/explain-enums.ts.
// Usage: node scripts/generate-explain-schemas.ts path/to/swagger.json API_GIT_DIR APIEXTENSIONS_GIT_DIR
//   (bare clones of github.com/kubernetes/api and github.com/kubernetes/apiextensions-apiserver;
//   k8s.io/apimachinery and kube-aggregator's apiregistration declare no +enum types)
//
// The one difference from the OpenAPI v3 documents the server serves (and kubectl 1.32 reads) that
// matters to explain: types with OpenAPIV3OneOfTypes() (apimachinery's intstr.IntOrString and
// resource.Quantity) have `oneOf` instead of `type` in v3, so they lose their type here.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_RESOURCES, EXTRA_VERSIONS } from '../engine/kube/api/resources.ts';
import type { CompactDefinition, CompactField } from '../engine/kube/explain/schema.ts';
import { type FieldEnum, GoEnums, readModule } from './explain-enums.ts';

const V3_ONE_OF_TYPES = new Set([
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  'io.k8s.apimachinery.pkg.api.resource.Quantity',
]);
const CHUNKS = 2;
const PREFIX = '#/definitions/';

interface SwaggerSchema {
  description?: string;
  type?: string;
  $ref?: string;
  items?: SwaggerSchema;
  additionalProperties?: SwaggerSchema | boolean;
  enum?: unknown[];
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

const swagger = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  definitions: Record<string, SwaggerSchema>;
};
const definitions = swagger.definitions;
const [apiGit, apiextensionsGit] = process.argv.slice(3);
if (!apiGit || !apiextensionsGit) throw new Error('usage: swagger.json API_GIT_DIR APIEXTENSIONS_GIT_DIR');
const GO_SOURCES_REF = 'v0.32.4';
const goEnums = new GoEnums(
  new Map([
    ...readModule('k8s.io/api', apiGit, GO_SOURCES_REF),
    ...readModule('k8s.io/apiextensions-apiserver', apiextensionsGit, GO_SOURCES_REF),
  ]),
);

const wanted = new Set<string>();
for (const t of BUILTIN_RESOURCES) {
  for (const version of [t.version, ...(EXTRA_VERSIONS[t.group] ?? [])]) {
    wanted.add(`${t.group}/${version}/${t.kind}`);
  }
}

const reached = new Set<string>();
const queue: string[] = [];
for (const [name, def] of Object.entries(definitions)) {
  const gvks = def['x-kubernetes-group-version-kind'] ?? [];
  if (gvks.some((g) => wanted.has(`${g.group}/${g.version}/${g.kind}`))) queue.push(name);
}
function field(s: SwaggerSchema): CompactField {
  const out: CompactField = {};
  if (s.description !== undefined) out.description = s.description;
  if (s.$ref) {
    const name = s.$ref.slice(PREFIX.length);
    out.ref = name;
    queue.push(name);
  } else if (s.type !== undefined) out.type = s.type;
  if (s.items) out.items = field(s.items);
  if (typeof s.additionalProperties === 'object') out.additionalProperties = field(s.additionalProperties);
  if (s.enum) out.enum = s.enum as Array<string | number | boolean>;
  return out;
}

/** Puts back what the snapshot pruned from one property: enum values and the description section. */
function withEnum(out: CompactField, added: FieldEnum): CompactField {
  if (added.on === 'items') out.items = { ...out.items, enum: added.values };
  else if (added.on === 'additionalProperties')
    out.additionalProperties = { ...out.additionalProperties, enum: added.values };
  else {
    out.enum = added.values;
    if (added.section) {
      out.description = out.description ? `${out.description}\n\n${added.section}` : added.section;
    }
  }
  return out;
}

const compact: Record<string, CompactDefinition> = {};
let enumCount = 0;
while (queue.length > 0) {
  const name = queue.shift()!;
  if (reached.has(name)) continue;
  reached.add(name);
  const def = definitions[name];
  if (!def) throw new Error(`missing definition ${name}`);
  const out: CompactDefinition = {};
  if (def.description !== undefined) out.description = def.description;
  if (def.type !== undefined && !V3_ONE_OF_TYPES.has(name)) out.type = def.type;
  if (def.properties) {
    out.properties = {};
    const enums = goEnums.fieldEnums(name);
    for (const [key, value] of Object.entries(def.properties)) {
      const added = enums.get(key);
      out.properties[key] = added ? withEnum(field(value), added) : field(value);
      if (added) enumCount++;
    }
  }
  if (def.required) out.required = def.required;
  if (def.items) out.items = field(def.items);
  if (typeof def.additionalProperties === 'object')
    out.additionalProperties = field(def.additionalProperties);
  const gvks = def['x-kubernetes-group-version-kind'];
  if (gvks) out.gvk = gvks.map((g) => [g.group, g.version, g.kind]);
  compact[name] = out;
}

// Split into chunks below biome's 1 MiB file limit, then let biome lay them out as `biome check` expects.
const names = [...reached].sort();
const per = Math.ceil(names.length / CHUNKS);
for (let i = 0; i < CHUNKS; i++) {
  const part: Record<string, CompactDefinition> = {};
  for (const name of names.slice(i * per, (i + 1) * per)) part[name] = compact[name];
  writeFileSync(`engine/kube/explain/data/definitions-${i}.json`, `${JSON.stringify(part, null, 2)}\n`);
}
execFileSync('npx', ['biome', 'format', '--write', 'engine/kube/explain/data/'], { stdio: 'inherit' });
console.log(`wrote ${names.length} definitions (${enumCount} enum fields) in ${CHUNKS} files`);
