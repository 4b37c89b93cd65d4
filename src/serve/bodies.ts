// Request bodies of POST and PUT decoded by Content-Type into the JSON form of the object, as
// the API server's codec factory does: JSON; anything else is a 415 listing what is served.
import type { ResourceType } from '../../engine/kube/api/resources.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { badRequest, StatusError } from '../../engine/kube/apiserver/errors.ts';
import type { ApiRequest } from './handlers.ts';

/** The media type of a Content-Type header without its parameters (JSON when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? 'application/json').split(';')[0].trim() || 'application/json';
}

/** The object a POST or PUT body carries. */
export function decodeObjectBody(_type: ResourceType, req: ApiRequest): KubeObject {
  const media = mediaType(req.contentType);
  if (media !== 'application/json')
    // apiserver handlers/negotiation NewUnsupportedMediaTypeError, listing what is served
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json',
    );
  return parseJsonObject(req.body);
}

function parseJsonObject(text: string): KubeObject {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw badRequest('the body of the request must be an object');
  const o = obj as KubeObject;
  o.metadata ??= {};
  return o;
}
