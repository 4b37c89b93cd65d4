// The NodeResourcesFit filter and LeastAllocated score, NodeResourcesBalancedAllocation, NodePorts and
// ImageLocality plugins (pkg/scheduler/framework/plugins/noderesources, nodeports, imagelocality at
// v1.32.5), with the default scoring resources cpu and memory, weight 1 each.
import { type Plugin, type PluginState, status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { HostPort } from '../podinfo.ts';
import type { Resources } from '../resources.ts';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** noderesources.fitsRequest: what the node lacks for the pod's requests, in the Go order. */
export function fitsRequest(req: Resources, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.length + 1 > alloc.pods) {
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: node.pods.length,
      capacity: alloc.pods,
    });
  }
  const scalarNames = Object.keys(req.scalar);
  if (req.cpuMilli === 0 && req.memoryBytes === 0 && req.ephemeralBytes === 0 && scalarNames.length === 0)
    return out;
  if (req.cpuMilli > 0 && req.cpuMilli > alloc.cpuMilli - used.cpuMilli) {
    out.push({
      resourceName: 'cpu',
      reason: 'Insufficient cpu',
      requested: req.cpuMilli,
      used: used.cpuMilli,
      capacity: alloc.cpuMilli,
    });
  }
  if (req.memoryBytes > 0 && req.memoryBytes > alloc.memoryBytes - used.memoryBytes) {
    out.push({
      resourceName: 'memory',
      reason: 'Insufficient memory',
      requested: req.memoryBytes,
      used: used.memoryBytes,
      capacity: alloc.memoryBytes,
    });
  }
  if (req.ephemeralBytes > 0 && req.ephemeralBytes > alloc.ephemeralBytes - used.ephemeralBytes) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralBytes,
      used: used.ephemeralBytes,
      capacity: alloc.ephemeralBytes,
    });
  }
  for (const name of scalarNames) {
    const want = req.scalar[name];
    if (want === 0) continue;
    const cap = alloc.scalar[name] ?? 0;
    const inUse = used.scalar[name] ?? 0;
    if (want > cap - inUse) {
      out.push({
        resourceName: name,
        reason: `Insufficient ${name}`,
        requested: want,
        used: inUse,
        capacity: cap,
      });
    }
  }
  return out;
}

class PodRequestState implements PluginState {
  readonly requests: Resources;
  constructor(requests: Resources) {
    this.requests = requests;
  }
  clone(): PluginState {
    return this;
  }
}

const FIT_KEY = 'PreFilterNodeResourcesFit';

/** leastRequestedScore */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * 100) / capacity);
}

export const nodeResourcesFit: Plugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  preFilter(state, pod) {
    // SidecarContainers is on by default since 1.29, so restartable init containers are accepted.
    state.write(FIT_KEY, new PodRequestState(pod.requests));
    return { status: null };
  },
  filter(state, pod, node) {
    const req = state.read<PodRequestState>(FIT_KEY)?.requests ?? pod.requests;
    const missing = fitsRequest(req, node);
    if (missing.length === 0) return null;
    return status('Unschedulable', ...missing.map((m) => m.reason));
  },
  // LeastAllocated over cpu and memory (weight 1 each), with the non-zero requests.
  score(_state, pod, node) {
    const cpu = node.allocatable.cpuMilli;
    const mem = node.allocatable.memoryBytes;
    let sum = 0;
    let weights = 0;
    if (cpu !== 0) {
      sum += leastRequested(node.nonZeroCpuMilli + pod.nonZero.cpuMilli, cpu);
      weights++;
    }
    if (mem !== 0) {
      sum += leastRequested(node.nonZeroMemoryBytes + pod.nonZero.memoryBytes, mem);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  },
};

/** balancedResourceScorer with the two default resources: 100 * (1 - |cpuFraction - memFraction| / 2). */
export const balancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(_state, pod, node) {
    const cpu = node.allocatable.cpuMilli;
    const mem = node.allocatable.memoryBytes;
    // With fewer than two resources on the node the deviation is 0.
    if (cpu === 0 || mem === 0) return 100;
    // useRequested: the node's real requests plus the pod's requests (no non-zero defaults).
    const cpuFraction = Math.min((node.requested.cpuMilli + pod.requests.cpuMilli) / cpu, 1);
    const memFraction = Math.min((node.requested.memoryBytes + pod.requests.memoryBytes) / mem, 1);
    const std = Math.abs((cpuFraction - memFraction) / 2);
    return Math.trunc((1 - std) * 100);
  },
};

/** nodeports.ErrReason */
export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

class WantedPorts implements PluginState {
  readonly ports: HostPort[];
  constructor(ports: HostPort[]) {
    this.ports = ports;
  }
  clone(): PluginState {
    return this;
  }
}

const PORTS_KEY = 'PreFilterNodePorts';

export const nodePorts: Plugin = {
  name: 'NodePorts',
  preFilter(state, pod) {
    const wanted = pod.ports.filter((p) => p.port > 0);
    if (wanted.length === 0) return { status: status('Skip') };
    state.write(PORTS_KEY, new WantedPorts(wanted));
    return { status: null };
  },
  filter(state, _pod, node) {
    const wanted = state.read<WantedPorts>(PORTS_KEY)?.ports ?? [];
    for (const p of wanted) {
      if (node.portConflicts(p.ip, p.protocol, p.port)) return status('Unschedulable', ERR_NODE_PORTS);
    }
    return null;
  },
};

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: adds ":latest" to untagged names. */
function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

class PodImages implements PluginState {
  readonly names: string[];
  constructor(names: string[]) {
    this.names = names;
  }
  clone(): PluginState {
    return this;
  }
}

const IMAGES_KEY = 'ImageLocalityImages';

export const imageLocality: Plugin = {
  name: 'ImageLocality',
  weight: 1,
  // Not a PreScore of the Go plugin: it only computes the normalized image names once per cycle.
  preScore(state, pod) {
    const spec = pod.pod.spec ?? {};
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    state.write(IMAGES_KEY, new PodImages(containers.map((c) => normalizedImageName(c?.image ?? ''))));
    return null;
  },
  score(state, _pod, node, snap) {
    const names = state.read<PodImages>(IMAGES_KEY)?.names ?? [];
    const total = snap.nodes.length;
    let sum = 0;
    if (node.imageNames.size > 0) {
      for (const name of names) {
        if (!node.imageNames.has(name)) continue;
        const s = snap.imageState(name);
        if (s) sum += Math.trunc(s.size * (s.numNodes / total));
      }
    }
    // calculatePriority
    const maxThreshold = MAX_CONTAINER_THRESHOLD * names.length;
    if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD;
    else if (sum > maxThreshold) sum = maxThreshold;
    return Math.trunc((100 * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
  },
};
