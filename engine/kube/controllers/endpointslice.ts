// The EndpointSlice controller (pkg/controller/endpointslice, v1.32): keeps the
// discovery.k8s.io/v1 EndpointSlices of every Service with a selector in step with its pods,
// through the reconciler in endpointslice-reconciler.ts.
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import {
  type ApiObject,
  formatTriggerTime,
  LAST_CHANGE_TRIGGER_TIME,
  selectedPods,
  selectsPods,
  servicesForPodEvent,
  TriggerTimeTracker,
} from './endpoints-common.ts';
import {
  CONTROLLER_NAME,
  MANAGED_BY_LABEL,
  reconcileSlices,
  SERVICE_NAME_LABEL,
} from './endpointslice-reconciler.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

/** endpointSliceChangeMinSyncDelay: a slice changed by someone else is resynced after this. */
const SLICE_CHANGE_SYNC_DELAY_MS = 1000;
/** defaultSyncBackOff: the first retry of a failed sync (e.g. a pod on a missing Node). */
const SYNC_BACKOFF_MS = 1000;
const MAX_SYNC_BACKOFF_MS = 1000 * 1000;
const MAX_RETRIES = 15;

export function startEndpointSliceController(cluster: Cluster): void {
  const queue = new WorkQueue();
  const svcType = cluster.type('services');
  const podType = cluster.type('pods');
  const nodeType = cluster.type('nodes');
  const sliceType = cluster.type('endpointslices');
  const triggers = new TriggerTimeTracker();
  const retries = new Map<string, number>();
  /** True while this controller writes, so its own slice events do not requeue the Service. */
  let writing = false;

  const managed = (slice: KubeObject) => slice.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME;
  const queueForSlice = (slice: KubeObject) => {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc) return;
    const key = keyOf(slice.metadata.namespace, svc);
    cluster.runtime.after(SLICE_CHANGE_SYNC_DELAY_MS, `endpointslice-resync ${key}`, () => queue.add(key));
  };

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === svcType) queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    else if (event.resource === podType) {
      const services = cluster.store.scan(svcType, obj.metadata.namespace);
      const old = event.type === 'MODIFIED' ? event.old : undefined;
      for (const key of servicesForPodEvent(services, obj, old)) queue.add(key);
    } else if (event.resource === sliceType && !writing) {
      // someone else changed a slice of ours (or the managed-by label moved): resync later,
      // unless its Service is gone (the garbage collector deleting the slices)
      const before = event.old;
      const ours = managed(obj) || (before !== undefined && managed(before));
      const svcName = obj.metadata.labels?.[SERVICE_NAME_LABEL];
      if (ours && svcName && cluster.store.peek(svcType, obj.metadata.namespace ?? '', svcName))
        queueForSlice(obj);
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    writing = true;
    try {
      sync(key);
    } finally {
      writing = false;
    }
    return true;
  });

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = cluster.store.peek(svcType, ns, name);
    if (!svc) {
      triggers.delete(ns, name);
      return;
    }
    if (!selectsPods(svc)) return;
    const pods = selectedPods(svc, cluster.store.scan(podType, ns));
    const slices = cluster.store
      .scan(sliceType, ns)
      .filter(
        (s) =>
          s.metadata.labels?.[SERVICE_NAME_LABEL] === name && managed(s) && !s.metadata.deletionTimestamp,
      );
    const triggerTime = triggers.compute(svc, pods);
    const changes = reconcileSlices(svc, pods, slices, (n) => cluster.store.peek(nodeType, '', n));
    try {
      if (!svc.metadata.deletionTimestamp)
        for (const slice of changes.create)
          cluster.store.create(prepare(slice, triggerTime), { manager: 'kube-controller-manager' });
      for (const slice of changes.update)
        cluster.store.update(prepare(slice, triggerTime), { manager: 'kube-controller-manager' });
      for (const slice of changes.delete) {
        if (cluster.store.peek(sliceType, ns, slice.metadata.name ?? ''))
          cluster.store.delete(sliceType, ns, slice.metadata.name ?? '');
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      cluster.events.record({
        object: svc,
        type: 'Warning',
        reason: 'FailedToUpdateEndpointSlices',
        message: `Error updating Endpoint Slices for Service ${ns}/${name}: ${message}`,
        source: { component: 'endpoint-slice-controller' },
      });
      return;
    }
    // a pod on a missing Node fails the sync: retried with backoff (1s doubling, 15 times)
    if (changes.missingNodes.length === 0) retries.delete(key);
    else {
      const n = retries.get(key) ?? 0;
      if (n < MAX_RETRIES) {
        retries.set(key, n + 1);
        const delay = Math.min(SYNC_BACKOFF_MS * 2 ** n, MAX_SYNC_BACKOFF_MS);
        cluster.runtime.after(delay, `endpointslice-retry ${key}`, () => queue.add(key), false);
      } else retries.delete(key);
    }
  }
}

/**
 * addTriggerTimeAnnotation, then the slice as the API server returns it: empty endpoint and
 * port lists come back as null (they do not survive storage).
 */
function prepare(slice: ApiObject, triggerTime: number | undefined): KubeObject {
  const annotations: Record<string, string> = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  if (Object.keys(annotations).length > 0) slice.metadata.annotations = annotations;
  else delete slice.metadata.annotations;
  if (!slice.endpoints?.length) slice.endpoints = null;
  if (!slice.ports?.length) slice.ports = null;
  return slice;
}
