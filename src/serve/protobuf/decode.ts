// A protobuf-encoded Kubernetes message turned into the JSON that encoding/json gives the Go
// object gogo-protobuf's Unmarshal fills from it: fields in Go struct order under their json
// names; omitempty drops zero scalars, empty slices and maps and nil pointers; pointers present
// on the wire stay even when zero; structs are always written (zero ones too); nil slices and
// maps of fields without omitempty are null; []byte is base64; map keys are sorted.
import {
  durationJson,
  intOrStringJson,
  microTimeJson,
  quantityJson,
  rawJson,
  timeJson,
} from './go-values.ts';
import { protobufSchema } from './schema.ts';
import {
  packedVarints,
  readFields,
  WIRE_BYTES,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_VARINT,
  WireError,
  type WireField,
} from './wire.ts';

type Json = unknown;

const EMPTY = new Uint8Array(0);

/** The JSON object of a message ("core/v1.ConfigMap") decoded from its bytes. */
export function decodeMessage(ref: string, data: Uint8Array): Record<string, Json> {
  return decodeValue(ref, data) as Record<string, Json>;
}

function messageName(ref: string): string {
  return ref.slice(ref.lastIndexOf('.') + 1);
}

/** A message-typed value: custom JSON types by name, wrappers as arrays, structs as objects. */
function decodeValue(ref: string, data: Uint8Array): Json {
  const def = protobufSchema().messages[ref];
  if (def === undefined) throw new Error(`protobuf schema has no message ${ref}`);
  const name = messageName(ref);
  // Time and MicroTime are Timestamps on the wire (+protobuf.as=Timestamp)
  const wireName = def === 'Time' || def === 'MicroTime' ? 'Timestamp' : name;
  const fields = readFields(data, wireName);
  if (typeof def === 'string') {
    switch (def) {
      case 'Time':
        return timeJson(data, fields);
      case 'MicroTime':
        return microTimeJson(data, fields);
      case 'Duration':
        return durationJson(fields);
      case 'Quantity':
        return quantityJson(fields);
      case 'IntOrString':
        return intOrStringJson(fields);
      case 'RawExtension':
      case 'FieldsV1':
        return rawJson(fields);
    }
    // "[]T": a named slice in a message of its items (field 1); none is a nil slice
    const items = fields.filter((f) => f.number === 1);
    const itemType = def.slice(2);
    return items.length === 0 ? null : items.map((f) => scalarOrMessage(itemType, f, 'Items'));
  }
  const out: Record<string, Json> = {};
  for (const fieldDef of def) {
    const [number, json, flags, type, valueType, goName] = fieldDef;
    const fieldName = goName || json.charAt(0).toUpperCase() + json.slice(1);
    const occurrences = fields.filter((f) => f.number === number);
    const omitempty = flags.includes('o');
    const isMessage = type.includes('.');
    if (flags.includes('m')) {
      const entries = occurrences.map((f) => mapEntry(f, type, valueType as string, name, fieldName));
      if (entries.length === 0) {
        if (!omitempty) out[json] = null;
        continue;
      }
      const map = Object.fromEntries(entries);
      out[json] = Object.fromEntries(
        Object.keys(map)
          .sort()
          .map((k) => [k, map[k]]),
      );
    } else if (flags.includes('r')) {
      const values = occurrences.flatMap((f) => repeated(type, f, fieldName));
      if (values.length === 0) {
        if (!omitempty) out[json] = null;
      } else out[json] = values;
    } else if (isMessage) {
      const present = occurrences.length > 0;
      if (!present && flags.includes('p')) {
        if (!omitempty) out[json] = null;
        continue;
      }
      for (const f of occurrences) expectWireType(f, WIRE_BYTES, fieldName);
      // a message field seen twice merges, as decoding the concatenated bytes does
      const value = decodeValue(type, concat(occurrences.map((f) => f.value as Uint8Array)));
      if (flags.includes('i')) Object.assign(out, value as Record<string, Json>);
      else out[json] = value;
    } else {
      const last = occurrences.at(-1);
      if (!last) {
        if (flags.includes('p')) {
          if (!omitempty) out[json] = null;
        } else if (!omitempty) out[json] = zeroScalar(type);
        continue;
      }
      const value = scalar(type, last, fieldName);
      if (omitempty && !flags.includes('p') && isZero(value)) continue;
      out[json] = value;
    }
  }
  return out;
}

