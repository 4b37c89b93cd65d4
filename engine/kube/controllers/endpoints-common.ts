// What the Endpoints and EndpointSlice controllers share (k8s.io/endpointslice/util
// controller_utils.go and trigger_time_tracker.go, v1.32): which pods back a Service, the
// container port a targetPort names, which Services a pod change touches, and the
// endpoints.kubernetes.io/last-change-trigger-time bookkeeping.

import type { KubeObject } from '../api/types.ts';
import { parseTime, rfc3339 } from '../api/types.ts';
import { condition, isPodReady } from '../workloads/pods.ts';
import { keyOf } from './queue.ts';

// biome-ignore lint/suspicious/noExplicitAny: API objects are read field by field
export type Json = Record<string, any>;
/** An API object whose kind-specific fields (subsets, endpoints, ports) are read freely. */
export type ApiObject = KubeObject & Json;

/** v1.EndpointsLastChangeTriggerTime. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** v1.IsHeadlessService. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** A Service the endpoint controllers manage: it has a selector and is not ExternalName. */
export function selectsPods(svc: KubeObject): boolean {
  if (svc.spec?.type === 'ExternalName') return false;
  // a nil selector selects nothing (the API server stores `{}` as no selector)
  return Object.keys(svc.spec?.selector ?? {}).length > 0;
}

/** isServiceIPSet (pkg/apis/core/v1/helper): a ClusterIP other than "None". */
export function isServiceIPSet(svc: KubeObject): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** The pods of the Service's namespace its selector matches (labels.Set(selector)). */
export function selectedPods(svc: KubeObject, pods: KubeObject[]): KubeObject[] {
  const selector: Record<string, string> = svc.spec?.selector ?? {};
  return pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
}

/**
 * ShouldPodBeInEndpoints: not Succeeded/Failed, has an IP, and (unless terminating pods are
 * included) not being deleted.
 */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod sets a hostname and its subdomain names this Service. */
export function shouldSetHostname(pod: KubeObject, svc: KubeObject): boolean {
  return (
    !!pod.spec?.hostname &&
    pod.spec?.subdomain === svc.metadata.name &&
    pod.metadata.namespace === svc.metadata.namespace
  );
}

/**
 * FindPort: a numeric targetPort as is; a named one looked up among the containers' ports
 * (and restartable init containers') with the same protocol. undefined when none matches.
 */
export function findPort(pod: KubeObject, servicePort: Json): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const named = (containers: Json[]) => {
    for (const c of containers)
      for (const p of c.ports ?? [])
        if (p.name === target && (p.protocol ?? 'TCP') === servicePort.protocol) return p.containerPort;
    return undefined;
  };
  const sidecars = (pod.spec?.initContainers ?? []).filter((c: Json) => c.restartPolicy === 'Always');
  return named(pod.spec?.containers ?? []) ?? named(sidecars);
}

/** The first pod IP of the IPv4 family (podToEndpointAddressForService for IPv4 Services). */
export function podIPv4(pod: KubeObject): string | undefined {
  const ips: string[] = (pod.status?.podIPs ?? []).map((p: Json) => p.ip);
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips.find((ip) => !ip.includes(':'));
}

/**
 * podEndpointsChanged: [whether the pod's endpoint changed (deletion, readiness, IPs),
 * whether its Service membership may have (labels, hostname, subdomain)].
 */
export function podEndpointsChanged(oldPod: KubeObject, newPod: KubeObject): [boolean, boolean] {
  const labelsChanged =
    JSON.stringify(oldPod.metadata.labels ?? {}) !== JSON.stringify(newPod.metadata.labels ?? {}) ||
    oldPod.spec?.hostname !== newPod.spec?.hostname ||
    oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  const ips = (p: KubeObject) => (p.status?.podIPs ?? []).map((x: Json) => x.ip).join(',');
  const changed =
    oldPod.metadata.deletionTimestamp !== newPod.metadata.deletionTimestamp ||
    isPodReady(oldPod) !== isPodReady(newPod) ||
    ips(oldPod) !== ips(newPod);
  return [changed, labelsChanged];
}

/** Keys of the Services in the pod's namespace whose selector matches `labels`. */
function servicesMatching(services: KubeObject[], labels: Record<string, string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const svc of services) {
    const selector = svc.spec?.selector;
    if (!selector) continue;
    if (Object.entries(selector).every(([k, v]) => labels?.[k] === v))
      out.add(keyOf(svc.metadata.namespace, svc.metadata.name));
  }
  return out;
}

/**
 * The Services to sync after a pod event (GetPodServiceMemberships for add/delete,
 * GetServicesToUpdateOnPodChange for updates: the union of old and new memberships when the
 * endpoint changed, their symmetric difference when only the labels did).
 */
export function servicesForPodEvent(
  services: KubeObject[],
  pod: KubeObject,
  old: KubeObject | undefined,
): Set<string> {
  if (!old) return servicesMatching(services, pod.metadata.labels);
  if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return new Set();
  const [changed, labelsChanged] = podEndpointsChanged(old, pod);
  if (!changed && !labelsChanged) return new Set();
  const current = servicesMatching(services, pod.metadata.labels);
  if (!labelsChanged) return current;
  const previous = servicesMatching(services, old.metadata.labels);
  if (changed) return new Set([...current, ...previous]);
  const out = new Set<string>();
  for (const k of current) if (!previous.has(k)) out.add(k);
  for (const k of previous) if (!current.has(k)) out.add(k);
  return out;
}

interface ServiceTriggerState {
  serviceTime: number;
  podTimes: Map<string, number>;
}

/**
 * TriggerTimeTracker: the time of the change an Endpoints/EndpointSlice write reflects — the
 * Service's creation on its first sync, afterwards the earliest Ready-condition transition
 * (or Service creation) that moved since the previous sync; undefined when none did.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceTriggerState>();

  compute(svc: KubeObject, pods: KubeObject[]): number | undefined {
    const key = keyOf(svc.metadata.namespace, svc.metadata.name);
    const state = this.states.get(key);
    const podTimes = new Map<string, number>();
    let earliest: number | undefined;
    const consider = (t: number) => {
      if (earliest === undefined || t < earliest) earliest = t;
    };
    for (const pod of pods) {
      const ready = condition(pod, 'Ready');
      const t = ready ? parseTime(ready.lastTransitionTime) : Number.NaN;
      if (Number.isNaN(t)) continue;
      podTimes.set(pod.metadata.name ?? '', t);
      if (t > (state?.podTimes.get(pod.metadata.name ?? '') ?? Number.NEGATIVE_INFINITY)) consider(t);
    }
    const serviceTime = parseTime(svc.metadata.creationTimestamp);
    if (serviceTime > (state?.serviceTime ?? Number.NEGATIVE_INFINITY)) consider(serviceTime);
    this.states.set(key, { serviceTime, podTimes });
    return state ? earliest : serviceTime;
  }

  delete(namespace: string, name: string): void {
    this.states.delete(keyOf(namespace, name));
  }
}

/** The trigger time as the annotation holds it (time.RFC3339Nano of a whole-second time). */
export function formatTriggerTime(ms: number): string {
  return rfc3339(ms);
}
