// ConfigMap and Secret strategies: SetDefaults_Secret, the v1 conversion that folds stringData into
// data, base64 decoding of data, and ValidateConfigMap / ValidateSecret with the immutable rules
// of their updates (pkg/apis/core/validation/validation.go).
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { markCreating, takeCreating } from './creating.ts';
import { base64OfText, decodeBase64Length } from './decode.ts';
import { forbidden, goQuote, invalid, key, required, tooLong } from './field.ts';
import { type Json, sameJson, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { byteLength, isConfigMapKey, nameIsDNSSubdomain } from './names.ts';

/** core.MaxSecretSize: 1 MiB for a Secret's or ConfigMap's data. */
const MAX_SIZE = 1024 * 1024;
const SIZES = new WeakMap<object, number>();

function validateConfigMap(cm: Json): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key('data', k), goQuote(k), msg));
    if (cm.binaryData && k in cm.binaryData)
      errs.push(invalid(key('data', k), goQuote(k), 'duplicate of key present in binaryData'));
    total += byteLength(String(v));
  }
  for (const k of Object.keys(cm.binaryData ?? {})) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key('binaryData', k), goQuote(k), msg));
  }
  total += SIZES.get(cm) ?? 0;
  if (total > MAX_SIZE) errs.push(tooLong('[]', MAX_SIZE));
  return errs;
}

function immutableData(obj: Json, old: Json, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable !== true) return errs;
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!sameJson(obj[f] ?? null, old[f] ?? null))
      errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

registerStrategy('ConfigMap', {
  generation: false,
  prepareForCreate(cm) {
    let size = 0;
    for (const v of Object.values(cm.binaryData ?? {})) size += decodeBase64Length(cm, v);
    SIZES.set(cm, size);
    markCreating(cm);
  },
  prepareForUpdate(cm) {
    let size = 0;
    for (const v of Object.values(cm.binaryData ?? {})) size += decodeBase64Length(cm, v);
    SIZES.set(cm, size);
  },
  // ValidateConfigMapUpdate runs its own checks before ValidateConfigMap: updates validate there.
  validate: (cm) => (takeCreating(cm) ? validateConfigMap(cm) : []),
  validateUpdate(cm, old) {
    return [
      ...validateObjectMetaUpdate(cm.metadata, old.metadata),
      ...immutableData(cm, old, ['data', 'binaryData']),
      ...validateConfigMap(cm),
    ];
  },
});

/** Convert_v1_Secret_To_core_Secret: stringData overwrites data, and is not stored. */
function foldStringData(secret: Json): void {
  if (secret.stringData && typeof secret.stringData === 'object') {
    secret.data = { ...(secret.data ?? {}) };
    for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = base64OfText(String(v));
  }
  delete secret.stringData;
}

function prepareSecret(secret: Json): void {
  foldStringData(secret);
  secret.type ||= 'Opaque';
  const sizes: Record<string, number> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) sizes[k] = decodeBase64Length(secret, v);
  SIZES.set(
    secret,
    Object.values(sizes).reduce((a, b) => a + b, 0),
  );
}

/** ValidateSecret. */
function validateSecret(secret: Json): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const data: Record<string, string> = secret.data ?? {};
  for (const k of Object.keys(data))
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key('data', k), goQuote(k), msg));
  if ((SIZES.get(secret) ?? 0) > MAX_SIZE) errs.push(tooLong('data', MAX_SIZE));
  const has = (k: string) => Object.hasOwn(data, k);
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required('data[.dockercfg]'));
      else if (!isJSONObject(data['.dockercfg']))
        errs.push(
          invalid(
            'data[.dockercfg]',
            '"<secret contents redacted>"',
            'invalid character looking for beginning of value',
          ),
        );
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required('data[.dockerconfigjson]'));
      else if (!isJSONObject(data['.dockerconfigjson'])) {
        errs.push(
          invalid(
            'data[.dockerconfigjson]',
            '"<secret contents redacted>"',
            'invalid character looking for beginning of value',
          ),
        );
      }
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password'))
        errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
  }
  return errs;
}

function isJSONObject(b64: string): boolean {
  try {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

registerStrategy('Secret', {
  generation: false,
  prepareForCreate(secret) {
    prepareSecret(secret);
    markCreating(secret);
  },
  prepareForUpdate: prepareSecret,
  // ValidateSecretUpdate runs its own checks before ValidateSecret: updates validate there.
  validate: (secret) => (takeCreating(secret) ? validateSecret(secret) : []),
  validateUpdate(secret, old) {
    const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
    if (secret.type !== old.type)
      errs.push(invalid('type', goQuote(String(secret.type ?? '')), 'field is immutable'));
    return [...errs, ...immutableData(secret, old, ['data']), ...validateSecret(secret)];
  },
});
