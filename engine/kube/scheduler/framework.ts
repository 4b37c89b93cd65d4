// The scheduling framework's vocabulary: plugin statuses, the per-attempt cycle state, the plugin
// interface (PreFilter/Filter/PreScore/Score/NormalizeScore) and the snapshot plugins read.
// Mirrors pkg/scheduler/framework/interface.go and cycle_state.go of Kubernetes v1.32.5.
import type { KubeObject } from '../api/types.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';

/** framework.Code, without Success (a null status) and the codes only other extension points use. */
export type Code = 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  code: Code;
  reasons: string[];
  /** The plugin that returned it (Status.SetPlugin). */
  plugin?: string;
}

export function status(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

/** Status.IsRejected: Unschedulable or UnschedulableAndUnresolvable. */
export function isRejected(s: Status | null): boolean {
  return s !== null && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable');
}

/** Objects the scheduler's informers see besides nodes and pods (all optional). */
export interface ClusterObjects {
  /** Namespaces, for namespaceSelector in pod (anti-)affinity terms. */
  namespaces?(): KubeObject[];
  /** Services of a namespace, for the default topology spread selector. */
  services?(namespace: string): KubeObject[];
  /** A ReplicaSet, StatefulSet or ReplicationController, for the default topology spread selector. */
  controller?(kind: string, namespace: string, name: string): KubeObject | undefined;
  /** PodDisruptionBudgets, which preemption tries not to violate. */
  podDisruptionBudgets?(): KubeObject[];
  /** A PersistentVolumeClaim, for the VolumeBinding plugin (without it, volumes are not checked). */
  persistentVolumeClaim?(namespace: string, name: string): KubeObject | undefined;
  /** All PersistentVolumes, for the VolumeBinding plugin. */
  persistentVolumes?(): KubeObject[];
  /** A StorageClass by name, for the VolumeBinding plugin. */
  storageClass?(name: string): KubeObject | undefined;
}

/** The node list a scheduling cycle sees (Snapshot in pkg/scheduler/backend/cache). */
export interface Snapshot {
  /** All nodes in the scheduler's order (the zone-interleaved node tree). */
  nodes: NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** HavePodsWithAffinityList: nodes with a pod that has pod (anti-)affinity. */
  withAffinityPods(): NodeInfo[];
  /** HavePodsWithRequiredAntiAffinityList */
  withRequiredAntiAffinityPods(): NodeInfo[];
  /** How many nodes hold each image name, and its size (ImageStateSummary). */
  imageState(name: string): { size: number; numNodes: number } | undefined;
  cluster: ClusterObjects;
  /** Simulated now, ms since the epoch (for pods without a start time). */
  now: number;
}

/** Plugin state written in PreFilter/PreScore and read later; cloned for preemption dry runs. */
export interface PluginState {
  clone(): PluginState;
}

/** framework.CycleState: per-attempt data shared by plugins. */
export class CycleState {
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
  /** The Filter plugins not skipped in PreFilter, computed once per cycle. */
  filters?: Plugin[];
  private readonly data = new Map<string, PluginState>();

  read<T extends PluginState>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: PluginState): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const copy = new CycleState();
    for (const p of this.skipFilter) copy.skipFilter.add(p);
    for (const p of this.skipScore) copy.skipScore.add(p);
    copy.filters = this.filters;
    for (const [k, v] of this.data) copy.data.set(k, v.clone());
    return copy;
  }
}

export interface PreFilterOutcome {
  status: Status | null;
  /** PreFilterResult.NodeNames: when set, only these nodes are evaluated. */
  nodeNames?: Set<string>;
}

/** A plugin of the default profile; each extension point is optional. */
export interface Plugin {
  name: string;
  /** Weight in the score sum (pkg/scheduler/apis/config/v1/default_plugins.go). */
  weight?: number;
  preFilter?(state: CycleState, pod: PodInfo, snap: Snapshot): PreFilterOutcome;
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo, snap: Snapshot): Status | null;
  /** PreFilterExtensions.AddPod/RemovePod, used when preemption simulates removing victims. */
  addPod?(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void;
  removePod?(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void;
  /** Returns a Skip status to leave the plugin out of scoring. */
  preScore?(state: CycleState, pod: PodInfo, nodes: NodeInfo[], snap: Snapshot): Status | null;
  score?(state: CycleState, pod: PodInfo, node: NodeInfo, snap: Snapshot): number;
  normalize?(state: CycleState, pod: PodInfo, scores: number[], nodes: NodeInfo[]): void;
}

/** framework.MaxNodeScore */
export const MAX_NODE_SCORE = 100;

/** helper.DefaultNormalizeScore: scales [0, max] to [0, 100], optionally reversed. */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
