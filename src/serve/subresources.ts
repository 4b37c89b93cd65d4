// Subresources other than status, by RESOURCE/SUBRESOURCE: scale, pods/eviction,
// serviceaccounts/token, and pods/log,
// exec, attach, portforward answered elsewhere (they stream); the rest answer 405. Also the
// discovery entries of the served subresources, as the API server lists them.
import type { ResourceType } from '../../engine/kube/api/resources.ts';
import { badRequest, StatusError } from '../../engine/kube/apiserver/errors.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { issueToken } from '../../engine/kube/kubectl/create/token.ts';
import { evictPod } from '../../engine/kube/kubectl/patch/eviction.ts';
import { decodeObjectBody, decodeTypedBody } from './bodies.ts';
import { type ApiRequest, type ApiResponse, methodNotAllowed } from './handlers.ts';
import type { ResourceRoute } from './routes.ts';
import { SCALABLE, serveScale } from './scale.ts';

/** The part of an Eviction's deleteOptions the eviction honours. */
interface EvictionDeleteOptions {
  dryRun?: string[];
  gracePeriodSeconds?: number | null;
}

type SubresourceHandler = (cluster: Cluster, route: ResourceRoute, req: ApiRequest) => ApiResponse;

/**
 * POST pods/NAME/eviction with a policy/v1 Eviction (pkg/registry/core/pod/storage/eviction.go):
 * the engine's eviction (disruption budgets, 429) and, when allowed, the pod's deletion.
 */
function serveEviction(cluster: Cluster, route: ResourceRoute, req: ApiRequest): ApiResponse {
  if (req.method !== 'POST') throw methodNotAllowed();
  const eviction = decodeObjectBody(route.type, req) as {
    metadata?: { name?: string };
    deleteOptions?: EvictionDeleteOptions;
  };
  const name = route.name ?? '';
  if (eviction.metadata?.name && eviction.metadata.name !== name)
    throw badRequest(`name in URL does not match name in Eviction object`);
  const dryRun =
    req.query.getAll('dryRun').includes('All') || (eviction.deleteOptions?.dryRun ?? []).includes('All');
  evictPod(cluster, route.namespace ?? '', name, {
    dryRun,
    gracePeriodSeconds: eviction.deleteOptions?.gracePeriodSeconds ?? undefined,
  });
  if (!dryRun) cluster.runtime.settle();
  // the Create handler answers the REST's &metav1.Status{Status: Success} with 201
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' } };
}

/**
 * POST serviceaccounts/NAME/token with an authentication.k8s.io/v1 TokenRequest
 * (pkg/registry/core/serviceaccount/storage/token.go): the engine's token issuer, so the token
 * is the one the engine's kubectl create token prints.
 */
function serveToken(cluster: Cluster, route: ResourceRoute, req: ApiRequest): ApiResponse {
  if (req.method !== 'POST') throw methodNotAllowed();
  // the typed client posts protobuf (or JSON): decoded into the TokenRequest's JSON shape
  const body = decodeTypedBody(req, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' });
  const spec = (body.spec ?? {}) as { audiences?: string[] | null; expirationSeconds?: number | null };
  const dryRun = req.query.getAll('dryRun').includes('All');
  if (dryRun) throw badRequest('labbook serve --kube-api does not dry-run token requests');
  const answer = issueToken(cluster, route.namespace ?? '', route.name ?? '', {
    audiences: spec.audiences ?? [],
    expirationSeconds: spec.expirationSeconds ?? undefined,
  });
  return { status: 201, body: answer };
}

/** Streaming subresources reached without the streaming path (e.g. exec without an upgrade). */
function notHere(_cluster: Cluster, route: ResourceRoute): ApiResponse {
  throw badRequest(`pods/${route.subresource} needs a WebSocket upgrade (pods/exec) or GET (pods/log)`);
}

const HANDLERS: Record<string, SubresourceHandler> = {
  ...Object.fromEntries(SCALABLE.map((resource) => [`${resource}/scale`, serveScale])),
  'pods/eviction': serveEviction,
  'pods/exec': notHere,
  'serviceaccounts/token': serveToken,
};

/** Serves a request on RESOURCE/NAME/SUBRESOURCE. */
export function handleSubresource(cluster: Cluster, route: ResourceRoute, req: ApiRequest): ApiResponse {
  const handler =
    route.type.group === '' || SCALABLE.includes(route.type.resource)
      ? HANDLERS[`${route.type.resource}/${route.subresource}`]
      : undefined;
  if (handler && route.name) return handler(cluster, route, req);
  throw new StatusError(
    405,
    'MethodNotAllowed',
    `labbook serve --kube-api does not serve ${route.type.resource}/${route.subresource}`,
  );
}

/**
 * metav1.APIResource entries of a type's served subresources, for its group version's
 * discovery document (kube-apiserver lists e.g. deployments/scale as autoscaling/v1 Scale;
 * kubectl scale and drain look them up there: client-go scale/util.go, kubectl drain
 * CheckEvictionSupport).
 */
export function subresourceEntries(t: ResourceType): Record<string, unknown>[] {
  const entry = (name: string, extra: Record<string, unknown>) => ({
    name: `${t.resource}/${name}`,
    singularName: '',
    namespaced: t.namespaced,
    ...extra,
  });
  const out: Record<string, unknown>[] = [];
  if (t.group === '' && t.resource === 'pods') {
    out.push(entry('eviction', { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] }));
    out.push(entry('exec', { kind: 'PodExecOptions', verbs: ['create', 'get'] }));
    out.push(entry('log', { kind: 'Pod', verbs: ['get'] }));
  }
  if (SCALABLE.includes(t.resource) && (t.group === 'apps' || t.resource === 'replicationcontrollers'))
    out.push(
      entry('scale', {
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      }),
    );
  return out;
}
