// PATCH bodies by Content-Type as the API server accepts them (apiserver handlers/patch.go):
// JSON patch, JSON merge patch, for built-in kinds strategic merge patch, and server-side
// apply's application/apply-patch+yaml (fieldManager and force from the query); anything else
// is a 415 UnsupportedMediaType.
import { parse as parseYaml } from 'yaml';
import { BUILTIN_RESOURCES, type ResourceType } from '../../engine/kube/api/resources.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { badRequest, StatusError } from '../../engine/kube/apiserver/errors.ts';
import { serverSideApply } from '../../engine/kube/apiserver/server-side-apply.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import {
  applyJsonPatch,
  decodeJsonPatch,
  JsonPatchApplyError,
  JsonPatchDecodeError,
  mergePatch,
} from '../../engine/kube/kubectl/patch/json-patch.ts';
import { StrategicMergeError, strategicMerge } from '../../engine/kube/kubectl/patch/strategic-merge.ts';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
const APPLY_PATCH = 'application/apply-patch+yaml';

/**
 * The media types a PATCH accepts (apiserver endpoints/installer.go supportedTypes: JSON patch,
 * merge patch, strategic merge patch, apply patch); custom resources drop strategic merge.
 */
function acceptedTypes(type: ResourceType): string[] {
  const builtin = BUILTIN_RESOURCES.some((t) => t.group === type.group && t.resource === type.resource);
  return builtin
    ? [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH]
    : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH];
}

/** Whether a PATCH is a server-side apply (its body is the applied configuration). */
export function isApplyPatch(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim() === APPLY_PATCH;
}

export interface ApplyPatchRequest {
  type: ResourceType;
  namespace?: string;
  name: string;
  body: string;
  query: URLSearchParams;
}

/**
 * PATCH application/apply-patch+yaml: the body (YAML or JSON) applied as the query's
 * fieldManager, `force=true` taking over conflicting fields; 201 when it created the object.
 */
export function serveApplyPatch(
  cluster: Cluster,
  req: ApplyPatchRequest,
): { status: number; body: KubeObject } {
  let config: unknown;
  try {
    config = parseYaml(req.body);
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  const obj = config as KubeObject;
  obj.metadata ??= {};
  if (obj.metadata.name && obj.metadata.name !== req.name)
    throw badRequest('the name of the object does not match the name on the URL');
  obj.metadata.name = req.name;
  if (req.type.namespaced) obj.metadata.namespace ??= req.namespace;
  const { object, created } = serverSideApply(cluster.store, obj, {
    fieldManager: req.query.get('fieldManager') ?? '',
    force: req.query.get('force') === 'true',
    dryRun: req.query.getAll('dryRun').includes('All'),
    now: cluster.now(),
  });
  return { status: created ? 201 : 200, body: object };
}

/** negotiation.NewUnsupportedMediaTypeError (apiserver handlers/negotiation/errors.go). */
function unsupportedMediaType(accepted: string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/** The object after applying a PATCH body of the given Content-Type to the live object. */
export function applyPatchBody(
  type: ResourceType,
  live: KubeObject,
  contentType: string,
  body: string,
): KubeObject {
  const media = contentType.split(';')[0].trim();
  if (!acceptedTypes(type).includes(media) || media === APPLY_PATCH)
    throw unsupportedMediaType(acceptedTypes(type));
  let patch: unknown;
  try {
    patch = JSON.parse(body);
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
  if (media === JSON_PATCH) {
    try {
      return applyJsonPatch(live, decodeJsonPatch(patch as never)) as KubeObject;
    } catch (e) {
      if (e instanceof JsonPatchDecodeError) throw badRequest(e.message);
      // handlers/patch.go answers a failed JSON patch with a generic 422
      if (e instanceof JsonPatchApplyError)
        throw new StatusError(
          422,
          'Invalid',
          'the server rejected our request due to an error in our request',
        );
      throw e;
    }
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  if (media === MERGE_PATCH) return mergePatch(live as never, patch as never) as KubeObject;
  try {
    return strategicMerge(
      live.kind,
      live as Record<string, unknown>,
      patch as Record<string, unknown>,
    ) as KubeObject;
  } catch (e) {
    if (e instanceof StrategicMergeError) throw new StatusError(500, 'InternalError', e.message);
    throw e;
  }
}
