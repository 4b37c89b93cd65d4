// Writes src/serve/protobuf/schema.json, what the served API needs to turn a Kubernetes protobuf
// body into the JSON encoding/json would give the same Go object: for every message reachable from
// the built-in kinds of engine/kube/api/resources.ts, its fields in Go struct order with the
// protobuf number and type (from generated.proto) and the json name, omitempty, inline and pointer
// facts (from the Go struct tags in types.go).
//
// Usage: node scripts/protobuf-schema.ts API_GIT_DIR APIMACHINERY_GIT_DIR [TAG]
//   (bare clones of github.com/kubernetes/api and github.com/kubernetes/apimachinery, as the
//   `fetch` tool leaves them; TAG defaults to v0.32.4, the libraries of kubectl 1.32.4).
//
// Types whose JSON is written by hand in apimachinery (a MarshalJSON method) are marked by a
// name instead of fields; src/serve/protobuf/json.ts knows them.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { BUILTIN_RESOURCES, groupVersion } from '../engine/kube/api/resources.ts';
import type { FieldDef, ProtobufSchema } from '../src/serve/protobuf/schema.ts';

const [apiDir, machineryDir, tag = 'v0.32.4'] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  process.stderr.write('usage: node scripts/protobuf-schema.ts API_GIT_DIR APIMACHINERY_GIT_DIR [TAG]\n');
  process.exit(2);
}
const OUT = new URL('../src/serve/protobuf/schema.json', import.meta.url);

/** Messages with a hand-written MarshalJSON (and their protobuf form), by proto full name. */
const CUSTOM_JSON: Record<string, string> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': 'Time', // time.go: RFC 3339, zero => null
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': 'MicroTime', // micro_time.go: RFC3339Micro
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': 'Duration', // duration.go: Duration.String()
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': 'FieldsV1', // helpers.go: raw JSON
  'k8s.io.apimachinery.pkg.api.resource.Quantity': 'Quantity', // quantity.go: its string
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': 'IntOrString', // intstr.go: int or string
  'k8s.io.apimachinery.pkg.runtime.RawExtension': 'RawExtension', // extension.go: raw JSON
};
/** Kinds outside the served groups that bodies carry: DeleteOptions inside an Eviction. */
const EXTRA_ROOTS = ['k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'];

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The repository and directory holding a Go import path's package. */
function locate(importPath: string): { dir: string; path: string } {
  if (importPath.startsWith('k8s.io/api/'))
    return { dir: apiDir, path: importPath.slice('k8s.io/api/'.length) };
  if (importPath.startsWith('k8s.io/apimachinery/'))
    return { dir: machineryDir, path: importPath.slice('k8s.io/apimachinery/'.length) };
  throw new Error(`no repository for ${importPath}`);
}

interface GoField {
  goName: string;
  type: string;
  json?: string;
  omitempty: boolean;
  inline: boolean;
  protoNumber?: number;
}

/** Go structs (with their tagged fields) and +protobuf.nullable slice types of one package. */
function readGoPackage(importPath: string): {
  structs: Map<string, GoField[]>;
  nullable: Set<string>;
  groupName?: string;
} {
  const { dir, path } = locate(importPath);
  const files = git(dir, 'ls-tree', '--name-only', `${tag}:${path}`)
    .split('\n')
    .filter((f) => f.endsWith('.go') && !/_test\.go$|^zz_generated|\.pb\.go$|swagger_doc_generated/.test(f));
  const structs = new Map<string, GoField[]>();
  const nullable = new Set<string>();
  let groupName: string | undefined;
  for (const file of files) {
    const text = git(dir, 'show', `${tag}:${path}/${file}`);
    groupName ??= /^\/\/ \+groupName=(\S+)/m.exec(text)?.[1];
    for (const m of text.matchAll(/((?:^\/\/.*\n)*)type (\w+) \[\]\w+\n/gm))
      if (m[1].includes('+protobuf.nullable=true')) nullable.add(m[2]);
    for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm))
      structs.set(m[1], parseFields(m[2]));
  }
  return { structs, nullable, groupName };
}

