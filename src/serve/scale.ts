// The scale subresource of deployments, replicasets, statefulsets and replicationcontrollers:
// GET, PUT and PATCH of an autoscaling/v1 Scale read from and written to the parent's
// spec.replicas (kubernetes pkg/registry/apps/deployment/storage/storage.go ScaleREST,
// scaleFromDeployment; the same for replicasets, statefulsets and core's controllers).

import {
  formatSelector,
  type LabelSelectorObject,
  selectorFromObject,
} from '../../engine/kube/api/selectors.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { badRequest } from '../../engine/kube/apiserver/errors.ts';
import { managerOrUserAgent } from '../../engine/kube/apiserver/managed-fields-update.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import { decodeObjectBody } from './bodies.ts';
import { type ApiRequest, type ApiResponse, methodNotAllowed, typed } from './handlers.ts';
import { applyPatchBody } from './patch.ts';
import type { ResourceRoute } from './routes.ts';

/** The resources whose discovery lists a `/scale` subresource (autoscaling/v1 Scale). */
export const SCALABLE = ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'];

/**
 * The parent's selector as Scale.status.selector carries it: LabelSelectorAsSelector(...).String()
 * for the apps kinds, labels.SelectorFromSet(...).String() for a replication controller's map.
 */
function selectorText(parent: KubeObject): string {
  const sel = parent.spec?.selector;
  if (!sel) return '';
  const object: LabelSelectorObject =
    parent.kind === 'ReplicationController' ? { matchLabels: sel as Record<string, string> } : sel;
  const parsed = selectorFromObject(object);
  return parsed ? formatSelector(parsed) : '';
}

/** scaleFromDeployment and its siblings: metadata from the parent, replicas and selector. */
export function scaleOf(parent: KubeObject): KubeObject {
  const m = parent.metadata;
  const status: Record<string, unknown> = { replicas: parent.status?.replicas ?? 0 };
  const selector = selectorText(parent);
  if (selector) status.selector = selector;
  const spec: Record<string, unknown> = {};
  // autoscaling/v1 ScaleSpec.replicas is omitempty
  if (parent.spec?.replicas) spec.replicas = parent.spec.replicas;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec,
    status,
  };
}

/** GET, PUT or PATCH on RESOURCE/NAME/scale. */
export function serveScale(cluster: Cluster, route: ResourceRoute, req: ApiRequest): ApiResponse {
  const { type } = route;
  const namespace = route.namespace ?? '';
  const name = route.name ?? '';
  const parent = typed(type, cluster.store.get(type, namespace, name));
  const dryRun = req.query.getAll('dryRun').includes('All');
  let wanted: KubeObject;
  switch (req.method) {
    case 'GET':
      return { status: 200, body: scaleOf(parent) };
    case 'PUT':
      wanted = decodeObjectBody(type, req);
      break;
    case 'PATCH':
      wanted = applyPatchBody(type, scaleOf(parent), req.contentType ?? '', req.body);
      break;
    default:
      throw methodNotAllowed();
  }
  if (wanted.metadata?.name !== undefined && wanted.metadata.name !== name)
    throw badRequest('the name of the object does not match the name on the URL');
  const replicas = wanted.spec?.replicas ?? 0;
  // scaleUpdatedObjectInfo: the Scale's resourceVersion is the parent's update precondition
  const next: KubeObject = {
    ...parent,
    metadata: {
      ...parent.metadata,
      resourceVersion: wanted.metadata?.resourceVersion || parent.metadata.resourceVersion,
    },
    spec: { ...parent.spec, replicas },
  };
  // the answer is the Scale as the update stored it, before controllers react
  const userAgent = req.headers?.['user-agent'];
  const manager = managerOrUserAgent(
    req.query.get('fieldManager'),
    Array.isArray(userAgent) ? userAgent[0] : userAgent,
  );
  const body = scaleOf(typed(type, cluster.store.update(next, { dryRun, manager, subresource: 'scale' })));
  if (!dryRun) cluster.runtime.settle();
  return { status: 200, body };
}
