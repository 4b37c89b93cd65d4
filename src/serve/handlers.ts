// The REST verbs on resources (GET, LIST, POST, PUT, PATCH, DELETE) against the simulated
// cluster's store, answering with objects, lists, Tables or metav1.Status errors. After every
// write that is not a dry run the cluster's runtime settles, as the engine's own kubectl does.
import { groupVersion, type ResourceType } from '../../engine/kube/api/resources.ts';
import {
  type FieldRequirement,
  parseFieldSelector,
  parseLabelSelector,
  type Selector,
  SelectorError,
} from '../../engine/kube/api/selectors.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { badRequest, invalid, StatusError } from '../../engine/kube/apiserver/errors.ts';
import { isFieldValidation } from '../../engine/kube/apiserver/field-validation.ts';
import { goQuote, notSupported } from '../../engine/kube/apiserver/kinds/field.ts';
import { managerOrUserAgent } from '../../engine/kube/apiserver/managed-fields-update.ts';
import type { DeleteOptions, FieldValidationRequest } from '../../engine/kube/apiserver/store.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { answerAccessReview, isAccessReview } from './access-review.ts';
import { decodeObjectBody } from './bodies.ts';
import { applyPatchBody, isApplyPatch, serveApplyPatch } from './patch.ts';
import type { ResourceRoute } from './routes.ts';
import { handleSubresource } from './subresources.ts';
import { listOf, tableOf, wantsTable } from './tables.ts';

export interface ApiRequest {
  method: string;
  query: URLSearchParams;
  accept?: string;
  contentType?: string;
  /** The body as text (JSON, YAML and patch bodies). */
  body: string;
  /** The body's bytes (protobuf bodies). */
  raw: Uint8Array;
  /** Request headers (lower-case names), for impersonation. */
  headers?: Record<string, string | string[] | undefined>;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** Texts of the Warning headers (299 warnings). */
  warnings?: string[];
}

export interface Selection {
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

/** metav1.Status for an error (the body of every failed API call). */
export function statusBody(e: StatusError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    reason: e.reason,
  };
  if (Object.keys(e.details).length > 0) body.details = e.details;
  body.code = e.code;
  return body;
}

/** labelSelector and fieldSelector query parameters; bad syntax is a 400. */
export function selection(query: URLSearchParams): Selection {
  try {
    const l = query.get('labelSelector');
    const f = query.get('fieldSelector');
    return {
      labelSelector: l ? parseLabelSelector(l) : undefined,
      fieldSelector: f ? parseFieldSelector(f) : undefined,
    };
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
}

/** The object with the type meta of the URL's type (store objects may lack kind). */
export function typed(type: ResourceType, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: groupVersion(type), kind: type.kind };
}

/** Serves one request on a resource URL (not watches); errors become Status bodies. */
export function handleResource(cluster: Cluster, route: ResourceRoute, req: ApiRequest): ApiResponse {
  try {
    cluster.runtime.catchUp();
    return dispatch(cluster, route, req);
  } catch (e) {
    if (e instanceof StatusError) return { status: e.code, body: statusBody(e) };
    const message = e instanceof Error ? e.message : String(e);
    return { status: 500, body: statusBody(new StatusError(500, 'InternalError', message)) };
  }
}

