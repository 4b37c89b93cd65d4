// /openapi/v3 for kubectl explain and kubectl's field-validation check: one document per
// group/version, with the schemas the engine's explain renders (engine/kube/explain/data) and,
// per resource, the paths kube-openapi publishes with their x-kubernetes-group-version-kind.
import type { ResourceType } from '../../engine/kube/api/resources.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import part0 from '../../engine/kube/explain/data/definitions-0.json' with { type: 'json' };
import part1 from '../../engine/kube/explain/data/definitions-1.json' with { type: 'json' };
import { builtinSchemas, type CompactDefinition } from '../../engine/kube/explain/schema.ts';
import { KUBERNETES_VERSION } from '../../engine/kube/kind/bootstrap.ts';
import { servedTypes } from './discovery.ts';

let components: Record<string, unknown> | undefined;

/** Every definition, shaped as kube-openapi's v3 components (with their GVK extensions). */
function allComponents(): Record<string, unknown> {
  if (components) return components;
  const compact = { ...part0, ...part1 } as unknown as Record<string, CompactDefinition>;
  const schemas = builtinSchemas();
  components = {};
  for (const [name, def] of Object.entries(compact)) {
    const schema: Record<string, unknown> = { ...schemas.definition(name) };
    if (def.gvk)
      schema['x-kubernetes-group-version-kind'] = def.gvk.map(([group, version, kind]) => ({
        group,
        kind,
        version,
      }));
    components[name] = schema;
  }
  return components;
}

function urlPrefix(t: ResourceType): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

/** The /openapi/v3 index or one group/version document; undefined for other paths. */
export function openapiDocument(cluster: Cluster, path: string): unknown {
  const types = servedTypes(cluster);
  if (path === '/openapi/v3') {
    const paths: Record<string, unknown> = {};
    for (const t of types) paths[urlPrefix(t)] = { serverRelativeURL: `/openapi/v3/${urlPrefix(t)}?hash=0` };
    return { paths };
  }
  const members = types.filter((t) => `/openapi/v3/${urlPrefix(t)}` === path);
  if (members.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of members) {
    const collection = t.namespaced
      ? `/${urlPrefix(t)}/namespaces/{namespace}/${t.resource}`
      : `/${urlPrefix(t)}/${t.resource}`;
    const gvk = { group: t.group, kind: t.kind, version: t.version };
    paths[collection] = t.verbs.includes('list')
      ? { get: { 'x-kubernetes-group-version-kind': gvk } }
      : { post: { 'x-kubernetes-group-version-kind': gvk } };
    if (t.verbs.includes('patch')) {
      // kubectl's QueryParamVerifierV3 (cli-runtime query_param_verifier_v3.go) looks for the
      // fieldValidation query parameter on the PATCH operation; the request body lists no
      // strategic-merge-patch+json, so kubectl apply computes its patch from its built-in types
      // (kubectl pkg/cmd/apply/patcher.go gvkSupportsPatchOpenAPIV3).
      paths[`${collection}/{name}`] = {
        patch: {
          'x-kubernetes-group-version-kind': gvk,
          parameters: [
            { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          ],
          requestBody: { content: { 'application/json-patch+json': {}, 'application/merge-patch+json': {} } },
        },
      };
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths,
    components: { schemas: allComponents() },
  };
}
