// Request bodies of POST and PUT decoded by Content-Type into the JSON form of the object, as
// the API server's codec factory does: JSON, and Kubernetes protobuf (what kubectl's typed
// clients send: create configmap/namespace/deployment/..., drain's evictions); anything else is
// a 415 listing what is served.
import { groupVersion, type ResourceType } from '../../engine/kube/api/resources.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { badRequest, StatusError } from '../../engine/kube/apiserver/errors.ts';
import type { ApiRequest } from './handlers.ts';
import { decodeProtobufBody, ProtobufBodyError } from './protobuf/envelope.ts';

/** runtime.ContentTypeProtobuf. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/**
 * The body media types served, in the codec factory's order (apimachinery
 * runtime/serializer/codec_factory.go newSerializersForScheme: JSON, YAML, protobuf; YAML bodies
 * are not simulated), as a 415 lists them: handlers/negotiation errUnsupportedMediaType joins
 * them with ", ".
 */
const ACCEPTED = ['application/json', PROTOBUF_MEDIA_TYPE];

/** The media type of a Content-Type header without its parameters (JSON when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? 'application/json').split(';')[0].trim() || 'application/json';
}

/** The object a POST or PUT body carries. */
export function decodeObjectBody(type: ResourceType, req: ApiRequest): KubeObject {
  const media = mediaType(req.contentType);
  if (media === PROTOBUF_MEDIA_TYPE) return decodeProtobufObject(type, req.raw);
  if (media !== 'application/json')
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED.join(', ')}`,
    );
  return parseJsonObject(req.body);
}

/** A POST body of a kind that is no stored resource (e.g. a TokenRequest), as JSON. */
export function decodeTypedBody(req: ApiRequest, kind: { apiVersion: string; kind: string }): KubeObject {
  const media = mediaType(req.contentType);
  if (media === PROTOBUF_MEDIA_TYPE) {
    try {
      return decodeProtobufBody(req.raw, kind) as KubeObject;
    } catch (e) {
      if (e instanceof ProtobufBodyError) throw badRequest(e.message);
      throw e;
    }
  }
  return req.body.trim() ? parseJsonObject(req.body) : ({ metadata: {} } as KubeObject);
}

/**
 * A protobuf body as the JSON object encoding/json gives the same Go object; a body that does
 * not decode is a 400 worded as the apiserver's transformDecodeError words it.
 */
export function decodeProtobufObject(type: ResourceType, raw: Uint8Array): KubeObject {
  let obj: Record<string, unknown>;
  try {
    obj = decodeProtobufBody(raw, { apiVersion: groupVersion(type), kind: type.kind });
  } catch (e) {
    if (e instanceof ProtobufBodyError) throw badRequest(e.message);
    throw e;
  }
  const o = obj as KubeObject;
  o.metadata ??= {};
  return o;
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
