// Resource arithmetic of the scheduler: a pod's effective requests (k8s.io/component-helpers/resource
// PodRequests: max(sum of containers, max of init containers, counting restartable init containers)
// plus overhead), the "non-zero" requests used for scoring, and a node's allocatable resources.
// Facts from pkg/scheduler/framework/types.go (Resource.Add, calculateResource), pkg/scheduler/util
// (DefaultMilliCPURequest = 100, DefaultMemoryRequest = 200Mi, IsScalarResourceName) and
// pkg/apis/core/v1/helper (IsExtendedResourceName, IsHugePageResourceName, ...), all at v1.32.5.

import { quantityMilliValue, quantityValue } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';

/** The scheduler's framework.Resource: CPU in millicores, the rest in units. */
export interface Resources {
  cpuMilli: number;
  memoryBytes: number;
  ephemeralBytes: number;
  /** For a pod's requests always 1; for a node its allocatable pod count. */
  pods: number;
  /** Extended resources, hugepages-*, attachable-volumes-* and *kubernetes.io/* names. */
  scalar: Record<string, number>;
}

/** schedutil.DefaultMilliCPURequest: the CPU a container without a request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** v1helper.IsNativeResource: unprefixed names and *kubernetes.io/ names. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** v1helper.IsExtendedResourceName: a domain-prefixed name outside kubernetes.io, not "requests.*". */
export function isExtendedResourceName(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.');
}

/** schedutil.IsScalarResourceName: extended, hugepages, prefixed native or attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    name.startsWith('hugepages-') ||
    name.includes('kubernetes.io/') ||
    name.startsWith('attachable-volumes-')
  );
}

/** A ResourceList in scheduler units: cpu in millicores, everything else as Value(). */
type List = Map<string, number>;

function amount(name: string, q: unknown): number {
  const text = q as string | number;
  return name === 'cpu' ? quantityMilliValue(text) : quantityValue(text);
}

function listOf(requests: Record<string, unknown> | undefined): List {
  const list: List = new Map();
  if (requests) for (const [name, q] of Object.entries(requests)) list.set(name, amount(name, q));
  return list;
}

function addInto(list: List, other: List): void {
  for (const [name, v] of other) list.set(name, (list.get(name) ?? 0) + v);
}

function maxInto(list: List, other: List): void {
  for (const [name, v] of other) {
    const cur = list.get(name);
    if (cur === undefined || v > cur) list.set(name, v);
  }
}

/** applyNonMissing: the defaults for the keys a container's requests lack. */
function withDefaults(list: List, defaults: List | null): List {
  if (!defaults) return list;
  const out = new Map(list);
  for (const [name, v] of defaults) if (!list.has(name)) out.set(name, v);
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: containers are open JSON
type Container = any;

/** resource.PodRequests with the 1.32 default gates (no pod-level resources, no in-place resize). */
function aggregate(pod: KubeObject, defaults: List | null): List {
  const spec = pod.spec ?? {};
  const reqs: List = new Map();
  for (const c of (spec.containers ?? []) as Container[]) {
    addInto(reqs, withDefaults(listOf(c?.resources?.requests), defaults));
  }
  const restartable: List = new Map();
  const initMax: List = new Map();
  for (const c of (spec.initContainers ?? []) as Container[]) {
    let cr = withDefaults(listOf(c?.resources?.requests), defaults);
    if (c?.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod and to every later init container.
      addInto(reqs, cr);
      addInto(restartable, cr);
      cr = restartable;
    } else {
      const tmp: List = new Map(cr);
      addInto(tmp, restartable);
      cr = tmp;
    }
    maxInto(initMax, cr);
  }
  maxInto(reqs, initMax);
  if (spec.overhead) addInto(reqs, listOf(spec.overhead));
  return reqs;
}

function toResources(list: List, pods: number): Resources {
  const r: Resources = { cpuMilli: 0, memoryBytes: 0, ephemeralBytes: 0, pods, scalar: {} };
  for (const [name, v] of list) {
    if (name === 'cpu') r.cpuMilli += v;
    else if (name === 'memory') r.memoryBytes += v;
    else if (name === 'ephemeral-storage') r.ephemeralBytes += v;
    else if (name === 'pods') continue;
    else if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0) + v;
  }
  return r;
}

/** The pod's effective requests, as the NodeResourcesFit filter and NodeInfo.Requested count them. */
export function podRequests(pod: KubeObject): Resources {
  return toResources(aggregate(pod, null), 1);
}

const NON_ZERO_DEFAULTS: List = new Map([
  ['cpu', DEFAULT_MILLI_CPU_REQUEST],
  ['memory', DEFAULT_MEMORY_REQUEST],
]);

/** The requests with 100m CPU / 200Mi memory for containers that set none (NodeInfo.NonZeroRequested). */
export function podNonZeroRequests(pod: KubeObject): { cpuMilli: number; memoryBytes: number } {
  const list = aggregate(pod, NON_ZERO_DEFAULTS);
  return { cpuMilli: list.get('cpu') ?? 0, memoryBytes: list.get('memory') ?? 0 };
}

/** The node's status.allocatable as framework.Resource (pods = allowed pod number). */
export function nodeAllocatable(node: KubeObject): Resources {
  const list = listOf(node.status?.allocatable);
  return toResources(list, list.get('pods') ?? 0);
}