function mapEntry(f: WireField, keyType: string, valueType: string, message: string, fieldName: string) {
  expectWireType(f, WIRE_BYTES, fieldName);
  const entry = readFields(f.value as Uint8Array, message);
  const key = entry.findLast((e) => e.number === 1);
  const value = entry.findLast((e) => e.number === 2);
  const k = key ? scalar(keyType, key, fieldName) : zeroScalar(keyType);
  let v: Json;
  if (valueType.includes('.')) v = decodeValue(valueType, value ? (value.value as Uint8Array) : EMPTY);
  // gogo gives a map value of bytes a non-nil (empty) slice even when absent
  else v = value ? scalar(valueType, value, fieldName) : zeroScalar(valueType);
  return [String(k), v] as const;
}

function repeated(type: string, f: WireField, fieldName: string): Json[] {
  if (type.includes('.') || type === 'string' || type === 'bytes') {
    return [scalarOrMessage(type, f, fieldName)];
  }
  // numbers and bools: unpacked (one per field) or packed (proto2 allows both)
  if (f.wireType === WIRE_BYTES && isVarintType(type))
    return packedVarints(f.value as Uint8Array).map((v) => varintValue(type, v));
  return [scalar(type, f, fieldName)];
}

function scalarOrMessage(type: string, f: WireField, fieldName: string): Json {
  if (!type.includes('.')) return scalar(type, f, fieldName);
  expectWireType(f, WIRE_BYTES, fieldName);
  return decodeValue(type, f.value as Uint8Array);
}

function isVarintType(type: string): boolean {
  return /^(u?int|sint)(32|64)$|^bool$/.test(type);
}

function scalar(type: string, f: WireField, fieldName: string): Json {
  switch (type) {
    case 'string':
      expectWireType(f, WIRE_BYTES, fieldName);
      return new TextDecoder().decode(f.value as Uint8Array);
    case 'bytes':
      expectWireType(f, WIRE_BYTES, fieldName);
      return Buffer.from(f.value as Uint8Array).toString('base64');
    case 'double':
      expectWireType(f, WIRE_FIXED64, fieldName);
      return floatOf(f.value as bigint, 8);
    case 'float':
      expectWireType(f, WIRE_FIXED32, fieldName);
      return floatOf(f.value as bigint, 4);
    default:
      if (!isVarintType(type)) throw new Error(`protobuf scalar type ${type} is not decoded`);
      expectWireType(f, WIRE_VARINT, fieldName);
      return varintValue(type, f.value as bigint);
  }
}

function varintValue(type: string, v: bigint): Json {
  switch (type) {
    case 'bool':
      return v !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, v));
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    case 'sint32':
    case 'sint64':
      return Number((v >> 1n) ^ -(v & 1n));
    case 'uint64':
      return Number(v);
    default:
      return Number(BigInt.asIntN(64, v));
  }
}

function floatOf(bits: bigint, size: 4 | 8): number {
  const view = new DataView(new ArrayBuffer(8));
  if (size === 8) {
    view.setBigUint64(0, bits, true);
    return view.getFloat64(0, true);
  }
  view.setUint32(0, Number(bits), true);
  return view.getFloat32(0, true);
}

function zeroScalar(type: string): Json {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return null; // a nil []byte
  return 0;
}

function isZero(value: Json): boolean {
  return value === '' || value === 0 || value === false;
}

/** generated.pb.go: `proto: wrong wireType = %d for field %s`. */
function expectWireType(f: WireField, wireType: number, fieldName: string): void {
  if (f.wireType !== wireType)
    throw new WireError(`proto: wrong wireType = ${f.wireType} for field ${fieldName}`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}
