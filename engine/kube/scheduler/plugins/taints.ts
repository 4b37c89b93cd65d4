// The NodeUnschedulable, NodeName and TaintToleration plugins (pkg/scheduler/framework/plugins/
// nodeunschedulable, nodename, tainttoleration at v1.32.5) and toleration matching
// (k8s.io/api/core/v1 toleration.go ToleratesTaint, component-helpers FindMatchingUntoleratedTaint).
import type { KubeObject } from '../../api/types.ts';
import {
  type CycleState,
  defaultNormalizeScore,
  type Plugin,
  type PluginState,
  status,
} from '../framework.ts';
import type { Taint } from '../nodeinfo.ts';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** Toleration.ToleratesTaint */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === taint.value;
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

export function podTolerations(pod: KubeObject): Toleration[] {
  return (pod.spec?.tolerations ?? []) as Toleration[];
}

/** FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc (NoSchedule and NoExecute). */
export function untoleratedTaint(taints: Taint[], tolerations: Toleration[]): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** nodeunschedulable.ErrReasonUnschedulable */
export const ERR_UNSCHEDULABLE = 'node(s) were unschedulable';
/** nodename.ErrReason */
export const ERR_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  filter(_state, pod, node) {
    if (!node.unschedulable) return null;
    const tolerates = tolerationsTolerateTaint(podTolerations(pod.pod), {
      key: 'node.kubernetes.io/unschedulable',
      value: '',
      effect: 'NoSchedule',
    });
    return tolerates ? null : status('UnschedulableAndUnresolvable', ERR_UNSCHEDULABLE);
  },
};

export const nodeName: Plugin = {
  name: 'NodeName',
  filter(_state, pod, node) {
    const wanted = pod.pod.spec?.nodeName ?? '';
    return wanted === '' || wanted === node.name
      ? null
      : status('UnschedulableAndUnresolvable', ERR_NODE_NAME);
  },
};

class PreferNoScheduleTolerations implements PluginState {
  readonly tolerations: Toleration[];
  constructor(tolerations: Toleration[]) {
    this.tolerations = tolerations;
  }
  clone(): PluginState {
    return this;
  }
}

const TT_KEY = 'PreScoreTaintToleration';

export const taintToleration: Plugin = {
  name: 'TaintToleration',
  weight: 3,
  filter(_state, pod, node) {
    const taint = untoleratedTaint(node.taints, podTolerations(pod.pod));
    if (!taint) return null;
    return status(
      'UnschedulableAndUnresolvable',
      `node(s) had untolerated taint {${taint.key}: ${taint.value}}`,
    );
  },
  preScore(state, pod, nodes) {
    if (nodes.length === 0) return null;
    // getAllTolerationPreferNoSchedule: tolerations with PreferNoSchedule or no effect.
    const list = podTolerations(pod.pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(TT_KEY, new PreferNoScheduleTolerations(list));
    return null;
  },
  score(state: CycleState, _pod, node) {
    const tolerations = state.read<PreferNoScheduleTolerations>(TT_KEY)?.tolerations ?? [];
    let intolerable = 0;
    for (const taint of node.taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) intolerable++;
    }
    return intolerable;
  },
  normalize(_state, _pod, scores) {
    defaultNormalizeScore(scores, true);
  },
};
