// The PersistentVolume controller of kube-controller-manager (pkg/controller/volume/persistentvolume,
// v1.32 pv_controller.go): binds claims to matching volumes, waits for the first consumer of
// WaitForFirstConsumer claims, hands dynamic provisioning to external provisioners, moves volumes
// through Available/Bound/Released, plus the pvc-protection and pv-protection finalizer controllers.
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { EventSource } from '../events.ts';
import { startLocalPathProvisioner } from './local-path-provisioner.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  bindVolumeToClaim,
  claimClass,
  findMatchingVolume,
  isDelayBinding,
  isPreBoundTo,
  podClaimNames,
} from './volume-matching.ts';

const SOURCE: EventSource = { component: 'persistentvolume-controller' };
/** --pvclaimbinder-sync-period */
const RESYNC_MS = 15_000;
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';

export function startPersistentVolumeController(cluster: Cluster): void {
  const pvcType = cluster.type('persistentvolumeclaims');
  const pvType = cluster.type('persistentvolumes');
  const scType = cluster.type('storageclasses');
  const podType = cluster.type('pods');
  const claims = new WorkQueue();
  const volumes = new WorkQueue();

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === pvcType) {
      if (event.type !== 'DELETED') claims.add(keyOf(obj.metadata.namespace, obj.metadata.name));
      // the claim's volume learns that it is gone or changed
      if (obj.spec?.volumeName) volumes.add(keyOf('', obj.spec.volumeName));
      for (const pv of cluster.store.scan(pvType))
        if (isPreBoundTo(pv, obj)) volumes.add(keyOf('', pv.metadata.name));
    } else if (event.resource === pvType) {
      if (event.type !== 'DELETED') volumes.add(keyOf('', obj.metadata.name));
      const ref = obj.spec?.claimRef;
      if (ref) claims.add(keyOf(ref.namespace, ref.name));
    } else if (event.resource === podType) {
      // pvc-protection: a claim being deleted waits for the pods that use it
      const gone = event.type === 'DELETED' || ['Succeeded', 'Failed'].includes(obj.status?.phase);
      if (gone) for (const c of podClaimNames(obj)) claims.add(keyOf(obj.metadata.namespace, c.name));
    }
  });

  const resync = () => {
    for (const c of cluster.store.scan(pvcType)) claims.add(keyOf(c.metadata.namespace, c.metadata.name));
    for (const v of cluster.store.scan(pvType)) volumes.add(keyOf('', v.metadata.name));
    cluster.runtime.after(RESYNC_MS, 'pv-controller-resync', resync, false);
  };
  cluster.runtime.after(RESYNC_MS, 'pv-controller-resync', resync, false);

  cluster.runtime.addQueue(() => {
    const key = claims.take();
    if (key === undefined) return false;
    const [ns, name] = splitKey(key);
    const pvc = cluster.store.peek(pvcType, ns, name);
    if (pvc) syncClaim(pvc);
    return true;
  });
  cluster.runtime.addQueue(() => {
    const key = volumes.take();
    if (key === undefined) return false;
    const pv = cluster.store.peek(pvType, '', splitKey(key)[1]);
    if (pv) syncVolume(pv);
    return true;
  });

  startLocalPathProvisioner(cluster);

  const storageClass = (name: string) => cluster.store.peek(scType, '', name);

  function event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    cluster.events.record({ object: obj, type, reason, message, source: SOURCE });
  }

  function claimInUse(pvc: KubeObject): boolean {
    return cluster.store
      .scan(podType, pvc.metadata.namespace)
      .some(
        (p) =>
          !['Succeeded', 'Failed'].includes(p.status?.phase) &&
          podClaimNames(p).some((c) => c.name === pvc.metadata.name),
      );
  }

  function removeFinalizer(obj: KubeObject, finalizer: string): void {
    const type = obj.kind === 'PersistentVolume' ? pvType : pvcType;
    cluster.store.mutate(
      type,
      obj.metadata.namespace ?? '',
      obj.metadata.name ?? '',
      (o) => {
        o.metadata.finalizers = o.metadata.finalizers?.filter((f) => f !== finalizer);
        if (o.metadata.finalizers?.length === 0) delete o.metadata.finalizers;
      },
      { manager: 'kube-controller-manager' },
    );
  }

  function syncClaim(pvc: KubeObject): void {
    if (pvc.metadata.deletionTimestamp) {
      if (pvc.metadata.finalizers?.includes(PVC_PROTECTION) && !claimInUse(pvc))
        removeFinalizer(pvc, PVC_PROTECTION);
      return;
    }
    if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) syncUnboundClaim(pvc);
    else syncBoundClaim(pvc);
  }

  function syncUnboundClaim(pvc: KubeObject): void {
    const all = cluster.store.scan(pvType);
    if (!pvc.spec?.volumeName) {
      const delay = isDelayBinding(pvc, storageClass);
      const pv = findMatchingVolume(pvc, all, undefined, new Set(), delay);
      if (pv) {
        bind(pv, pvc);
        return;
      }
      if (delay && pvc.metadata.annotations?.[ANN_SELECTED_NODE] === undefined) {
        event(
          pvc,
          'Normal',
          'WaitForFirstConsumer',
          'waiting for first consumer to be created before binding',
        );
      } else if (claimClass(pvc) !== '') {
        provisionClaim(pvc);
      } else {
        event(
          pvc,
          'Normal',
          'FailedBinding',
          'no persistent volumes available for this claim and no storage class is set',
        );
      }
      return;
    }
    // the user asked for a particular volume
    const pv = all.find((v) => v.metadata.name === pvc.spec.volumeName);
    if (!pv) return; // stays Pending until the volume appears
    if (!pv.spec?.claimRef || isPreBoundTo(pv, pvc)) bind(pv, pvc);
  }

  function syncBoundClaim(pvc: KubeObject): void {
    const name = pvc.spec?.volumeName;
    const pv = name ? cluster.store.peek(pvType, '', name) : undefined;
    if (!name || !pv) {
      if (pvc.status?.phase === 'Lost') return;
      const message = !name
        ? 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!'
        : 'Bound claim has lost its PersistentVolume. Data on the volume is lost!';
      setClaimStatus(pvc, 'Lost', undefined);
      event(pvc, 'Warning', 'ClaimLost', message);
      return;
    }
    if (isPreBoundTo(pv, pvc)) bind(pv, pvc);
  }

  /** provisionClaim → provisionClaimOperationExternal (every provisioner here is external). */
  function provisionClaim(pvc: KubeObject): void {
    const className = claimClass(pvc);
    const sc = storageClass(className);
    if (!sc) {
      event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const provisioner = String(sc.provisioner ?? '');
    let claim = pvc;
    const ann = pvc.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      // setClaimProvisioner: external provisioners start on these annotations
      claim = cluster.store.mutate(
        pvcType,
        pvc.metadata.namespace ?? '',
        pvc.metadata.name ?? '',
        (o) => {
          o.metadata.annotations = {
            ...(o.metadata.annotations ?? {}),
            [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
            [ANN_STORAGE_PROVISIONER]: provisioner,
          };
        },
        { manager: 'kube-controller-manager' },
      );
    }
    event(
      claim,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  /** bind: bindVolumeToClaim, the volume's Bound phase, bindClaimToVolume, the claim's Bound status. */
  function bind(pv: KubeObject, pvc: KubeObject): void {
    let volume = pv;
    if (!isPreBoundTo(pv, pvc) || !pv.spec.claimRef.uid) {
      volume = cluster.store.mutate(pvType, '', pv.metadata.name ?? '', (o) => bindVolumeToClaim(o, pvc), {
        manager: 'kube-controller-manager',
      });
    }
    setVolumePhase(volume, 'Bound');
    const ann = pvc.metadata.annotations ?? {};
    let claim = pvc;
    if (pvc.spec?.volumeName !== pv.metadata.name || ann[ANN_BIND_COMPLETED] === undefined) {
      claim = cluster.store.mutate(
        pvcType,
        pvc.metadata.namespace ?? '',
        pvc.metadata.name ?? '',
        (o) => {
          const annotations = { ...(o.metadata.annotations ?? {}) };
          if (o.spec.volumeName !== pv.metadata.name) {
            o.spec.volumeName = pv.metadata.name;
            annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
          }
          annotations[ANN_BIND_COMPLETED] = 'yes';
          o.metadata.annotations = annotations;
        },
        { manager: 'kube-controller-manager' },
      );
    }
    setClaimStatus(claim, 'Bound', volume);
  }

  function setClaimStatus(pvc: KubeObject, phase: string, pv: KubeObject | undefined): void {
    const status: Record<string, unknown> = { ...(pvc.status ?? {}), phase };
    if (pv) {
      status.accessModes = pv.spec?.accessModes;
      status.capacity = pv.spec?.capacity;
    }
    if (JSON.stringify(status) === JSON.stringify(pvc.status ?? {})) return;
    cluster.store.mutate(
      pvcType,
      pvc.metadata.namespace ?? '',
      pvc.metadata.name ?? '',
      (o) => {
        o.status = status;
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }

  /** updateVolumePhase; the status strategy stamps lastPhaseTransitionTime when the phase changes. */
  function setVolumePhase(pv: KubeObject, phase: string): void {
    if (pv.status?.phase === phase) return;
    cluster.store.mutate(
      pvType,
      '',
      pv.metadata.name ?? '',
      (o) => {
        o.status = { lastPhaseTransitionTime: rfc3339(cluster.now()), phase };
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }

  function syncVolume(pv: KubeObject): void {
    if (pv.metadata.deletionTimestamp) {
      // pv-protection: a volume being deleted keeps its finalizer while bound to a claim
      if (pv.metadata.finalizers?.includes(PV_PROTECTION) && pv.status?.phase !== 'Bound')
        removeFinalizer(pv, PV_PROTECTION);
      return;
    }
    const ref = pv.spec?.claimRef;
    if (!ref?.uid) {
      setVolumePhase(pv, 'Available');
      return;
    }
    const pvc = cluster.store.peek(pvcType, ref.namespace ?? '', ref.name ?? '');
    if (!pvc || pvc.metadata.uid !== ref.uid) {
      if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') return;
      setVolumePhase(pv, 'Released');
      // reclaimVolume: Retain keeps it; Delete of a provisioned volume is left to its provisioner
      return;
    }
    if (!pvc.spec?.volumeName) {
      claims.add(keyOf(pvc.metadata.namespace, pvc.metadata.name));
      return;
    }
    if (pvc.spec.volumeName === pv.metadata.name) setVolumePhase(pv, 'Bound');
  }
}
