// The kube-scheduler of Kubernetes 1.32 (default profile) as a pure function, schedule(), and an
// incremental form for many pods, SchedulerCache. Deterministic: ties between equally scored nodes
// are broken with the given random source, or by taking the first in the scheduler's node order.
import type { KubeObject } from '../api/types.ts';
import type { Random, ScheduleResult } from './algorithm.ts';
import { SchedulerCache } from './cache.ts';
import type { ClusterObjects } from './framework.ts';

export type { Random, ScheduleResult } from './algorithm.ts';
export { NO_NODES_MESSAGE, numFeasibleNodesToFind } from './algorithm.ts';
export { SchedulerCache, type SchedulerCacheOptions } from './cache.ts';
export { fitErrorMessage, truncateMessage } from './fiterror.ts';
export type { ClusterObjects } from './framework.ts';
export { NO_VICTIMS, NOT_HELPFUL } from './preemption.ts';
export { nodeAllocatable, podNonZeroRequests, podRequests, type Resources } from './resources.ts';

export interface ScheduleInput {
  pod: KubeObject;
  nodes: KubeObject[];
  /** pods already bound to nodes (spec.nodeName set, not terminated) */
  pods: KubeObject[];
  /** for tie-breaking: a deterministic source */
  random?: Random;
  /** Namespaces, Services, ReplicaSets, StatefulSets, ReplicationControllers, PodDisruptionBudgets. */
  objects?: KubeObject[];
  /** Simulated now (ms since the epoch), for pods without a start time in preemption. */
  now?: number;
}

/** ClusterObjects over a plain list of objects of mixed kinds. */
export function clusterObjectsOf(objects: KubeObject[]): ClusterObjects {
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    namespaces: () => ofKind('Namespace'),
    services: (ns) => ofKind('Service').filter((s) => s.metadata.namespace === ns),
    controller: (kind, ns, name) =>
      objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name),
    podDisruptionBudgets: () => ofKind('PodDisruptionBudget'),
  };
}

/** Where the default scheduler would put the pod, or its FailedScheduling message. */
export function schedule(input: ScheduleInput): ScheduleResult {
  const cache = new SchedulerCache({
    random: input.random,
    cluster: clusterObjectsOf(input.objects ?? []),
    now: () => input.now ?? 0,
  });
  for (const node of input.nodes) cache.addNode(node);
  for (const pod of input.pods) cache.addPod(pod);
  return cache.schedule(input.pod);
}
