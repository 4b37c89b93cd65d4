// `kubectl describe node`: roles, taints, lease, conditions, addresses, capacity, system info,
// the non-terminated pods table with percentages of allocatable, and allocated totals.
// Follows describeNode / describeNodeResource in pkg/describe/describe.go and
// pkg/util/resource/resource.go (PodRequestsAndLimits) of kubectl v0.32.4.

import { Quantity, type ResourceList, resourceListOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, searchEvents } from './events.ts';
import {
  type Json,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printNodeTaintsMultiline,
  sortedKeys,
} from './format.ts';
import { str } from './gofmt.ts';
import { compareStrings, sortStrings } from './gosort.ts';
import { formatRFC1123Z, parseGoTime, since } from './time.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer.ts';

export interface NodeContext extends EventContext {
  showEvents: boolean;
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role=<role>. */
function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return sortStrings([...roles]);
}

function addInto(list: ResourceList, more: ResourceList): void {
  for (const [name, q] of Object.entries(more)) list[name] = list[name] ? list[name].add(q) : q;
}

function maxInto(list: ResourceList, more: ResourceList): void {
  for (const [name, q] of Object.entries(more)) {
    if (!list[name] || q.cmp(list[name]) > 0) list[name] = q;
  }
}

/** max(a, b) per resource, for containers whose status reports allocated resources. */
function maxOf(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [name, q] of Object.entries(a)) out[name] = b[name] && q.cmp(b[name]) <= 0 ? b[name] : q;
  for (const [name, q] of Object.entries(b)) if (!out[name]) out[name] = q;
  return out;
}

/** PodRequestsAndLimits: containers summed, init containers maxed, sidecars added, overhead. */
export function podRequestsAndLimits(pod: KubeObject): { requests: ResourceList; limits: ResourceList } {
  const spec: Json = pod.spec ?? {};
  const statuses = new Map<string, Json>();
  for (const s of pod.status?.containerStatuses ?? []) statuses.set(s.name, s);
  const total = (kind: 'requests' | 'limits'): ResourceList => {
    const sum: ResourceList = {};
    for (const c of spec.containers ?? []) {
      let own = resourceListOf(c.resources?.[kind]);
      const cs = statuses.get(c.name);
      if (kind === 'requests' && cs?.resources) {
        const allocated = resourceListOf(cs.resources.requests);
        own = pod.status?.resize === 'Infeasible' ? allocated : maxOf(own, allocated);
      }
      addInto(sum, own);
    }
    const sidecars: ResourceList = {};
    const initMax: ResourceList = {};
    for (const c of spec.initContainers ?? []) {
      let own = resourceListOf(c.resources?.[kind]);
      if (c.restartPolicy === 'Always') {
        addInto(sum, own);
        addInto(sidecars, own);
        own = sidecars;
      } else {
        const tmp: ResourceList = {};
        addInto(tmp, own);
        addInto(tmp, sidecars);
        own = tmp;
      }
      maxInto(initMax, own);
    }
    maxInto(sum, initMax);
    const overhead = resourceListOf(spec.overhead);
    if (kind === 'requests') addInto(sum, overhead);
    else
      for (const [name, q] of Object.entries(overhead))
        if (sum[name] && !sum[name].isZero()) sum[name] = sum[name].add(q);
    return sum;
  };
  return { requests: total('requests'), limits: total('limits') };
}

/** int64(f) of a float64 as amd64 converts it: NaN and out-of-range give the minimum int64. */
function goInt64(f: number): string {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return '-9223372036854775808';
  return String(Math.trunc(f));
}

function percent(part: bigint, whole: bigint): string {
  return goInt64((Number(part) / Number(whole)) * 100);
}

function zero(list: ResourceList, name: string): Quantity {
  return list[name] ?? Quantity.zero();
}

