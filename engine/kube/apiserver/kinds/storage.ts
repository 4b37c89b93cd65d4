// Strategies of the storage kinds: PersistentVolume and PersistentVolumeClaim
// (pkg/registry/core/persistentvolume{,claim}/strategy.go, SetDefaults_PersistentVolume{,Claim},
// the StorageObjectInUseProtection, DefaultStorageClass and PersistentVolumeClaimResize admission
// plugins) and StorageClass / CSIDriver (pkg/apis/storage/v1/defaults.go).
import { forbidden as forbiddenError } from '../errors.ts';
import { registerStrategy, type StrategyContext } from '../strategy.ts';
import { decodeResourceList } from './decode.ts';
import { type Json, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { defaultPVCSpec } from './podDefaults.ts';
import { q } from './resources.ts';
import {
  validatePVCSpec,
  validatePVCUpdate,
  validatePVSpec,
  validatePVUpdate,
  validateStorageClassFields,
  validateStorageClassUpdate,
} from './storageValidation.ts';

const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

function addFinalizer(obj: Json, finalizer: string): void {
  const list: string[] = obj.metadata.finalizers ?? [];
  if (!list.includes(finalizer)) obj.metadata.finalizers = [...list, finalizer];
}

/**
 * DefaultStorageClass admission: a claim without storageClassName gets the default class.
 * The store offers lookups by name only, so the class kind creates ("standard") is consulted.
 */
function defaultStorageClass(pvc: Json, ctx: StrategyContext): void {
  if (pvc.spec.storageClassName !== undefined && pvc.spec.storageClassName !== null) return;
  const sc = ctx.lookup('storageclasses', '', 'standard');
  if (sc?.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    pvc.spec.storageClassName = 'standard';
}

/** SetDefaults_PersistentVolume (spec part) with its resource list and hostPath type. */
function defaultPV(pv: Json): void {
  pv.spec ??= {};
  decodeResourceList(pv, pv.spec.capacity);
  pv.spec.persistentVolumeReclaimPolicy ||= 'Retain';
  pv.spec.volumeMode ??= 'Filesystem';
  if (pv.spec.hostPath && pv.spec.hostPath.type === undefined) pv.spec.hostPath.type = '';
}

registerStrategy('PersistentVolume', {
  generation: false,
  prepareForCreate(pv) {
    defaultPV(pv);
    pv.status = { phase: 'Pending' };
    addFinalizer(pv, 'kubernetes.io/pv-protection');
  },
  prepareForUpdate: defaultPV,
  validate(pv) {
    return [
      ...validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain),
      ...validatePVSpec(pv.spec ?? {}, 'spec'),
    ];
  },
  validateUpdate(pv, old) {
    return [...validateObjectMetaUpdate(pv.metadata, old.metadata), ...validatePVUpdate(pv, old)];
  },
});

registerStrategy('PersistentVolumeClaim', {
  generation: false,
  prepareForCreate(pvc, ctx) {
    pvc.spec ??= {};
    defaultPVCSpec(pvc, pvc.spec);
    defaultStorageClass(pvc, ctx);
    pvc.status = { phase: 'Pending' };
    addFinalizer(pvc, 'kubernetes.io/pvc-protection');
  },
  prepareForUpdate(pvc, old, ctx) {
    pvc.spec ??= {};
    defaultPVCSpec(pvc, pvc.spec);
    // PersistentVolumeClaimResize admission: growing a claim needs an expandable class.
    const next = pvc.spec.resources?.requests?.storage;
    const prev = old.spec?.resources?.requests?.storage;
    if (next !== undefined && prev !== undefined && q(next).nanos > q(prev).nanos) {
      const sc = pvc.spec.storageClassName
        ? ctx.lookup('storageclasses', '', pvc.spec.storageClassName)
        : undefined;
      if (sc?.allowVolumeExpansion !== true) {
        throw forbiddenError(
          '',
          'persistentvolumeclaims',
          pvc.metadata.name ?? '',
          'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
        );
      }
    }
  },
  validate(pvc) {
    return [
      ...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain),
      ...validatePVCSpec(pvc.spec ?? {}, 'spec'),
    ];
  },
  validateUpdate(pvc, old) {
    return [...validateObjectMetaUpdate(pvc.metadata, old.metadata), ...validatePVCUpdate(pvc, old)];
  },
});

/** SetDefaults_StorageClass. */
function defaultStorageClassFields(sc: Json): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
}

registerStrategy('StorageClass', {
  generation: false,
  prepareForCreate: defaultStorageClassFields,
  prepareForUpdate: defaultStorageClassFields,
  validate(sc) {
    return [...validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain), ...validateStorageClassFields(sc)];
  },
  validateUpdate(sc, old) {
    return [...validateObjectMetaUpdate(sc.metadata, old.metadata), ...validateStorageClassUpdate(sc, old)];
  },
});

/** SetDefaults_CSIDriver. */
function defaultCSIDriver(d: Json): void {
  d.spec ??= {};
  d.spec.attachRequired ??= true;
  d.spec.podInfoOnMount ??= false;
  d.spec.storageCapacity ??= false;
  d.spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
  if (!(d.spec.volumeLifecycleModes ?? []).length) d.spec.volumeLifecycleModes = ['Persistent'];
  d.spec.requiresRepublish ??= false;
  d.spec.seLinuxMount ??= false;
}

registerStrategy('CSIDriver', {
  generation: false,
  prepareForCreate: defaultCSIDriver,
  prepareForUpdate: defaultCSIDriver,
  validate(d) {
    return validateObjectMeta(d.metadata, false, nameIsDNSSubdomain);
  },
});
