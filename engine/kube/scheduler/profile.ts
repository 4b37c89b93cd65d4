// The default-scheduler profile and its plugin runners (pkg/scheduler/apis/config/v1/default_plugins.go
// and framework/runtime/framework.go, v1.32.5). Order matters: Filter stops at the first failing plugin.
// Not simulated: SchedulingGates (PreEnqueue), VolumeRestrictions, NodeVolumeLimits, VolumeZone and
// DynamicResources (off by default in 1.32).
import { type CycleState, isRejected, type Plugin, type Snapshot, type Status, status } from './framework.ts';
import type { NodeInfo } from './nodeinfo.ts';
import { interPodAffinity } from './plugins/interpodaffinity.ts';
import { nodeAffinity } from './plugins/nodeaffinity.ts';
import { balancedAllocation, imageLocality, nodePorts, nodeResourcesFit } from './plugins/noderesources.ts';
import { nodeName, nodeUnschedulable, taintToleration } from './plugins/taints.ts';
import { podTopologySpread } from './plugins/topologyspread.ts';
import { volumeBinding } from './plugins/volumebinding.ts';
import type { PodInfo } from './podinfo.ts';

/** The MultiPoint plugins of the default profile, in order, with their score weights. */
export const DEFAULT_PLUGINS: Plugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration, // weight 3
  nodeAffinity, // weight 2
  nodePorts,
  nodeResourcesFit, // weight 1
  volumeBinding, // scores only with the alpha VolumeCapacityPriority gate
  podTopologySpread, // weight 2
  interPodAffinity, // weight 2
  balancedAllocation, // weight 1
  imageLocality, // weight 1
];

const PRE_FILTER = DEFAULT_PLUGINS.filter((p) => p.preFilter);
const FILTER = DEFAULT_PLUGINS.filter((p) => p.filter);
const WITH_EXTENSIONS = DEFAULT_PLUGINS.filter((p) => p.addPod || p.removePod);

export interface PreFilterRun {
  status: Status | null;
  /** undefined: all nodes. */
  nodeNames?: Set<string>;
  /** Plugins that narrowed the node list. */
  pluginsWithNodes: string[];
}

/** RunPreFilterPlugins */
export function runPreFilterPlugins(state: CycleState, pod: PodInfo, snap: Snapshot): PreFilterRun {
  let nodeNames: Set<string> | undefined;
  const pluginsWithNodes: string[] = [];
  let returnStatus: Status | null = null;
  for (const pl of PRE_FILTER) {
    const out = pl.preFilter!(state, pod, snap);
    const s = out.status;
    if (s?.code === 'Skip') {
      state.skipFilter.add(pl.name);
      continue;
    }
    if (s) {
      s.plugin = pl.name;
      if (s.code === 'UnschedulableAndUnresolvable') return { status: s, pluginsWithNodes: [] };
      if (s.code === 'Unschedulable') {
        returnStatus = s;
        continue;
      }
      return {
        status: {
          code: 'Error',
          reasons: [`running PreFilter plugin "${pl.name}": ${s.reasons.join(', ')}`],
        },
        pluginsWithNodes: [],
      };
    }
    if (out.nodeNames) {
      pluginsWithNodes.push(pl.name);
      // PreFilterResult.Merge: the intersection.
      nodeNames = nodeNames
        ? new Set([...nodeNames].filter((n) => out.nodeNames!.has(n)))
        : new Set(out.nodeNames);
    }
    if (nodeNames && nodeNames.size === 0) {
      const list = [...pluginsWithNodes].sort();
      const msg =
        list.length === 1
          ? `node(s) didn't satisfy plugin ${list[0]}`
          : `node(s) didn't satisfy plugin(s) [${list.join(' ')}] simultaneously`;
      return { status: status('UnschedulableAndUnresolvable', msg), nodeNames, pluginsWithNodes };
    }
  }
  return { status: returnStatus, nodeNames, pluginsWithNodes };
}

/** RunFilterPlugins: the first failing plugin's status, or null. */
export function runFilterPlugins(
  state: CycleState,
  pod: PodInfo,
  node: NodeInfo,
  snap: Snapshot,
): Status | null {
  state.filters ??= FILTER.filter((p) => !state.skipFilter.has(p.name));
  for (const pl of state.filters) {
    const s = pl.filter!(state, pod, node, snap);
    if (s) {
      const out = isRejected(s)
        ? s
        : {
            code: 'Error' as const,
            reasons: [`running "${pl.name}" filter plugin: ${s.reasons.join(', ')}`],
          };
      out.plugin = pl.name;
      return out;
    }
  }
  return null;
}

/** RunPreFilterExtensionAddPod / RemovePod */
export function runPreFilterExtension(
  kind: 'add' | 'remove',
  state: CycleState,
  pod: PodInfo,
  other: PodInfo,
  node: NodeInfo,
): void {
  for (const pl of WITH_EXTENSIONS) {
    if (state.skipFilter.has(pl.name)) continue;
    if (kind === 'add') pl.addPod?.(state, pod, other, node);
    else pl.removePod?.(state, pod, other, node);
  }
}

/** RunPreScorePlugins then RunScorePlugins: each feasible node's weighted total. */
export function prioritize(state: CycleState, pod: PodInfo, nodes: NodeInfo[], snap: Snapshot): number[] {
  const totals = new Array<number>(nodes.length).fill(0);
  for (const pl of DEFAULT_PLUGINS) {
    if (!pl.score) continue;
    if (pl.preScore && pl.preScore(state, pod, nodes, snap)?.code === 'Skip') {
      state.skipScore.add(pl.name);
    }
  }
  for (const pl of DEFAULT_PLUGINS) {
    if (!pl.score || state.skipScore.has(pl.name)) continue;
    const scores = nodes.map((n) => pl.score!(state, pod, n, snap));
    pl.normalize?.(state, pod, scores, nodes);
    const w = pl.weight ?? 1;
    for (let i = 0; i < scores.length; i++) totals[i] += scores[i] * w;
  }
  return totals;
}
