// Matching PersistentVolumes to claims, shared by the PV controller and the scheduler's VolumeBinding
// plugin: the annotations both write, the claim's class and binding mode (storage/volume helpers of
// k8s.io/component-helpers), and FindMatchingVolume (pkg/controller/volume/persistentvolume/util, 1.32).
import { compareQuantities, quantityOf } from '../api/quantity.ts';
import { matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { nodeSelectorMatches } from '../scheduler/plugins/nodeaffinity.ts';

/** component-helpers/storage/volume annotations. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** The deprecated class annotation still honoured by GetPersistentVolumeClaimClass. */
const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** storagehelpers.GetPersistentVolumeClaimClass */
export function claimClass(pvc: KubeObject): string {
  const beta = pvc.metadata.annotations?.[ANN_BETA_CLASS];
  if (beta !== undefined) return beta;
  return pvc.spec?.storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass */
export function volumeClass(pv: KubeObject): string {
  const beta = pv.metadata.annotations?.[ANN_BETA_CLASS];
  if (beta !== undefined) return beta;
  return pv.spec?.storageClassName ?? '';
}

/** volume.IsDelayBindingMode: the claim's class exists and waits for the first consumer. */
export function isDelayBinding(
  pvc: KubeObject,
  storageClass: (name: string) => KubeObject | undefined,
): boolean {
  const name = claimClass(pvc);
  if (name === '') return false;
  return storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The binder's isPVCFullyBound: a volume name and the bind-completed annotation. */
export function isClaimFullyBound(pvc: KubeObject): boolean {
  return Boolean(pvc.spec?.volumeName) && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}

/** The claims of a pod's volumes, in volume order: persistentVolumeClaim and generic ephemeral volumes. */
export function podClaimNames(pod: KubeObject): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim)
      out.push({ name: v.persistentVolumeClaim.claimName ?? '', ephemeral: false });
    // ephemeral.VolumeClaimName: <pod name>-<volume name>
    else if (v.ephemeral) out.push({ name: `${pod.metadata.name}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** CheckNodeAffinity: a volume without node affinity fits every node. */
export function volumeFitsNode(pv: KubeObject, node: KubeObject): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return nodeSelectorMatches(terms, node);
}

function requestedStorage(pvc: KubeObject) {
  return quantityOf(pvc.spec?.resources?.requests?.storage ?? '0');
}

function capacityOf(pv: KubeObject) {
  return quantityOf(pv.spec?.capacity?.storage ?? '0');
}

/** The PV is pre-bound (claimRef) to exactly this claim. */
export function isPreBoundTo(pv: KubeObject, pvc: KubeObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? '') !== (pvc.metadata.namespace ?? ''))
    return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/**
 * FindMatchingVolume: a volume pre-bound to the claim wins; otherwise the smallest available volume of
 * the claim's class with enough capacity, the requested access modes and volume mode, matching the
 * claim's selector and (when a node is given) the node. With delayBinding and no node, unbound volumes
 * are left for the scheduler.
 */
export function findMatchingVolume(
  pvc: KubeObject,
  volumes: KubeObject[],
  node: KubeObject | undefined,
  excluded: Set<string>,
  delayBinding: boolean,
): KubeObject | undefined {
  const requested = requestedStorage(pvc);
  const className = claimClass(pvc);
  const selector = pvc.spec?.selector ? selectorFromObject(pvc.spec.selector) : null;
  const wantModes: string[] = pvc.spec?.accessModes ?? [];
  const wantMode = pvc.spec?.volumeMode ?? 'Filesystem';
  let smallest: KubeObject | undefined;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata.name ?? '')) continue;
    if (compareQuantities(capacityOf(pv), requested) < 0) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== wantMode) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const nodeFits = !node || volumeFitsNode(pv, node);
    if (isPreBoundTo(pv, pvc)) {
      // a volume bound to this claim is returned even if it does not fit: binding must not go elsewhere
      if (!nodeFits) return undefined;
      return pv;
    }
    if (node === undefined && delayBinding) continue;
    // volumes not yet marked Available are skipped to avoid conflicting writes
    if (pv.status?.phase !== 'Available' || pv.spec?.claimRef) continue;
    if (selector && !matches(selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== className) continue;
    if (!nodeFits) continue;
    const modes: string[] = pv.spec?.accessModes ?? [];
    if (!wantModes.every((m) => modes.includes(m))) continue;
    if (!smallest || compareQuantities(capacityOf(pv), capacityOf(smallest)) < 0) smallest = pv;
  }
  return smallest;
}

/**
 * Points a PersistentVolume at its claim (pv_controller.go getBindVolumeToClaim, which the
 * scheduler's volume binder also uses): the claimRef with the claim's identity and version,
 * and the bound-by-controller annotation.
 */
export function bindVolumeToClaim(pv: KubeObject, pvc: KubeObject): void {
  pv.spec.claimRef = {
    kind: 'PersistentVolumeClaim',
    namespace: pvc.metadata.namespace,
    name: pvc.metadata.name,
    uid: pvc.metadata.uid,
    apiVersion: 'v1',
    resourceVersion: pvc.metadata.resourceVersion,
  };
  pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
}
