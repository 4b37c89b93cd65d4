// Per-node aggregate the scheduler keeps up to date (framework.NodeInfo of v1.32.5 types.go):
// requested and non-zero requested resources, pods (and those with affinity), used host ports.
import type { KubeObject } from '../api/types.ts';
import type { PodInfo } from './podinfo.ts';
import { nodeAllocatable, type Resources } from './resources.ts';

export interface Taint {
  key: string;
  value: string;
  effect: string;
}

/** framework.DefaultBindAllHostIP */
const BIND_ALL = '0.0.0.0';

function emptyResources(): Resources {
  return { cpuMilli: 0, memoryBytes: 0, ephemeralBytes: 0, pods: 0, scalar: {} };
}

export class NodeInfo {
  node!: KubeObject;
  name = '';
  labels: Record<string, string> = {};
  taints: Taint[] = [];
  unschedulable = false;
  allocatable: Resources = emptyResources();
  /** Image names in status.images (each name of each image). */
  imageNames = new Set<string>();
  requested: Resources = emptyResources();
  nonZeroCpuMilli = 0;
  nonZeroMemoryBytes = 0;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** HostPortInfo: ip -> set of "protocol/port". */
  usedPorts = new Map<string, Set<string>>();

  constructor(node?: KubeObject) {
    if (node) this.setNode(node);
  }

  setNode(node: KubeObject): void {
    this.node = node;
    this.name = node.metadata.name ?? '';
    this.labels = node.metadata.labels ?? {};
    this.taints = ((node.spec?.taints ?? []) as Partial<Taint>[]).map((t) => ({
      key: t.key ?? '',
      value: t.value ?? '',
      effect: t.effect ?? '',
    }));
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = nodeAllocatable(node);
    this.imageNames = new Set();
    for (const image of node.status?.images ?? []) for (const n of image?.names ?? []) this.imageNames.add(n);
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    if (pi.withAffinity) this.podsWithAffinity.push(pi);
    if (pi.withRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
  }

  /** Removes by pod key; false when the pod is not on this node. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const pi = this.pods[i];
    // removeFromSlice swaps the last element in, as the Go code does.
    this.pods[i] = this.pods[this.pods.length - 1];
    this.pods.pop();
    if (pi.withAffinity) swapRemove(this.podsWithAffinity, key);
    if (pi.withRequiredAntiAffinity) swapRemove(this.podsWithRequiredAntiAffinity, key);
    this.update(pi, -1);
    return true;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const r = pi.requests;
    this.requested.cpuMilli += sign * r.cpuMilli;
    this.requested.memoryBytes += sign * r.memoryBytes;
    this.requested.ephemeralBytes += sign * r.ephemeralBytes;
    for (const name in r.scalar)
      this.requested.scalar[name] = (this.requested.scalar[name] ?? 0) + sign * r.scalar[name];
    this.nonZeroCpuMilli += sign * pi.nonZero.cpuMilli;
    this.nonZeroMemoryBytes += sign * pi.nonZero.memoryBytes;
    for (const p of pi.ports) {
      if (p.port <= 0) continue;
      const ip = p.ip || BIND_ALL;
      const pp = `${p.protocol || 'TCP'}/${p.port}`;
      if (sign > 0) {
        let set = this.usedPorts.get(ip);
        if (!set) this.usedPorts.set(ip, (set = new Set()));
        set.add(pp);
      } else {
        const set = this.usedPorts.get(ip);
        if (set) {
          set.delete(pp);
          if (set.size === 0) this.usedPorts.delete(ip);
        }
      }
    }
  }

  /** HostPortInfo.CheckConflict */
  portConflicts(ip: string, protocol: string, port: number): boolean {
    if (port <= 0) return false;
    const want = ip || BIND_ALL;
    const pp = `${protocol || 'TCP'}/${port}`;
    if (want === BIND_ALL) {
      for (const set of this.usedPorts.values()) if (set.has(pp)) return true;
      return false;
    }
    return Boolean(this.usedPorts.get(BIND_ALL)?.has(pp) || this.usedPorts.get(want)?.has(pp));
  }

  /** NodeInfo.Snapshot: a copy whose pod lists and sums can change independently. */
  clone(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    Object.assign(c, this);
    c.requested = { ...this.requested, scalar: { ...this.requested.scalar } };
    c.pods = [...this.pods];
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    c.usedPorts = new Map([...this.usedPorts].map(([ip, set]) => [ip, new Set(set)]));
    return c;
  }
}

function swapRemove(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i < 0) return;
  list[i] = list[list.length - 1];
  list.pop();
}
