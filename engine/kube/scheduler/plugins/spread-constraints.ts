// Topology spread constraints as the PodTopologySpread plugin sees them (podtopologyspread/common.go
// and helper/spread.go DefaultSelector, v1.32.5): the pod's own constraints with matchLabelKeys
// merged in, or the system defaults (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) with a
// selector built from the pod's Services and controller.
import { matches, type Selector, selectorFromObject } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterObjects } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';
import type { RequiredNodeAffinity } from './nodeaffinity.ts';
import { podTolerations, untoleratedTaint } from './taints.ts';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** null is labels.Nothing(); [] is labels.Everything(). */
  selector: Selector | null;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

/** systemDefaultConstraints (podtopologyspread/plugin.go) */
const SYSTEM_DEFAULTS = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export function selectorMatches(sel: Selector | null, labels: Record<string, string>): boolean {
  return sel !== null && matches(sel, labels);
}

// biome-ignore lint/suspicious/noExplicitAny: constraints are open JSON
type ConstraintJson = any;

/** filterTopologySpreadConstraints: those with the given whenUnsatisfiable action. */
function filterConstraints(
  list: ConstraintJson[],
  podLabels: Record<string, string>,
  action: string,
): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of list) {
    if (c?.whenUnsatisfiable !== action) continue;
    let selector = selectorFromObject(c.labelSelector);
    const keys: string[] = c.matchLabelKeys ?? [];
    if (keys.length > 0 && selector !== null) {
      // mergeLabelSetWithSelector: the pod's values for matchLabelKeys become equality requirements.
      const extra: Selector = [];
      for (const k of keys)
        if (Object.hasOwn(podLabels, k)) extra.push({ key: k, op: '=', values: [podLabels[k]] });
      if (extra.length > 0) selector = [...extra, ...selector];
    }
    out.push({
      maxSkew: c.maxSkew ?? 0,
      topologyKey: c.topologyKey ?? '',
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** helper.DefaultSelector: Services selecting the pod, then its ReplicationController/ReplicaSet/StatefulSet. */
export function defaultSelector(pod: KubeObject, cluster: ClusterObjects): Selector {
  const ns = pod.metadata.namespace ?? '';
  const podLabels = pod.metadata.labels ?? {};
  let labelSet: Record<string, string> = {};
  for (const svc of cluster.services?.(ns) ?? []) {
    const sel: Record<string, string> | undefined = svc.spec?.selector;
    if (!sel) continue;
    if (Object.entries(sel).every(([k, v]) => podLabels[k] === v)) labelSet = { ...labelSet, ...sel };
  }
  const fromSet = (set: Record<string, string>): Selector =>
    Object.keys(set)
      .sort()
      .map((k) => ({ key: k, op: '=' as const, values: [set[k]] }));
  let selector = fromSet(labelSet);
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true);
  if (!owner || !cluster.controller) return selector;
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = cluster.controller('ReplicationController', ns, owner.name);
    if (rc) selector = fromSet({ ...labelSet, ...(rc.spec?.selector ?? {}) });
  } else if (
    owner.apiVersion === 'apps/v1' &&
    (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')
  ) {
    const ctrl = cluster.controller(owner.kind, ns, owner.name);
    const other = ctrl ? selectorFromObject(ctrl.spec?.selector) : null;
    if (other) selector = [...selector, ...other];
  }
  return selector;
}

/** The hard (DoNotSchedule) or soft (ScheduleAnyway) constraints of the pod, or the system defaults. */
export function podSpreadConstraints(
  pod: PodInfo,
  action: string,
  cluster: ClusterObjects,
): SpreadConstraint[] {
  const own: ConstraintJson[] = pod.pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0) return filterConstraints(own, pod.labels, action);
  const defaults = filterConstraints(SYSTEM_DEFAULTS, pod.labels, action);
  if (defaults.length === 0) return [];
  const selector = defaultSelector(pod.pod, cluster);
  if (selector.length === 0) return [];
  return defaults.map((c) => ({ ...c, selector }));
}

export function nodeHasAllKeys(labels: Record<string, string>, constraints: SpreadConstraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

/** topologySpreadConstraint.matchNodeInclusionPolicies */
export function matchesInclusionPolicies(
  c: SpreadConstraint,
  pod: PodInfo,
  node: NodeInfo,
  required: RequiredNodeAffinity,
): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.matches(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && untoleratedTaint(node.taints, podTolerations(pod.pod))) return false;
  return true;
}

/** countPodsMatchSelector: live pods of the namespace matching; an empty selector counts nothing. */
export function countMatching(pods: PodInfo[], selector: Selector | null, namespace: string): number {
  if (selector === null || selector.length === 0) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.pod.metadata.deletionTimestamp || p.namespace !== namespace) continue;
    if (matches(selector, p.labels)) n++;
  }
  return n;
}

export function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}