function dispatch(cluster: Cluster, route: ResourceRoute, req: ApiRequest): ApiResponse {
  const { type, name, subresource } = route;
  if (subresource && subresource !== 'status') return handleSubresource(cluster, route, req);
  const rv = () => String(cluster.store.resourceVersion);
  const dryRun = req.query.getAll('dryRun').includes('All');
  const fieldValidation: FieldValidationRequest =
    req.method in OPTIONS_KIND ? fieldValidationOf(req) : { directive: 'Ignore', warnings: [] };
  const warnings = fieldValidation.warnings;
  const userAgent = req.headers?.['user-agent'];
  const manager = managerOrUserAgent(
    req.query.get('fieldManager'),
    Array.isArray(userAgent) ? userAgent[0] : userAgent,
  );
  switch (req.method) {
    case 'GET': {
      const table = wantsTable(req.accept);
      if (name) {
        const obj = typed(type, cluster.store.get(type, route.namespace ?? '', name));
        return {
          status: 200,
          body: table ? tableOf(cluster, type, [obj], req.query.get('includeObject'), rv()) : obj,
        };
      }
      const objects = cluster.store
        .list(type, route.namespace, selection(req.query))
        .map((o) => typed(type, o));
      return {
        status: 200,
        body: table
          ? tableOf(cluster, type, objects, req.query.get('includeObject'), rv())
          : listOf(type, objects, rv()),
      };
    }
    case 'POST': {
      if (name) throw methodNotAllowed();
      const obj = withUrlNamespace(route, decodeObjectBody(type, req));
      if (isAccessReview(type)) return answerAccessReview(cluster, type, obj, req);
      const created = typed(
        type,
        cluster.store.create(
          { ...obj, apiVersion: groupVersion(type), kind: type.kind },
          { dryRun, fieldValidation, manager },
        ),
      );
      if (!dryRun) cluster.runtime.settle();
      return { status: 201, body: created, warnings };
    }
    case 'PUT': {
      if (!name) throw methodNotAllowed();
      const obj = withUrlNamespace(route, decodeObjectBody(type, req));
      if (obj.metadata?.name !== name)
        throw badRequest('the name of the object does not match the name on the URL');
      const updated = cluster.store.update(
        { ...obj, apiVersion: groupVersion(type), kind: type.kind },
        { dryRun, status: subresource === 'status', fieldValidation, manager },
      );
      if (!dryRun) cluster.runtime.settle();
      return { status: 200, body: typed(type, updated), warnings };
    }
    case 'PATCH': {
      if (!name) throw methodNotAllowed();
      if (isApplyPatch(req.contentType) && !subresource) {
        const applied = serveApplyPatch(cluster, {
          type,
          namespace: route.namespace,
          name,
          body: req.body,
          query: req.query,
        });
        if (!dryRun) cluster.runtime.settle();
        return { status: applied.status, body: typed(type, applied.body) };
      }
      const live = typed(type, cluster.store.get(type, route.namespace ?? '', name));
      const patched = applyPatchBody(type, live, req.contentType ?? '', req.body);
      const updated = cluster.store.update(patched, {
        dryRun,
        status: subresource === 'status',
        fieldValidation,
        manager,
      });
      if (!dryRun) cluster.runtime.settle();
      return { status: 200, body: typed(type, updated), warnings };
    }
    case 'DELETE': {
      if (!name) throw methodNotAllowed();
      const namespace = route.namespace ?? '';
      const deleted = cluster.store.delete(type, namespace, name, { ...deleteOptions(req), dryRun });
      if (dryRun) return { status: 200, body: typed(type, deleted) };
      cluster.runtime.settle();
      const remaining = cluster.store.peek(type, namespace, name);
      if (remaining && remaining.metadata.uid === deleted.metadata.uid)
        return { status: 200, body: typed(type, cluster.store.get(type, namespace, name)) };
      return {
        status: 200,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name, group: type.group, kind: type.resource, uid: deleted.metadata.uid },
        },
      };
    }
    default:
      throw methodNotAllowed();
  }
}

const OPTIONS_KIND: Record<string, string> = {
  POST: 'CreateOptions',
  PUT: 'UpdateOptions',
  PATCH: 'PatchOptions',
};

/**
 * The fieldValidation query parameter (Warn when empty, as handlers/rest.go defaults it); other
 * values fail the options' validation (apimachinery metav1 validation ValidateFieldValidation,
 * a NotSupported error listing the allowed set in order).
 */
function fieldValidationOf(req: ApiRequest): FieldValidationRequest {
  const value = req.query.get('fieldValidation') ?? '';
  const directive = value === '' ? 'Warn' : value;
  if (!isFieldValidation(directive))
    throw invalid('meta.k8s.io', OPTIONS_KIND[req.method] ?? 'CreateOptions', '', [
      notSupported('fieldValidation', goQuote(value), ['', 'Ignore', 'Strict', 'Warn']),
    ]);
  return { directive, warnings: [], patch: req.method === 'PATCH' };
}

export function methodNotAllowed(): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

/**
 * The URL's namespace fills an object without one; a different one is refused
 * (apiserver rest.EnsureObjectNamespaceMatchesRequestNamespace).
 */
function withUrlNamespace(route: ResourceRoute, obj: KubeObject): KubeObject {
  if (!route.type.namespaced) return obj;
  const ns = route.namespace ?? '';
  if (!obj.metadata.namespace) obj.metadata.namespace = ns;
  else if (obj.metadata.namespace !== ns)
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  return obj;
}

/** metav1.DeleteOptions from the body kubectl sends, overridden by query parameters. */
function deleteOptions(req: ApiRequest): DeleteOptions {
  let body: Record<string, unknown> = {};
  if (req.body.trim()) {
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      throw badRequest('the body of the request could not be decoded as DeleteOptions');
    }
  }
  const policy = req.query.get('propagationPolicy') ?? (body.propagationPolicy as string | undefined);
  const grace = req.query.get('gracePeriodSeconds') ?? (body.gracePeriodSeconds as number | undefined);
  const options: DeleteOptions = {};
  if (policy !== undefined && policy !== null) {
    // unknown policies are ignored here (the real server answers 422; its wording is not simulated)
    if (policy === 'Foreground' || policy === 'Background' || policy === 'Orphan')
      options.propagationPolicy = policy;
  }
  if (grace !== undefined && grace !== null) options.gracePeriodSeconds = Number(grace);
  return options;
}
