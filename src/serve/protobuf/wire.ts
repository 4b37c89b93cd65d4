// The protobuf wire format as the Go code generated for Kubernetes types reads it: tags, varints,
// length-delimited fields; malformed input fails with the errors gogo-protobuf's generated
// Unmarshal methods return (k8s.io/api/.../generated.pb.go), so Status messages read the same.

/** A decoding failure; the message is the Go error's text. */
export class WireError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/** One field as it occurs on the wire: varints as bigint, length-delimited data as bytes. */
export interface WireField {
  number: number;
  wireType: number;
  value: bigint | Uint8Array;
}

/** The fields of one message in wire order. `message` names it in errors (Go's type name). */
export function readFields(data: Uint8Array, message: string): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      // generated.pb.go: `if shift >= 64 { return ErrIntOverflowGenerated }`
      if (shift >= 64n) throw new WireError('proto: integer overflow');
      if (pos >= data.length) throw new WireError('unexpected EOF');
      const b = data[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  };
  const take = (n: number): Uint8Array => {
    if (n < 0) throw new WireError('proto: negative length found during unmarshaling');
    if (pos + n > data.length) throw new WireError('unexpected EOF');
    const bytes = data.subarray(pos, pos + n);
    pos += n;
    return bytes;
  };
  while (pos < data.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 4) throw new WireError(`proto: ${message}: wiretype end group for non-group`);
    if (number <= 0) throw new WireError(`proto: ${message}: illegal tag ${number} (wire type ${wireType})`);
    switch (wireType) {
      case WIRE_VARINT:
        fields.push({ number, wireType, value: varint() });
        break;
      case WIRE_FIXED64:
        fields.push({ number, wireType, value: littleEndian(take(8)) });
        break;
      case WIRE_FIXED32:
        fields.push({ number, wireType, value: littleEndian(take(4)) });
        break;
      case WIRE_BYTES: {
        const length = varint();
        fields.push({ number, wireType, value: take(Number(BigInt.asIntN(64, length))) });
        break;
      }
      default:
        // groups (3) never occur in Kubernetes messages; 6 and 7 are no wire types
        throw new WireError(`proto: illegal wireType ${wireType}`);
    }
  }
  return fields;
}

function littleEndian(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** The varints packed in a length-delimited repeated scalar field. */
export function packedVarints(data: Uint8Array): bigint[] {
  const values: bigint[] = [];
  let pos = 0;
  while (pos < data.length) {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new WireError('proto: integer overflow');
      if (pos >= data.length) throw new WireError('unexpected EOF');
      const b = data[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    values.push(BigInt.asUintN(64, result));
  }
  return values;
}
