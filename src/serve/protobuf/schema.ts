// The shape of schema.json (written by scripts/protobuf-schema.ts from kubernetes/api and
// apimachinery v0.32.4) and its lookups: which message a kind is, and each message's fields.
import { readFileSync } from 'node:fs';

/**
 * One field: [protobuf number, json name ('' for an inlined struct), flags, type, map value
 * type?, Go field name when it is not the capitalised json name?]. Flags: o omitempty,
 * p pointer, i inline, r repeated, m map (type is then the key's scalar type). A type is a
 * protobuf scalar ("string", "int32", "bytes", ...) or a message reference "alias.Name".
 */
export type FieldDef = [number, string, string, string, string?, string?];

/**
 * A message: its fields in Go struct order; or the name of a type whose JSON apimachinery writes
 * by hand (Time, MicroTime, Duration, FieldsV1, Quantity, IntOrString, RawExtension); or
 * "[]T" for a named slice type wrapped in a message of its items (+protobuf.nullable=true).
 */
export type MessageDef = FieldDef[] | string;

export interface ProtobufSchema {
  /** Package alias ("core/v1", "meta/v1") => protobuf package ("k8s.io.api.core.v1"). */
  packages: Record<string, string>;
  /** apiVersion ("apps/v1", "v1") => package alias. */
  groupVersions: Record<string, string>;
  /** "alias.Name" => message. */
  messages: Record<string, MessageDef>;
}

let loaded: ProtobufSchema | undefined;

/** The schema, read once. */
export function protobufSchema(): ProtobufSchema {
  loaded ??= JSON.parse(readFileSync(new URL('./schema.json', import.meta.url), 'utf8')) as ProtobufSchema;
  return loaded;
}

/** The message reference of a kind ("apps/v1", "Deployment" => "apps/v1.Deployment"), if served. */
export function kindMessage(apiVersion: string, kind: string): string | undefined {
  const schema = protobufSchema();
  const alias = schema.groupVersions[apiVersion];
  if (!alias) return undefined;
  const ref = `${alias}.${kind}`;
  return ref in schema.messages ? ref : undefined;
}
