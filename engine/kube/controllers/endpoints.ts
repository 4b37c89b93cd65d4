// The Endpoints controller (pkg/controller/endpoint, v1.32): one Endpoints object per Service
// with a selector, named after it, listing the selected pods' addresses (ready or not) per
// resolved port set; also starts the EndpointSlice controller and the API server's own
// endpoints for the `kubernetes` Service.
import { clone, type KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { isPodReady } from '../workloads/pods.ts';
import { startApiServerEndpointsReconciler } from './apiserver-endpoints.ts';
import {
  type ApiObject,
  findPort,
  formatTriggerTime,
  HEADLESS_LABEL,
  isServiceIPSet,
  type Json,
  LAST_CHANGE_TRIGGER_TIME,
  podIPv4,
  selectedPods,
  selectsPods,
  servicesForPodEvent,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  TriggerTimeTracker,
} from './endpoints-common.ts';
import { repackSubsets, type SubsetEntry } from './endpoints-subsets.ts';
import { startEndpointSliceController } from './endpointslice.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

/** maxCapacity: Endpoints beyond this many addresses are truncated. */
const MAX_CAPACITY = 1000;
/** v1.EndpointsOverCapacity. */
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/** Starts everything that turns Services into endpoints: Endpoints, EndpointSlices, `kubernetes`. */
export function startEndpointControllers(cluster: Cluster): void {
  startEndpointsController(cluster);
  startEndpointSliceController(cluster);
  startApiServerEndpointsReconciler(cluster);
}

/**
 * With endpoint-updates-batch-period at its default 0, pod changes queue their Services
 * at once, so Endpoints follow readiness within the same simulated instant.
 */
export function startEndpointsController(cluster: Cluster): void {
  const queue = new WorkQueue();
  const svcType = cluster.type('services');
  const podType = cluster.type('pods');
  const epType = cluster.type('endpoints');
  const triggers = new TriggerTimeTracker();

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === svcType) queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    else if (event.resource === epType && event.type === 'DELETED')
      queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    else if (event.resource === podType) {
      const services = cluster.store.scan(svcType, obj.metadata.namespace);
      const old = event.type === 'MODIFIED' ? event.old : undefined;
      for (const key of servicesForPodEvent(services, obj, old)) queue.add(key);
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    sync(key);
    return true;
  });

  function sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = cluster.store.peek(svcType, ns, name);
    if (!svc) {
      if (cluster.store.peek(epType, ns, name)) cluster.store.delete(epType, ns, name);
      triggers.delete(ns, name);
      return;
    }
    if (!selectsPods(svc)) return;
    const pods = selectedPods(svc, cluster.store.scan(podType, ns));
    const triggerTime = triggers.compute(svc, pods);
    const subsets = desiredSubsets(svc, pods);
    const current: ApiObject | undefined = cluster.store.peek(epType, ns, name);
    const serviceLabels: Record<string, string> = svc.metadata.labels ?? {};
    if (current) {
      const { [HEADLESS_LABEL]: _headless, ...compareLabels } = current.metadata.labels ?? {};
      if (
        JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) &&
        JSON.stringify(compareLabels) === JSON.stringify(serviceLabels) &&
        capacityAnnotationSetCorrectly(current)
      )
        return;
    }
    const next: KubeObject = current
      ? clone(current)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
    const labels: Record<string, string> = { ...serviceLabels };
    if (isServiceIPSet(svc)) delete labels[HEADLESS_LABEL];
    else labels[HEADLESS_LABEL] = '';
    const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    const truncated = truncate(subsets);
    if (truncated) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    setOrDrop(next.metadata, 'labels', labels);
    setOrDrop(next.metadata, 'annotations', annotations);
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    try {
      if (current) cluster.store.update(next, { manager: 'kube-controller-manager' });
      else cluster.store.create(next, { manager: 'kube-controller-manager' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      cluster.events.record({
        object: next,
        type: 'Warning',
        reason: current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint',
        message: current
          ? `Failed to update endpoint ${ns}/${name}: ${message}`
          : `Failed to create endpoint for service ${ns}/${name}: ${message}`,
        source: { component: 'endpoint-controller' },
      });
    }
  }
}

/** The subsets syncService builds: one entry per pod and resolved port, then repacked. */
export function desiredSubsets(svc: KubeObject, pods: KubeObject[]): Json[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const entries: SubsetEntry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const address: Json = {
      ip,
      ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
      nodeName: pod.spec?.nodeName ?? '',
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
      },
    };
    const ready = publishNotReady || isPodReady(pod);
    const ports: Json[] = svc.spec?.ports ?? [];
    if (ports.length === 0) {
      // headless Services may have no ports
      if (svc.spec?.clusterIP === 'None') entries.push({ address, port: null, ready });
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: Json = {};
      if (sp.name) ep.name = sp.name;
      ep.port = port;
      ep.protocol = sp.protocol ?? 'TCP';
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      entries.push({ address, port: ep, ready });
    }
  }
  return repackSubsets(entries);
}

function setOrDrop(meta: Json, field: string, map: Record<string, string>): void {
  if (Object.keys(map).length > 0) meta[field] = map;
  else delete meta[field];
}

function countAddresses(subsets: Json[]): [number, number] {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += (s.addresses ?? []).length;
    notReady += (s.notReadyAddresses ?? []).length;
  }
  return [ready, notReady];
}

/** capacityAnnotationSetCorrectly: within capacity and without the over-capacity annotation. */
function capacityAnnotationSetCorrectly(ep: ApiObject): boolean {
  const [ready, notReady] = countAddresses(ep.subsets ?? []);
  if (ready + notReady > MAX_CAPACITY) return false;
  return ep.metadata.annotations?.[OVER_CAPACITY] === undefined;
}

/**
 * truncateEndpoints: past MAX_CAPACITY addresses, keep each subset's proportional share,
 * dropping not-ready addresses first. Returns whether it truncated.
 */
function truncate(subsets: Json[]): boolean {
  const [totalReady, totalNotReady] = countAddresses(subsets);
  if (totalReady + totalNotReady <= MAX_CAPACITY) return false;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let room = max;
  for (const s of subsets) {
    const field = truncateReady ? 'addresses' : 'notReadyAddresses';
    const list: Json[] = s[field] ?? [];
    const share = Math.min(Math.ceil((list.length / total) * max), room);
    if (list.length > share) s[field] = list.slice(0, share);
    if (truncateReady) delete s.notReadyAddresses;
    room -= (s[field] ?? []).length;
  }
  return true;
}
