// Object encodings kubectl asks for: the metav1.Table of `kubectl get` (Accept
// application/json;as=Table;v=v1;g=meta.k8s.io), with PartialObjectMetadata rows unless
// includeObject=Object, and plain lists whose built-in items carry no apiVersion/kind.
import { BUILTIN_RESOURCES, groupVersion, type ResourceType } from '../../engine/kube/api/resources.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { serverTable } from '../../engine/kube/kubectl/commands/get.ts';

/** Whether the Accept header asks for a meta.k8s.io Table (v1 or v1beta1). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}

/** metav1.Table of objects of one type; `includeObject` is the query parameter (Metadata by default). */
export function tableOf(
  cluster: Cluster,
  type: ResourceType,
  objects: KubeObject[],
  includeObject: string | null,
  resourceVersion: string,
): Record<string, unknown> {
  const table = serverTable(cluster, type, objects);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: table.columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority,
    })),
    rows: table.rows.map((row) => ({ cells: row.cells, object: rowObject(row.object, includeObject) })),
  };
}

/** The object embedded in a row (apiserver's includeObject policy: None, Metadata, Object). */
function rowObject(obj: KubeObject, includeObject: string | null): unknown {
  if (includeObject === 'None') return null;
  if (includeObject === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** A KindList; the typed lists of built-in kinds serialise their items without type meta. */
export function listOf(
  type: ResourceType,
  objects: KubeObject[],
  resourceVersion: string,
): Record<string, unknown> {
  const builtin = BUILTIN_RESOURCES.some((t) => t.group === type.group && t.resource === type.resource);
  const items = builtin
    ? objects.map(({ apiVersion: _v, kind: _k, ...rest }) => rest)
    : objects.map((o) => ({ ...o, apiVersion: groupVersion(type), kind: type.kind }));
  return { kind: `${type.kind}List`, apiVersion: groupVersion(type), metadata: { resourceVersion }, items };
}
