// kubectl create token SA: a TokenRequest answered with a JWT-shaped service-account token.
// The token is built from the cluster's seeded random source so runs are repeatable; its
// signature is random bytes, so its claims cannot be verified by anything.
import { type KubeObject, rfc3339 } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { KubectlError } from '../context.ts';
import { list, str } from '../flags.ts';
import type { GeneratorInput } from './input.ts';

/** kind's (kubeadm's) --service-account-issuer, also the default --api-audiences. */
const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** TokenRequestSpec.ExpirationSeconds default (pkg/apis/authentication/v1/defaults.go): one hour. */
const DEFAULT_EXPIRATION_SECONDS = 3600;

function base64url(bytes: number[]): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function textBytes(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}

/** A Go time.Duration as --duration takes it ("1h", "90m", "10m30s", "3600s"); ms. */
function parseDuration(text: string): number {
  const re = /([0-9.]+)(h|ms|m|s)/g;
  let total = 0;
  let consumed = '';
  for (const m of text.matchAll(re)) {
    const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
    total += Number(m[1]) * unit;
    consumed += m[0];
  }
  if (consumed !== text || text === '')
    throw new KubectlError(
      `error: invalid argument "${text}" for "--duration" flag: time: invalid duration "${text}"`,
    );
  return total;
}

function uuid(bytes: number[]): string {
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What a TokenRequest asks: its spec's audiences and expirationSeconds. */
export interface TokenRequestSpec {
  audiences: string[];
  expirationSeconds?: number;
}

/**
 * The API server's answer to POST serviceaccounts/NAME/token (a TokenRequest with its status
 * filled in): shared by the engine's kubectl and labbook serve, so both issue the same token.
 * Throws the store's NotFound when the ServiceAccount is missing.
 */
export function issueToken(
  cluster: Cluster,
  namespace: string,
  name: string,
  spec: TokenRequestSpec,
): KubeObject {
  const sa = cluster.store.get(cluster.type('serviceaccounts'), namespace, name);
  const random = cluster.random.fork(`token:${namespace}/${name}`);
  const now = Math.floor(cluster.now() / 1000);
  const expiration = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const audiences = spec.audiences.length ? spec.audiences : [ISSUER];
  const header = { alg: 'RS256', kid: base64url(random.bytes(32)) };
  // jose serializes the merged claims as a map: keys sorted
  const claims = {
    aud: audiences,
    exp: now + expiration,
    iat: now,
    iss: ISSUER,
    jti: uuid(random.bytes(16)),
    'kubernetes.io': { namespace, serviceaccount: { name, uid: sa.metadata.uid } },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const signature = base64url(random.bytes(256));
  const token = `${base64url(textBytes(JSON.stringify(header)))}.${base64url(textBytes(JSON.stringify(claims)))}.${signature}`;
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds: expiration, boundObjectRef: null },
    status: { token, expirationTimestamp: rfc3339((now + expiration) * 1000) },
  };
}

/** Issues the token (the ServiceAccount must exist) and returns the text kubectl prints. */
export function createToken(g: GeneratorInput, cluster: Cluster): string {
  const durationText = str(g.flags, 'duration');
  const duration = durationText ? parseDuration(durationText) : 0;
  if (duration % 1000 !== 0)
    throw new KubectlError('error: --duration cannot be expressed in units less than seconds');
  const audiences = list(g.flags, 'audience');
  if (audiences.some((a) => a === ''))
    throw new KubectlError('error: --audience must not be an empty string');
  try {
    const answer = issueToken(cluster, g.k.namespace, g.name, {
      audiences,
      expirationSeconds: duration ? duration / 1000 : undefined,
    });
    return answer.status.token;
  } catch (e) {
    if (e instanceof StatusError) throw new KubectlError(`error: failed to create token: ${e.message}`);
    throw e;
  }
}