function parseFields(body: string): GoField[] {
  const fields: GoField[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    const m = /^([^`/]+?)\s*`([^`]*)`/.exec(line);
    if (!m) continue;
    const words = m[1].split(/\s+/);
    const tags = Object.fromEntries([...m[2].matchAll(/(\w+):"([^"]*)"/g)].map((t) => [t[1], t[2]]));
    const type = words.length === 1 ? words[0] : words[1];
    const goName = words.length === 1 ? (type.split('.').pop() as string).replace('*', '') : words[0];
    const [json, ...options] = (tags.json ?? '').split(',');
    if (json === '-') continue;
    const protoNumber = tags.protobuf ? Number(tags.protobuf.split(',')[1]) : undefined;
    fields.push({
      goName,
      type,
      json: json || undefined,
      omitempty: options.includes('omitempty'),
      inline: options.includes('inline') || (words.length === 1 && !json),
      protoNumber,
    });
  }
  return fields;
}

// ---- the proto files: the served packages and everything they import, in one Root
const root = new protobuf.Root();
const goPackages = new Map<string, ReturnType<typeof readGoPackage>>();
const protoPackageOf = new Map<string, string>(); // proto package -> Go import path
function loadProto(importPath: string): void {
  if (goPackages.has(importPath)) return;
  const { dir, path } = locate(importPath);
  const source = git(dir, 'show', `${tag}:${path}/generated.proto`);
  const parsed = protobuf.parse(source, root, { keepCase: true });
  protoPackageOf.set(parsed.package as string, importPath);
  goPackages.set(importPath, readGoPackage(importPath));
  for (const dep of parsed.imports ?? []) loadProto(dep.replace(/\/generated\.proto$/, ''));
}

/** Go import path of a served group/version: apps/v1 => k8s.io/api/apps/v1. */
function importPathOf(group: string, version: string): string | undefined {
  if (group === '') return `k8s.io/api/core/${version}`;
  const short = group.replace(/\.k8s\.io$/, '').split('.')[0];
  if (short === 'apiextensions' || short === 'apiregistration') return undefined; // other repositories
  return `k8s.io/api/${short}/${version}`;
}

const servedGroupVersions = new Map<string, string>(); // apiVersion -> import path
for (const type of BUILTIN_RESOURCES) {
  const importPath = importPathOf(type.group, type.version);
  if (!importPath) continue;
  servedGroupVersions.set(groupVersion(type), importPath);
}
servedGroupVersions.set('autoscaling/v1', 'k8s.io/api/autoscaling/v1'); // kubectl autoscale's HPA
for (const importPath of servedGroupVersions.values()) loadProto(importPath);
loadProto('k8s.io/apimachinery/pkg/apis/meta/v1');
root.resolveAll();

// ---- the schema: messages reachable from the kinds (Go structs embedding metav1.TypeMeta)
const schema: ProtobufSchema = { packages: {}, groupVersions: {}, messages: {} };
const aliasOf = new Map<string, string>();
for (const [protoPackage, importPath] of protoPackageOf) {
  const alias = importPath.replace(/^k8s\.io\/(api\/|apimachinery\/pkg\/(apis\/)?)/, '');
  aliasOf.set(protoPackage, alias);
  schema.packages[alias] = protoPackage;
}
const ref = (fullName: string) => {
  const dot = fullName.lastIndexOf('.');
  return `${aliasOf.get(fullName.slice(0, dot))}.${fullName.slice(dot + 1)}`;
};

const pending: string[] = [...EXTRA_ROOTS];
for (const [apiVersion, importPath] of servedGroupVersions) {
  const protoPackage = [...protoPackageOf].find(([, p]) => p === importPath)?.[0] as string;
  schema.groupVersions[apiVersion] = aliasOf.get(protoPackage) as string;
  for (const [name, fields] of goPackages.get(importPath)?.structs ?? [])
    if (fields.some((f) => f.type === 'metav1.TypeMeta') && root.lookup(`${protoPackage}.${name}`))
      pending.push(`${protoPackage}.${name}`);
}

const warnings: string[] = [];
while (pending.length > 0) {
  const fullName = pending.pop() as string;
  const key = ref(fullName);
  if (key in schema.messages) continue;
  if (CUSTOM_JSON[fullName]) {
    schema.messages[key] = CUSTOM_JSON[fullName];
    continue;
  }
  const message = root.lookupType(fullName);
  const protoPackage = fullName.slice(0, fullName.lastIndexOf('.'));
  const goPackage = goPackages.get(protoPackageOf.get(protoPackage) as string);
  if (goPackage?.nullable.has(message.name)) {
    // a named slice type (+protobuf.nullable=true) wrapped in a message of its items
    const items = message.fieldsArray[0];
    schema.messages[key] = `[]${typeRef(items.resolvedType?.fullName, items.type)}`;
    continue;
  }
  const goFields = goPackage?.structs.get(message.name);
  if (!goFields) throw new Error(`no Go struct for ${fullName}`);
  const defs: FieldDef[] = [];
  for (const go of goFields) {
    if (go.protoNumber === undefined) {
      if (!/^(metav1\.)?TypeMeta$/.test(go.type)) warnings.push(`${fullName}.${go.goName}: not in protobuf`);
      continue;
    }
    const field = message.fieldsArray.find((f) => f.id === go.protoNumber);
    if (!field) throw new Error(`${fullName}.${go.goName}: no proto field ${go.protoNumber}`);
    let flags = '';
    if (go.omitempty) flags += 'o';
    if (go.type.startsWith('*')) flags += 'p';
    if (go.inline) flags += 'i';
    if (field.repeated) flags += 'r';
    const def: FieldDef = [field.id, go.json ?? '', flags, ''];
    if (field instanceof protobuf.MapField) {
      def[2] += 'm';
      def[3] = field.keyType;
      def[4] = typeRef(field.resolvedType?.fullName, field.type);
    } else def[3] = typeRef(field.resolvedType?.fullName, field.type);
    const capitalised = (go.json ?? '').charAt(0).toUpperCase() + (go.json ?? '').slice(1);
    if (go.goName !== capitalised) def[5] = go.goName; // for the wording of decode errors
    defs.push(def);
  }
  schema.messages[key] = defs;

  function typeRef(resolved: string | undefined, scalar: string): string {
    if (!resolved) return scalar;
    const full = resolved.replace(/^\./, '');
    pending.push(full);
    return ref(full);
  }
}

writeFileSync(OUT, `${JSON.stringify(schema)}\n`);
// laid out as `biome check` expects, like the other generated data files
execFileSync('npx', ['biome', 'format', '--write', OUT.pathname], { stdio: 'inherit' });
process.stderr.write(
  `${Object.keys(schema.messages).length} messages written to ${OUT.pathname}\n${warnings.join('\n')}\n`,
);
