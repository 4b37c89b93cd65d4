// How the store shapes objects: type metadata on what it returns, metadata fields in the API server's order, and detecting writes that change nothing.
import { groupVersion, type ResourceType } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { sameJson } from './apply-typed.ts';

/** Sets apiVersion and kind from the serving type (objects are stored without relying on them). */
export function withTypeMeta(obj: KubeObject, type: ResourceType): KubeObject {
  obj.apiVersion = groupVersion(type);
  obj.kind = type.kind;
  return obj;
}

/** Whether two objects are the same apart from metadata.resourceVersion. */
export function unchanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return sameJson(strip(a), strip(b));
}

/** Keeps metadata fields in the order the API server serialises them. */
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

/** Rebuilds metadata with its fields in serialisation order, dropping undefined ones. */
export function orderMeta(obj: KubeObject): KubeObject {
  const meta: Record<string, unknown> = {};
  for (const k of META_ORDER) if (obj.metadata[k] !== undefined) meta[k] = obj.metadata[k];
  for (const [k, v] of Object.entries(obj.metadata)) if (!(k in meta) && v !== undefined) meta[k] = v;
  obj.metadata = meta;
  return obj;
}
