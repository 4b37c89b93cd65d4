// Kubernetes protobuf bodies (application/vnd.kubernetes.protobuf): the magic "k8s\0" then a
// runtime.Unknown {typeMeta{apiVersion, kind}, raw, contentEncoding, contentType} whose raw is
// the object's message (apimachinery pkg/runtime/serializer/protobuf, runtime/generated.proto).
// Failures carry the apiserver's wording (handlers/rest.go transformDecodeError).
import { decodeMessage } from './decode.ts';
import { kindMessage } from './schema.ts';
import { readFields, WireError } from './wire.ts';

/** protobuf.go protoEncodingPrefix. */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** A body the API server cannot decode: the message of its 400 BadRequest Status. */
export class ProtobufBodyError extends Error {}

export interface KindDefaults {
  apiVersion: string;
  kind: string;
}

/**
 * The JSON object a protobuf body carries, with its kind and apiVersion first. `into` is the
 * kind the URL expects; it fills an envelope without type meta (copyKindDefaults) and names
 * the expected type in errors.
 */
export function decodeProtobufBody(body: Uint8Array, into: KindDefaults): Record<string, unknown> {
  const unrecognized = (why: string) =>
    new ProtobufBodyError(
      `the object provided is unrecognized (must be of type ${into.kind}): ${why} (${summarize(body)})`,
    );
  // protobuf.go Serializer.Decode
  if (body.length === 0) throw unrecognized('empty data');
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b))
    throw unrecognized(
      `provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`,
    );
  if (body.length === MAGIC.length) throw unrecognized('empty body');

  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array(0);
  try {
    for (const f of readFields(body.subarray(MAGIC.length), 'Unknown')) {
      if (f.number === 1) {
        for (const t of readFields(f.value as Uint8Array, 'TypeMeta')) {
          if (!(t.value instanceof Uint8Array)) continue;
          const text = new TextDecoder().decode(t.value as Uint8Array);
          if (t.number === 1) apiVersion = text;
          else if (t.number === 2) kind = text;
        }
      } else if (f.number === 2) raw = f.value as Uint8Array;
    }
  } catch (e) {
    if (e instanceof WireError) throw unrecognized(e.message);
    throw e;
  }
  // copyKindDefaults: the expected kind fills what the envelope leaves empty
  kind ||= into.kind;
  apiVersion ||= into.apiVersion;
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const cannotHandle = (why: string) =>
    new ProtobufBodyError(`${kind} in version "${version}" cannot be handled as a ${into.kind}: ${why}`);
  const ref = kindMessage(apiVersion, kind);
  // runtime.Scheme New: notRegisteredErr without the scheme's name, which is not simulated
  if (!ref) throw cannotHandle(`no kind "${kind}" is registered for version "${apiVersion}"`);
  try {
    return { kind, apiVersion, ...decodeMessage(ref, raw) };
  } catch (e) {
    if (e instanceof WireError) throw cannotHandle(e.message);
    throw e;
  }
}

/** rest.go summarizeData: JSON-looking bodies as text, others in hex, 30 bytes at most. */
function summarize(data: Uint8Array): string {
  if (data.length === 0) return '<empty>';
  const head = data.subarray(0, 30);
  const more = data.length > 30 ? ' ...' : '';
  if (data[0] === 0x7b) return new TextDecoder().decode(head) + more;
  return Buffer.from(head).toString('hex') + more;
}
