// Builders and a plugin harness for tests, as pkg/scheduler/testing (st.MakeNode, st.MakePod) serves
// the Go scheduler's tests: run one plugin's PreFilter/Filter or PreScore/Score/NormalizeScore.
import type { KubeObject } from '../api/types.ts';
import { SchedulerCache } from './cache.ts';
import { type ClusterObjects, CycleState, type Plugin, type Status } from './framework.ts';
import { newPodInfo } from './podinfo.ts';

export interface NodeOpts {
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  allocatable?: Record<string, string>;
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export function makeNode(name: string, o: NodeOpts = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: o.labels ?? {} },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: o.allocatable ?? {}, ...(o.images ? { images: o.images } : {}) },
  };
}

export interface PodOpts {
  namespace?: string;
  labels?: Record<string, string>;
  node?: string;
  /** One container per entry. */
  requests?: Record<string, string>[];
  initRequests?: Record<string, string>[];
  // biome-ignore lint/suspicious/noExplicitAny: free-form pod spec fields
  spec?: Record<string, any>;
  priority?: number;
  uid?: string;
}

let counter = 0;

export function makePod(name: string, o: PodOpts = {}): KubeObject {
  const containers = (o.requests ?? [{}]).map((r, i) => ({
    name: `c${i}`,
    image: 'registry.k8s.io/pause:3.10',
    ...(Object.keys(r).length > 0 ? { resources: { requests: r } } : {}),
  }));
  const initContainers = o.initRequests?.map((r, i) => ({
    name: `i${i}`,
    image: 'busybox',
    resources: { requests: r },
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}-${++counter}`,
      labels: o.labels ?? {},
    },
    spec: {
      containers,
      ...(initContainers ? { initContainers } : {}),
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...o.spec,
    },
    status: { phase: o.node ? 'Running' : 'Pending' },
  };
}

/** A harness over one plugin with a cluster of nodes and bound pods. */
export function harness(nodes: KubeObject[], pods: KubeObject[] = [], cluster: ClusterObjects = {}) {
  const cache = new SchedulerCache({ cluster });
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  const snap = cache.snapshot();
  // The snapshot lists nodes in node-tree order; tests address them by name.
  const byName = (name: string) => snap.get(name)!;
  return {
    snap,
    /** PreFilter then Filter on each node; 'skip' when PreFilter skipped the plugin. */
    filter(
      plugin: Plugin,
      pod: KubeObject,
    ): { preFilter: Status | null; statuses: Record<string, Status | null> } {
      const pi = newPodInfo(pod);
      const state = new CycleState();
      const pre = plugin.preFilter ? plugin.preFilter(state, pi, snap).status : null;
      const statuses: Record<string, Status | null> = {};
      if (pre === null)
        for (const n of nodes)
          statuses[n.metadata.name!] = plugin.filter!(state, pi, byName(n.metadata.name!), snap);
      return { preFilter: pre, statuses };
    },
    /** PreScore, Score and NormalizeScore over the given nodes; 'skip' when PreScore skipped. */
    score(plugin: Plugin, pod: KubeObject, names?: string[]): Record<string, number> | 'skip' {
      const pi = newPodInfo(pod);
      const state = new CycleState();
      const list = (names ?? nodes.map((n) => n.metadata.name!)).map(byName);
      if (plugin.preScore?.(state, pi, list, snap)?.code === 'Skip') return 'skip';
      const scores = list.map((n) => plugin.score!(state, pi, n, snap));
      plugin.normalize?.(state, pi, scores, list);
      return Object.fromEntries(list.map((n, i) => [n.name, scores[i]]));
    },
  };
}

export function reasons(s: Status | null): string[] | null {
  return s ? s.reasons : null;
}
