// kubectl explain: documentation of resources and fields from the API server's OpenAPI v3 schema
// (kubectl 1.32 pkg/cmd/explain/explain.go and pkg/explain/explain.go for argument handling and
// resource resolution; engine/kube/explain/ renders the plaintext template).
import type { ResourceRegistry } from '../../api/registry.ts';
import { EXTRA_VERSIONS, type ResourceType } from '../../api/resources.ts';
import { ExplainError, renderExplain } from '../../explain/render.ts';
import { builtinSchemas } from '../../explain/schema.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import { type CommandTable, flag } from './types.ts';

interface Gvr {
  group: string;
  version: string;
  resource: string;
}

/** schema.GroupVersionResource.String(): "apps/v1, Resource=deployments", "/v1, Resource=pods". */
const gvrString = (g: Gvr) => `${g.group}/${g.version}, Resource=${g.resource}`;

/** Every served version of every type, preferred versions first, in discovery order. */
function servedTypes(registry: ResourceRegistry): ResourceType[] {
  const types = [...registry.all()];
  for (const t of registry.all()) {
    for (const version of EXTRA_VERSIONS[t.group] ?? []) {
      if (registry.forKind(`${t.group}/${version}`, t.kind)) types.push({ ...t, version });
    }
  }
  return types;
}

/**
 * The RESTMapper's ResourcesFor({Resource: name}): every (group, version) serving the plural or
 * singular name, or else the resource a short name expands to (the first in discovery order).
 */
function resourcesFor(registry: ResourceRegistry, input: string): ResourceType[] {
  const name = input.toLowerCase();
  const types = servedTypes(registry);
  const direct = types.filter((t) => t.resource === name || t.singular === name);
  if (direct.length > 0) return direct;
  const short = types.find((t) => t.shortNames.includes(name));
  if (short) return types.filter((t) => t.group === short.group && t.resource === short.resource);
  // cmdutil checkErr prints a NoResourceMatchError without the "error: " prefix (helpers.go)
  throw new KubectlError(`the server doesn't have a resource type "${input}"`);
}

/** pkg/explain jsonPathParse, for paths of plain field names: "pods.spec" → ["pods", "spec"]. */
function fieldNodes(input: string): string[] {
  const trimmed = input.endsWith('.') ? input.slice(0, -1) : input;
  // "{." + ".spec" + "}" starts with a recursive-descent node, which callers skip like a first field
  return trimmed.startsWith('.') ? ['..', ...trimmed.slice(1).split('.')] : trimmed.split('.');
}

/** SplitAndParseResourceRequestWithMatchingPrefix: "deployments.apps.spec" picks the apps group. */
function parseWithMatchingPrefix(registry: ResourceRegistry, input: string): { gvr: Gvr; path: string[] } {
  const [resource] = fieldNodes(input);
  const types = resourcesFor(registry, resource);
  for (const t of types) {
    const groupResource = t.group ? `${t.resource}.${t.group}` : t.resource;
    if (input.startsWith(groupResource)) {
      const suffix = input.slice(groupResource.length);
      return { gvr: t, path: suffix ? fieldNodes(suffix).slice(1) : [] };
    }
  }
  return { gvr: types[0], path: fieldNodes(input).slice(1) };
}

/** schema.ParseGroupVersion. */
function parseGroupVersion(value: string): { group: string; version: string } {
  const parts = value.split('/');
  if (parts.length === 1) return { group: '', version: value };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  throw new KubectlError(`error: unexpected GroupVersion string: ${value}`);
}

function explain(k: Kubectl, flags: ParsedFlags): number {
  const args = flags.args;
  // Validate()'s messages end in "\n", so checkErr's fatal() adds no second one
  if (args.length === 0) {
    throw new KubectlError(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  }
  if (args.length > 1) throw new KubectlError('error: We accept only this format: explain RESOURCE');
  const registry = k.cluster().registry;
  const apiVersion = str(flags, 'api-version') ?? '';
  const output = str(flags, 'output') ?? 'plaintext';
  let { gvr, path } = parseWithMatchingPrefix(registry, args[0]);
  if (apiVersion) {
    // SplitAndParseResourceRequest: the resource's preferred mapping, then the requested version
    const [resource, ...fields] = fieldNodes(args[0]);
    gvr = resourcesFor(registry, resource)[0];
    path = fields;
  }
  if (output === 'plaintext-openapiv2') {
    throw new KubectlError('error: --output=plaintext-openapiv2 is not simulated');
  }
  if (apiVersion) gvr = { ...parseGroupVersion(apiVersion), resource: gvr.resource };
  if (output !== 'plaintext') throw new KubectlError(`error: unrecognized format: ${output}`);
  const target: Gvr = { group: gvr.group, version: gvr.version, resource: gvr.resource };
  const served = servedTypes(registry);
  if (!served.some((t) => t.group === target.group && t.version === target.version)) {
    throw new KubectlError(`error: couldn't find resource for "${gvrString(target)}"`);
  }
  const type = served.find(
    (t) => t.group === target.group && t.version === target.version && t.resource === target.resource,
  );
  const schemas = builtinSchemas();
  const gvk = type && { group: type.group, version: type.version, kind: type.kind };
  if (!gvk || !schemas.forKind(gvk)) {
    throw new KubectlError(`error: GVR (${gvrString(target)}) not found in OpenAPI schema`);
  }
  try {
    k.out(renderExplain(schemas, gvk, path, bool(flags, 'recursive')));
  } catch (e) {
    if (!(e instanceof ExplainError)) throw e;
    k.out(e.output);
    throw new KubectlError(e.message);
  }
  return 0;
}

export const EXPLAIN_COMMANDS: CommandTable = {
  explain: {
    flags: [flag('recursive', 'bool'), flag('api-version'), flag('output', 'string', 'o')],
    run: explain,
  },
};
