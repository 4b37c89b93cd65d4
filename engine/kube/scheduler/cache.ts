// SchedulerCache: the scheduler's incremental view of the cluster (pkg/scheduler/backend/cache,
// v1.32.5). Nodes live in a zone-interleaved node tree (node_tree.go), each with a NodeInfo whose
// requested resources, pod lists and ports are updated per addPod/removePod, so one scheduling
// decision costs arithmetic per node rather than a walk over all pods.
import type { KubeObject } from '../api/types.ts';
import { type Random, type ScheduleResult, scheduleOne } from './algorithm.ts';
import type { ClusterObjects, Snapshot } from './framework.ts';
import { NodeInfo } from './nodeinfo.ts';
import { newPodInfo, type PodInfo, podKey } from './podinfo.ts';

export interface SchedulerCacheOptions {
  /** Tie-breaking among equally scored nodes and the preemption offset; none: first in node order. */
  random?: Random;
  /** Namespaces, Services, controllers and PDBs some plugins consult. */
  cluster?: ClusterObjects;
  /** Simulated now (ms), for pods without status.startTime when preemption compares them. */
  now?: () => number;
}

/** utilnode.GetZoneKey: region and zone (beta labels first), "" when neither is set. */
function zoneKey(node: KubeObject): string {
  const l = node.metadata.labels ?? {};
  const zone = l['failure-domain.beta.kubernetes.io/zone'] ?? l['topology.kubernetes.io/zone'] ?? '';
  const region = l['failure-domain.beta.kubernetes.io/region'] ?? l['topology.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** Pods the scheduler's informer keeps: bound and not terminated. */
function isCachedPod(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return Boolean(pod.spec?.nodeName) && phase !== 'Succeeded' && phase !== 'Failed';
}

export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  /** Pods bound to nodes the cache has not seen yet (the Go cache keeps node-less NodeInfos). */
  private readonly orphans = new Map<string, NodeInfo>();
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private readonly nodeZone = new Map<string, string>();
  private readonly podNode = new Map<string, string>();
  private readonly images = new Map<string, { size: number; nodes: Set<string> }>();
  private ordered: NodeInfo[] | null = null;
  /** Pods with pod (anti-)affinity and with required anti-affinity, to skip whole-cluster walks. */
  private affinityPods = 0;
  private requiredAntiAffinityPods = 0;
  /** The PodInfo of the last scheduled pod, reused when that pod is assumed. */
  private last: { pod: KubeObject; info: PodInfo } | null = null;
  private nextStartIndex = 0;
  private readonly options: SchedulerCacheOptions;

  constructor(options: SchedulerCacheOptions = {}) {
    this.options = options;
  }

  get nodeCount(): number {
    return this.infos.size;
  }

  addNode(node: KubeObject): void {
    this.updateNode(node);
  }

  /** Adds the node or replaces its object (labels, taints, allocatable, images). */
  updateNode(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    let info = this.infos.get(name);
    if (info) {
      this.dropImages(info);
    } else {
      info = this.orphans.get(name) ?? new NodeInfo();
      this.orphans.delete(name);
      this.infos.set(name, info);
    }
    info.setNode(node);
    this.addImages(node);
    const zone = zoneKey(node);
    if (this.nodeZone.get(name) !== zone) {
      if (this.nodeZone.has(name)) this.treeRemove(name);
      this.treeAdd(name, zone);
    }
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    this.dropImages(info);
    this.infos.delete(name);
    this.treeRemove(name);
    // Pods still bound to the node stay accounted until they are removed.
    if (info.pods.length > 0) {
      const orphan = new NodeInfo();
      for (const p of info.pods) orphan.addPod(p);
      this.orphans.set(name, orphan);
    }
  }

  /** Accounts a bound, non-terminated pod on its node (others are ignored). */
  addPod(pod: KubeObject): void {
    if (!isCachedPod(pod)) return;
    const key = podKey(pod);
    if (this.podNode.has(key)) this.removePod(pod);
    this.place(newPodInfo(pod), pod.spec.nodeName);
  }

  private count(pi: PodInfo, sign: 1 | -1): void {
    if (pi.withAffinity) this.affinityPods += sign;
    if (pi.withRequiredAntiAffinity) this.requiredAntiAffinityPods += sign;
  }

  updatePod(oldPod: KubeObject | undefined, newPod: KubeObject): void {
    if (oldPod) this.removePod(oldPod);
    else this.removePod(newPod);
    this.addPod(newPod);
  }

  removePod(pod: KubeObject): void {
    const key = podKey(pod);
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    this.podNode.delete(key);
    const info = this.infos.get(nodeName) ?? this.orphans.get(nodeName);
    const pi = info?.pods.find((p) => p.key === key);
    if (pi && info?.removePod(key)) this.count(pi, -1);
    if (info && !this.infos.has(nodeName) && info.pods.length === 0) this.orphans.delete(nodeName);
  }

  /** The scheduler's assume step: the pod counts on the node before the binding is written. */
  assume(pod: KubeObject, nodeName: string): void {
    const bound = { ...pod, spec: { ...pod.spec, nodeName } };
    if (this.last?.pod !== pod || !isCachedPod(bound)) {
      this.addPod(bound);
      return;
    }
    const key = podKey(bound);
    if (this.podNode.has(key)) this.removePod(bound);
    this.place({ ...this.last.info, pod: bound }, nodeName);
  }

  /** One scheduling cycle for a pending pod; does not bind (call assume or addPod with the result). */
  schedule(pod: KubeObject): ScheduleResult {
    const info = newPodInfo(pod);
    this.last = { pod, info };
    const out = scheduleOne(this.snapshot(), info, {
      startIndex: this.nextStartIndex,
      random: this.options.random,
    });
    this.nextStartIndex = out.nextStartIndex;
    return out.result;
  }

  /** The nodes in the scheduler's order with their aggregates, as plugins see them. */
  snapshot(): Snapshot {
    if (!this.ordered) this.ordered = this.treeList().map((n) => this.infos.get(n)!);
    const images = this.images;
    const infos = this.infos;
    const nodes = this.ordered;
    return {
      nodes,
      get: (name) => infos.get(name),
      withAffinityPods: () =>
        this.affinityPods === 0 ? [] : nodes.filter((n) => n.podsWithAffinity.length > 0),
      withRequiredAntiAffinityPods: () =>
        this.requiredAntiAffinityPods === 0
          ? []
          : nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
      imageState(name) {
        const s = images.get(name);
        return s ? { size: s.size, numNodes: s.nodes.size } : undefined;
      },
      cluster: this.options.cluster ?? {},
      now: this.options.now?.() ?? 0,
    };
  }

  private place(pi: PodInfo, nodeName: string): void {
    let info = this.infos.get(nodeName);
    if (!info) {
      info = this.orphans.get(nodeName) ?? new NodeInfo();
      this.orphans.set(nodeName, info);
    }
    info.addPod(pi);
    this.count(pi, 1);
    this.podNode.set(pi.key, nodeName);
  }

  private addImages(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    for (const image of node.status?.images ?? []) {
      for (const n of image?.names ?? []) {
        const s = this.images.get(n);
        if (s) s.nodes.add(name);
        else this.images.set(n, { size: image.sizeBytes ?? 0, nodes: new Set([name]) });
      }
    }
  }

  private dropImages(info: NodeInfo): void {
    for (const n of info.imageNames) {
      const s = this.images.get(n);
      if (!s) continue;
      s.nodes.delete(info.name);
      if (s.nodes.size === 0) this.images.delete(n);
    }
  }

  private treeAdd(name: string, zone: string): void {
    const list = this.tree.get(zone);
    if (list) list.push(name);
    else {
      this.zones.push(zone);
      this.tree.set(zone, [name]);
    }
    this.nodeZone.set(name, zone);
    this.ordered = null;
  }

  private treeRemove(name: string): void {
    const zone = this.nodeZone.get(name);
    if (zone === undefined) return;
    const list = this.tree.get(zone)!;
    list.splice(list.indexOf(name), 1);
    if (list.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.nodeZone.delete(name);
    this.ordered = null;
  }

  /** nodeTree.list: one node from each zone in turn. */
  private treeList(): string[] {
    const out: string[] = [];
    for (let i = 0; out.length < this.nodeZone.size; i++) {
      for (const zone of this.zones) {
        const list = this.tree.get(zone)!;
        if (i < list.length) out.push(list[i]);
      }
    }
    return out;
  }
}
