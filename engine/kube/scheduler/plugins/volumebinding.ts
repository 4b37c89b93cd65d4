// The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding, v1.32): PreFilter checks
// the pod's claims exist and that Immediate claims are bound, and narrows nodes to those of bound local
// volumes; Filter checks bound volumes' node affinity and that WaitForFirstConsumer claims can be bound
// or provisioned on the node (binder.go FindPodVolumes); volumeBindingPlan is what PreBind writes.
import type { KubeObject } from '../../api/types.ts';
import {
  ANN_SELECTED_NODE,
  claimClass,
  findMatchingVolume,
  isClaimFullyBound,
  isDelayBinding,
  podClaimNames,
  volumeClass,
  volumeFitsNode,
} from '../../controllers/volume-matching.ts';
import type { ClusterObjects, CycleState, Plugin, PluginState, Snapshot, Status } from '../framework.ts';
import { status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';

const NAME = 'VolumeBinding';
const STATE_KEY = `PreFilter${NAME}`;

/** binder.go ConflictReason values. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST =
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** volume_binding.go PreFilter */
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
/** volume.NotSupportedProvisioner */
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The pod's claims sorted as GetPodVolumeClaims does. */
interface PodVolumeClaims {
  bound: KubeObject[];
  delayBinding: KubeObject[];
  immediate: KubeObject[];
}

class VolumeBindingState implements PluginState {
  readonly claims: PodVolumeClaims;
  constructor(claims: PodVolumeClaims) {
    this.claims = claims;
  }
  clone(): PluginState {
    return this;
  }
}

/** podHasPVCs: the first claim problem as an error message, or the claims. */
function lookupClaims(pod: KubeObject, cluster: ClusterObjects): string | KubeObject[] {
  const out: KubeObject[] = [];
  const ns = pod.metadata.namespace ?? 'default';
  for (const { name, ephemeral } of podClaimNames(pod)) {
    const pvc = cluster.persistentVolumeClaim?.(ns, name);
    if (!pvc) {
      // ("persistentvolumeclaim "myclaim" not found" is the lister's NotFound error)
      return ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`
        : `persistentvolumeclaim "${name}" not found`;
    }
    if (pvc.status?.phase === 'Lost') {
      return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    }
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (ephemeral && !pvc.metadata.ownerReferences?.some((r) => r.controller && r.uid === pod.metadata.uid)) {
      // ephemeral.VolumeIsForPod
      return `PVC ${ns}/${name} was not created for pod ${ns}/${pod.metadata.name} (pod is not owner)`;
    }
    out.push(pvc);
  }
  return out;
}

function classify(claims: KubeObject[], cluster: ClusterObjects): PodVolumeClaims {
  const storageClass = (name: string) => cluster.storageClass?.(name);
  const result: PodVolumeClaims = { bound: [], delayBinding: [], immediate: [] };
  for (const pvc of claims) {
    if (isClaimFullyBound(pvc)) result.bound.push(pvc);
    else if (isDelayBinding(pvc, storageClass)) result.delayBinding.push(pvc);
    else result.immediate.push(pvc);
  }
  return result;
}

/** util.GetLocalPersistentVolumeNodeNames: hostname values of the required node affinity. */
function localVolumeNodeNames(pv: KubeObject): Set<string> | undefined {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return undefined;
  const result = new Set<string>();
  for (const term of terms) {
    let nodes: Set<string> | undefined;
    for (const e of term.matchExpressions ?? []) {
      if (e.key !== 'kubernetes.io/hostname' || e.operator !== 'In') continue;
      const values = new Set<string>(e.values ?? []);
      nodes = nodes ? new Set([...nodes].filter((n) => values.has(n))) : values;
    }
    for (const n of nodes ?? []) result.add(n);
  }
  return result.size > 0 ? result : undefined;
}

/** GetEligibleNodes: the intersection of bound local volumes' nodes, or undefined for all nodes. */
function eligibleNodes(bound: KubeObject[], cluster: ClusterObjects): Set<string> | undefined {
  let eligible: Set<string> | undefined;
  const volumes = cluster.persistentVolumes?.() ?? [];
  for (const pvc of bound) {
    const pv = volumes.find((v) => v.metadata.name === pvc.spec?.volumeName);
    if (!pv) return undefined;
    const names = localVolumeNodeNames(pv);
    if (!names) continue;
    eligible = eligible ? new Set([...eligible].filter((n) => names.has(n))) : names;
  }
  return eligible;
}

interface TopologyTerm {
  matchLabelExpressions?: { key: string; values: string[] }[];
}

/** MatchTopologySelectorTerms: no terms match everything; otherwise any term whose keys all match. */
function topologyMatches(terms: TopologyTerm[] | undefined, labels: Record<string, string>): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key])));
}

export interface VolumePlan {
  /** Claims bound to existing volumes: PreBind writes the volume's claimRef. */
  staticBindings: { pvc: KubeObject; pv: KubeObject }[];
  /** Claims to provision: PreBind writes the selected-node annotation. */
  provisions: KubeObject[];
  /** ConflictReasons, in FindPodVolumes' order. */
  reasons: string[];
  /** An error (framework.AsStatus). */
  error?: string;
}

/** FindPodVolumes for one node. */
export function findPodVolumes(
  claims: PodVolumeClaims,
  node: KubeObject,
  cluster: ClusterObjects,
): VolumePlan {
  let boundSatisfied = true;
  let boundFound = true;
  let unboundSatisfied = true;
  const plan: VolumePlan = { staticBindings: [], provisions: [], reasons: [] };
  const volumes = cluster.persistentVolumes?.() ?? [];
  const finish = (): VolumePlan => {
    if (!boundSatisfied) plan.reasons.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundSatisfied) plan.reasons.push(ERR_REASON_BIND_CONFLICT);
    if (!boundFound) plan.reasons.push(ERR_REASON_PV_NOT_EXIST);
    return plan;
  };
  for (const pvc of claims.bound) {
    const pv = volumes.find((v) => v.metadata.name === pvc.spec?.volumeName);
    if (!pv) {
      boundFound = false;
      break;
    }
    if (!volumeFitsNode(pv, node)) {
      boundSatisfied = false;
      break;
    }
  }
  const toProvision: KubeObject[] = [];
  const chosen = new Set<string>();
  for (const pvc of claims.delayBinding) {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined) {
      // provisioning for another node is under way
      if (selected !== node.metadata.name) {
        unboundSatisfied = false;
        return finish();
      }
      toProvision.push(pvc);
      continue;
    }
    const className = claimClass(pvc);
    const candidates = volumes.filter((v) => volumeClass(v) === className);
    const pv = findMatchingVolume(pvc, candidates, node, chosen, true);
    if (pv) {
      chosen.add(pv.metadata.name ?? '');
      plan.staticBindings.push({ pvc, pv });
    } else toProvision.push(pvc);
  }
  for (const pvc of toProvision) {
    const className = claimClass(pvc);
    if (className === '') {
      plan.error = `no class for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`;
      return plan;
    }
    const sc = cluster.storageClass?.(className);
    if (!sc) {
      plan.error = `failed to find storage class "${className}"`;
      return plan;
    }
    if (!sc.provisioner || sc.provisioner === NO_PROVISIONER) {
      unboundSatisfied = false;
      return finish();
    }
    if (!topologyMatches(sc.allowedTopologies as TopologyTerm[] | undefined, node.metadata.labels ?? {})) {
      unboundSatisfied = false;
      return finish();
    }
    // hasEnoughCapacity only consults CSIStorageCapacity objects of CSI drivers; none here.
    plan.provisions.push(pvc);
  }
  return finish();
}

export const volumeBinding: Plugin = {
  name: NAME,
  preFilter(state: CycleState, pod: PodInfo, snap: Snapshot) {
    if (podClaimNames(pod.pod).length === 0) return { status: status('Skip') };
    // Without claim accessors (pure scheduling calls) volumes are not simulated.
    if (!snap.cluster.persistentVolumeClaim) return { status: status('Skip') };
    const found = lookupClaims(pod.pod, snap.cluster);
    if (typeof found === 'string') return { status: status('UnschedulableAndUnresolvable', found) };
    const claims = classify(found, snap.cluster);
    if (claims.immediate.length > 0) {
      return { status: status('UnschedulableAndUnresolvable', ERR_UNBOUND_IMMEDIATE) };
    }
    state.write(STATE_KEY, new VolumeBindingState(claims));
    const nodeNames = eligibleNodes(claims.bound, snap.cluster);
    return nodeNames ? { status: null, nodeNames } : { status: null };
  },
  filter(state: CycleState, _pod: PodInfo, node: NodeInfo, snap: Snapshot): Status | null {
    const s = state.read<VolumeBindingState>(STATE_KEY);
    if (!s) return null;
    const plan = findPodVolumes(s.claims, node.node, snap.cluster);
    if (plan.error) return status('Error', plan.error);
    if (plan.reasons.length > 0) return status('UnschedulableAndUnresolvable', ...plan.reasons);
    return null;
  },
};

/** What PreBind (BindPodVolumes) writes for a pod placed on a node; undefined: nothing to do. */
export function volumeBindingPlan(
  pod: KubeObject,
  node: KubeObject,
  cluster: ClusterObjects,
): VolumePlan | undefined {
  if (podClaimNames(pod).length === 0 || !cluster.persistentVolumeClaim) return undefined;
  const found = lookupClaims(pod, cluster);
  if (typeof found === 'string') return undefined;
  return findPodVolumes(classify(found, cluster), node, cluster);
}

/** checkBindings: every claim of the pod is fully bound. */
export function podClaimsBound(pod: KubeObject, cluster: ClusterObjects): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  return podClaimNames(pod).every(({ name }) => {
    const pvc = cluster.persistentVolumeClaim?.(ns, name);
    return pvc !== undefined && isClaimFullyBound(pvc);
  });
}
