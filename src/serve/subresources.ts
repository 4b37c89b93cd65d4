// Subresources other than status (log, scale, eviction, ...): those not simulated answer 405.
import { StatusError } from '../../engine/kube/apiserver/errors.ts';
import type { Cluster } from '../../engine/kube/cluster.ts';
import type { ApiRequest, ApiResponse } from './handlers.ts';
import type { ResourceRoute } from './routes.ts';

/** Serves a request on RESOURCE/NAME/SUBRESOURCE. */
export function handleSubresource(_cluster: Cluster, route: ResourceRoute, _req: ApiRequest): ApiResponse {
  throw new StatusError(
    405,
    'MethodNotAllowed',
    `labbook serve --kube-api does not serve ${route.type.resource}/${route.subresource}`,
  );
}
