// The delete path's rules: graceful pod deletion, finalizers (foregroundDeletion, namespace spec.finalizers), protected namespaces, and orphaning dependents.
import type { ResourceType } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { forbidden } from './errors.ts';
import type { Store } from './store.ts';
import type { DeleteOptions } from './store-types.ts';

/**
 * What a delete request did to the copy of the stored object it was given: `remove` means the
 * object goes at once, `pending` that it was already being deleted (nothing changes), `marked`
 * that the copy now carries its deletionTimestamp and must be written.
 */
export type DeletionOutcome = 'remove' | 'pending' | 'marked';

/**
 * Applies a delete request to `next`, a copy of the stored object, at RFC 3339 time `now`.
 * Objects with finalizers, and pods given a grace period, are marked rather than removed.
 */
export function markForDeletion(
  type: ResourceType,
  name: string,
  next: KubeObject,
  options: DeleteOptions,
  now: string,
): DeletionOutcome {
  const policy = options.propagationPolicy ?? 'Background';
  if (policy === 'Foreground' && !next.metadata.finalizers?.includes('foregroundDeletion')) {
    next.metadata.finalizers = [...(next.metadata.finalizers ?? []), 'foregroundDeletion'];
  }
  let grace = 0;
  if (type.kind === 'Pod') {
    grace = options.gracePeriodSeconds ?? next.spec?.terminationGracePeriodSeconds ?? 30;
    // an unscheduled or finished pod goes at once (pkg/registry/core/pod/strategy.go)
    const phase = next.status?.phase;
    if (!next.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  }
  if (type.kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(name)) {
    throw forbidden('', 'namespaces', name, 'this namespace may not be deleted');
  }
  const finalizers = [
    ...(next.metadata.finalizers ?? []),
    ...(type.kind === 'Namespace' ? (next.spec?.finalizers ?? []) : []),
  ];
  if (finalizers.length === 0 && grace === 0) return 'remove';
  if (next.metadata.deletionTimestamp) return 'pending';
  next.metadata.deletionTimestamp = now;
  if (type.kind === 'Namespace') next.status = { ...(next.status ?? {}), phase: 'Terminating' };
  if (type.kind === 'Pod' || grace > 0) next.metadata.deletionGracePeriodSeconds = grace;
  else next.metadata.deletionGracePeriodSeconds = 0;
  if (next.metadata.generation !== undefined) next.metadata.generation += 1;
  return 'marked';
}

/**
 * Whether an updated object is removed instead of stored: it is being deleted and its last
 * finalizer went away (pods are finished by the kubelet instead).
 */
export function finishesDeletion(type: ResourceType, stored: KubeObject): boolean {
  const specFinalizers = type.kind === 'Namespace' ? (stored.spec?.finalizers?.length ?? 0) : 0;
  return (
    !!stored.metadata.deletionTimestamp &&
    !stored.metadata.finalizers?.length &&
    !specFinalizers &&
    type.kind !== 'Pod'
  );
}

/** The Orphan propagation policy: drops the owner's references from every dependent. */
export function orphanDependents(store: Store, owner: KubeObject): void {
  const uid = owner.metadata.uid;
  for (const type of store.registry.all()) {
    for (const dep of store.scan(type)) {
      if (!dep.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
      store.mutate(type, dep.metadata.namespace ?? '', dep.metadata.name ?? '', (o) => {
        o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== uid);
        if (o.metadata.ownerReferences?.length === 0) delete o.metadata.ownerReferences;
      });
    }
  }
}
