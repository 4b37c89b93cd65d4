// Access reviews kubectl auth can-i and whoami post (authorization.k8s.io/v1 SelfSubjectAccessReview
// and SelfSubjectRulesReview, authentication.k8s.io/v1 SelfSubjectReview), answered by the engine's RBAC authorizer for the requesting user:
// kind's admin, or whom the Impersonate-User / Impersonate-Group headers name.
import type { ResourceType } from '../../engine/kube/api/resources.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { invalid } from '../../engine/kube/apiserver/errors.ts';
import {
  type Attributes,
  impersonatedUser,
  KIND_ADMIN,
  RbacAuthorizer,
  type UserInfo,
} from '../../engine/kube/auth/rbac.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { selfSubjectReview } from '../../engine/kube/kubectl/commands/whoami.ts';
import type { ApiRequest, ApiResponse } from './handlers.ts';

/** Whether POSTs to this type are access reviews served here. */
export function isAccessReview(type: ResourceType): boolean {
  return (
    (type.group === 'authorization.k8s.io' &&
      (type.resource === 'selfsubjectaccessreviews' || type.resource === 'selfsubjectrulesreviews')) ||
    (type.group === 'authentication.k8s.io' && type.resource === 'selfsubjectreviews')
  );
}

function requestUser(req: ApiRequest): UserInfo {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const many = (v: string | string[] | undefined) =>
    v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',').map((g) => g.trim()));
  const user = one(req.headers?.['impersonate-user']);
  if (!user) return KIND_ADMIN;
  return impersonatedUser(user, many(req.headers?.['impersonate-group']));
}

/** The review with its status filled in (201, as a create answers). */
export function answerAccessReview(
  cluster: Cluster,
  type: ResourceType,
  review: KubeObject,
  req: ApiRequest,
): ApiResponse {
  const user = requestUser(req);
  // kubectl auth whoami (pkg/registry/authentication/selfsubjectreview): the user as authenticated
  if (type.resource === 'selfsubjectreviews') return { status: 201, body: selfSubjectReview(user) };
  const authorizer = new RbacAuthorizer(cluster);
  const spec = (review.spec ?? {}) as Record<string, Record<string, string> | string | undefined>;
  const base = {
    kind: type.kind,
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
  };
  if (type.resource === 'selfsubjectrulesreviews') {
    const namespace = typeof spec.namespace === 'string' ? spec.namespace : '';
    const rules = authorizer.rulesFor(user, namespace);
    const status = {
      resourceRules: rules
        .filter((r) => !r.nonResourceURLs?.length)
        .map((r) => ({
          verbs: r.verbs ?? [],
          apiGroups: r.apiGroups,
          resources: r.resources,
          resourceNames: r.resourceNames,
        })),
      nonResourceRules: rules
        .filter((r) => r.nonResourceURLs?.length)
        .map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs })),
      incomplete: false,
    };
    return { status: 201, body: { ...base, spec: review.spec ?? {}, status } };
  }
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  let attrs: Attributes;
  if (resource && typeof resource === 'object') {
    attrs = {
      verb: resource.verb ?? '',
      namespace: resource.namespace ?? '',
      group: resource.group ?? '',
      resource: resource.resource ?? '',
      subresource: resource.subresource ?? '',
      name: resource.name ?? '',
    };
  } else if (nonResource && typeof nonResource === 'object') {
    attrs = { verb: nonResource.verb ?? '', path: nonResource.path ?? '' };
  } else {
    // pkg/apis/authorization/validation ValidateSelfSubjectAccessReviewSpec (a nil pointer's value)
    throw invalid('authorization.k8s.io', type.kind, '', [
      {
        field: 'spec.resourceAttributes',
        type: 'Invalid value',
        value: '"null"',
        detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ]);
  }
  const { allowed, reason } = authorizer.authorize(user, attrs);
  const status: Record<string, unknown> = { allowed };
  if (reason) status.reason = reason;
  return { status: 201, body: { ...base, spec: review.spec, status } };
}
