// What the API server rejects while decoding a request body, before defaulting or validation:
// bad quantities and bad base64, reported as transformDecodeError words it
// (k8s.io/apiserver/pkg/endpoints/handlers/rest.go): "Pod in version "v1" cannot be handled as a Pod: ...".

import { parseQuantityOrError, roundUpToMilli } from '../../api/quantity.ts';
import { badRequest, type StatusError } from '../errors.ts';
import type { Json } from './meta.ts';

export function decodeError(obj: Json, message: string): StatusError {
  const apiVersion = String(obj.apiVersion ?? '');
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  return badRequest(
    `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: ${message}`,
  );
}

/** Decodes one quantity (throwing the decode error) and returns its serialised form. */
export function decodeQuantity(root: Json, value: unknown, roundToMilli = false): string {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw decodeError(root, `quantities must be strings or numbers, got ${JSON.stringify(value)}`);
  }
  const q = parseQuantityOrError(value);
  if (typeof q === 'string') throw decodeError(root, q);
  return (roundToMilli ? roundUpToMilli(q) : q).canonical;
}

/**
 * A v1.ResourceList as decoding and SetDefaults_ResourceList leave it: every value parsed and
 * rounded up to milli precision (pkg/apis/core/v1/defaults.go), printed canonically.
 */
export function decodeResourceList(root: Json, list: Json): void {
  if (!list || typeof list !== 'object') return;
  for (const k of Object.keys(list)) list[k] = decodeQuantity(root, list[k], true);
}

const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded length of a base64 []byte field, or throws Go's "illegal base64 data at input byte N". */
export function decodeBase64Length(root: Json, text: unknown): number {
  const s = String(text ?? '');
  const bad = firstIllegalBase64Byte(s);
  if (bad >= 0) throw decodeError(root, `illegal base64 data at input byte ${bad}`);
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - padding;
}

function firstIllegalBase64Byte(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '=') {
      if (!BASE64_ALPHABET.test(s.slice(i - (i % 4)))) return i;
      break;
    }
    if (!/[A-Za-z0-9+/]/.test(c)) return i;
  }
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return -1;
}

/** base64 of a UTF-8 string, as stringData is folded into data (without Node's Buffer). */
export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