function describeNodeResource(pods: KubeObject[], node: KubeObject, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const capacity = resourceListOf(node.status?.capacity);
  const allocatableJson = node.status?.allocatable;
  const allocatable =
    Object.keys(allocatableJson ?? {}).length > 0 ? resourceListOf(allocatableJson) : capacity;
  const allocCPU = zero(allocatable, 'cpu').milliValue();
  const allocMemory = zero(allocatable, 'memory').intValue();
  const totals = { requests: {} as ResourceList, limits: {} as ResourceList };
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    addInto(totals.requests, requests);
    addInto(totals.limits, limits);
    const [cpuReq, cpuLim, memReq, memLim] = [
      zero(requests, 'cpu'),
      zero(limits, 'cpu'),
      zero(requests, 'memory'),
      zero(limits, 'memory'),
    ];
    w.write(
      LEVEL_1,
      `${str(pod.metadata.namespace)}\t${str(pod.metadata.name)}\t\t` +
        `${cpuReq} (${percent(cpuReq.milliValue(), allocCPU)}%)\t${cpuLim} (${percent(cpuLim.milliValue(), allocCPU)}%)\t` +
        `${memReq} (${percent(memReq.intValue(), allocMemory)}%)\t${memLim} (${percent(memLim.intValue(), allocMemory)}%)\t` +
        `${since(parseGoTime(pod.metadata.creationTimestamp), now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, whole: bigint, value: (q: Quantity) => bigint) => {
    const req = zero(totals.requests, name);
    const lim = zero(totals.limits, name);
    const pr = whole !== 0n ? percent(value(req), whole) : '0';
    const pl = whole !== 0n ? percent(value(lim), whole) : '0';
    w.write(LEVEL_1, `${name}\t${req} (${pr}%)\t${lim} (${pl}%)\n`);
  };
  row('cpu', allocCPU, (q) => q.milliValue());
  row('memory', allocMemory, (q) => q.intValue());
  row('ephemeral-storage', zero(allocatable, 'ephemeral-storage').intValue(), (q) => q.intValue());
  const names = Object.keys(allocatable).sort(compareStrings);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage']);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
    row(name, allocatable[name].intValue(), (q) => q.intValue());
  }
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n) && n !== 'pods')) {
    w.write(LEVEL_1, `${name}\t${zero(totals.requests, name)}\t${zero(totals.limits, name)}\n`);
  }
}

export function describeNode(node: KubeObject, ctx: NodeContext): string {
  const name = node.metadata.name ?? '';
  const pods = ctx
    .list('pods', '')
    .filter(
      (p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
  let events: KubeObject[] | null = null;
  if (ctx.showEvents) {
    // the node controller reports by the node's UID, the kubelet by its name
    events = [
      ...searchEvents(ctx, { name, namespace: '', kind: 'Node', uid: node.metadata.uid }),
      ...searchEvents(ctx, { name, namespace: '', kind: 'Node', uid: name }),
    ];
  }
  const lease = ctx.get('leases', 'kube-node-lease', name);
  const spec: Json = node.spec ?? {};
  const status: Json = node.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(parseGoTime(node.metadata.creationTimestamp))}\n`);
    printNodeTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (lease) {
      const ls: Json = lease.spec ?? {};
      const time = (v: unknown) => (v ? formatRFC1123Z(parseGoTime(v)) : '<unset>');
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${ls.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${time(ls.acquireTime)}\n`);
      w.write(LEVEL_1, `RenewTime:\t${time(ls.renewTime)}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
    }
    const conditions: Json[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(
        LEVEL_0,
        'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      );
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${str(c.type)} \t${str(c.status)} \t${formatRFC1123Z(parseGoTime(c.lastHeartbeatTime))} \t` +
            `${formatRFC1123Z(parseGoTime(c.lastTransitionTime))} \t${str(c.reason)} \t${str(c.message)}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${str(a.type)}:\t${str(a.address)}\n`);
    for (const [title, list] of [
      ['Capacity', status.capacity],
      ['Allocatable', status.allocatable],
    ] as const) {
      const keys = sortedKeys(list);
      if (keys.length === 0) continue;
      w.write(LEVEL_0, `${title}:\n`);
      const parsed = resourceListOf(list);
      for (const key of keys) w.write(LEVEL_0, `  ${key}:\t${parsed[key]}\n`);
    }
    const info: Json = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${str(info.machineID)}\n`);
    w.write(LEVEL_0, `  System UUID:\t${str(info.systemUUID)}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${str(info.bootID)}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${str(info.kernelVersion)}\n`);
    w.write(LEVEL_0, `  OS Image:\t${str(info.osImage)}\n`);
    w.write(LEVEL_0, `  Operating System:\t${str(info.operatingSystem)}\n`);
    w.write(LEVEL_0, `  Architecture:\t${str(info.architecture)}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${str(info.containerRuntimeVersion)}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${str(info.kubeletVersion)}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${str(info.kubeProxyVersion)}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, ctx.now);
    if (events) describeEvents(events, w, ctx.now);
  });
}
