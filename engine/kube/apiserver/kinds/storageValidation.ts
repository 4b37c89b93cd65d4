// PersistentVolume, PersistentVolumeClaim and StorageClass checks of
// pkg/apis/core/validation/validation.go (ValidatePersistentVolumeSpec, ValidatePersistentVolumeClaimSpec
// and their updates) and pkg/apis/storage/validation/validation.go (ValidateStorageClass).

import { goQuantity, quantityValue } from '../../api/quantity.ts';
import type { FieldError } from '../errors.ts';
import { child, forbidden, goQuote, index, invalid, key, notSupported, required, tooLong } from './field.ts';
import { pvcSpecDiff } from './godiff.ts';
import { type Json, sameJson, validateAnnotations, validateLabelSelector, validateLabels } from './meta.ts';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names.ts';
import { q, validatePositiveQuantity, validateResourceQuantity } from './resources.ts';
import { validateNodeSelector } from './schedulingValidation.ts';
import { validatePathNoBacksteps } from './volumeValidation.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
/** PersistentVolumeSource fields, in the order ValidatePersistentVolumeSpec counts them. */
const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

function validateAccessModes(
  modes: string[] | undefined,
  path: string,
  requiredDetail: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const list = modes ?? [];
  if (list.length === 0) errs.push(required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, goQuote(m), ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateClassName(name: string, path: string): FieldError[] {
  return nameIsDNSSubdomain(name, false).map((msg) => invalid(path, goQuote(name), msg));
}

/** ValidatePersistentVolumeClaimSpec. */
export function validatePVCSpec(spec: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes: string[] = spec.accessModes ?? [];
  if (modes.length === 0)
    errs.push(required(child(path, 'accessModes'), 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, child(path, 'selector')));
  errs.push(
    ...validateAccessModes(modes, child(path, 'accessModes'), '').filter((e) => e.type !== 'Required value'),
  );
  const storagePath = key(child(path, 'resources'), 'storage');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(storagePath));
  else {
    const positive = validatePositiveQuantity(storage, storagePath);
    errs.push(
      ...(positive.length > 0 ? positive : validateResourceQuantity('storage', storage, storagePath)),
    );
  }
  if (spec.storageClassName)
    errs.push(...validateClassName(spec.storageClassName, child(path, 'storageClassName')));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(child(path, 'volumeMode'), goQuote(spec.volumeMode), VOLUME_MODES));
  }
  for (const f of ['dataSource', 'dataSourceRef']) {
    const ds = spec[f];
    if (!ds) continue;
    const p = child(path, f);
    if (!ds.name) errs.push(required(child(p, 'name')));
    if (!ds.kind) errs.push(required(child(p, 'kind')));
    if (!ds.apiGroup && ds.kind !== 'PersistentVolumeClaim') {
      errs.push(
        invalid(
          p,
          goQuote(String(ds.kind ?? '')),
          "must be 'PersistentVolumeClaim' when referencing the default apiGroup",
        ),
      );
    }
    if (ds.apiGroup)
      for (const msg of isDNS1123Subdomain(ds.apiGroup))
        errs.push(invalid(child(p, 'apiGroup'), goQuote(ds.apiGroup), msg));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimTemplate: only labels and annotations in its metadata. */
export function validatePVCTemplate(template: Json, path: string): FieldError[] {
  const meta = template.metadata ?? {};
  const mp = child(path, 'metadata');
  const errs = [
    ...validateAnnotations(meta.annotations, child(mp, 'annotations')),
    ...validateLabels(meta.labels, child(mp, 'labels')),
  ];
  for (const k of Object.keys(meta)) {
    if (['labels', 'annotations', 'creationTimestamp'].includes(k) || meta[k] === null || meta[k] === '')
      continue;
    errs.push(forbidden(child(mp, k), 'cannot be set'));
  }
  errs.push(...validatePVCSpec(template.spec ?? {}, child(path, 'spec')));
  return errs;
}

/** %#v of a core.ResourceList (PV capacity errors print the whole map). */
function goResourceList(list: Record<string, unknown>): string {
  const keys = Object.keys(list).sort();
  return `core.ResourceList{${keys.map((k) => `${goQuote(k)}:${goQuantity(q(list[k]))}`).join(', ')}}`;
}

/** ValidatePersistentVolumeSpec (not inline). */
export function validatePVSpec(spec: Json, path: string): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, child(path, 'accessModes'), '');
  const capacity: Record<string, unknown> = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errs.push(required(child(path, 'capacity')));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) {
    errs.push(notSupported(child(path, 'capacity'), goResourceList(capacity), ['storage']));
  }
  for (const [r, value] of Object.entries(capacity)) {
    const p = key(child(path, 'capacity'), r);
    const v = quantityValue(q(value));
    if (v < 0) errs.push(invalid(p, String(v), 'must be a valid resource quantity'));
    errs.push(...validatePositiveQuantity(value, p));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy)) {
    errs.push(notSupported(child(path, 'persistentVolumeReclaimPolicy'), goQuote(policy), RECLAIM_POLICIES));
  }
  let affinity = false;
  if (spec.nodeAffinity) {
    affinity = true;
    const np = child(path, 'nodeAffinity');
    if (spec.nodeAffinity.required)
      errs.push(...validateNodeSelector(spec.nodeAffinity.required, child(np, 'required')));
    else errs.push(required(child(np, 'required'), 'must specify required node constraints'));
  }
  let count = 0;
  for (const src of PV_SOURCES) {
    const s = spec[src];
    if (s === undefined || s === null) continue;
    const p = child(path, src);
    if (count > 0 && src !== 'flexVolume') {
      errs.push(forbidden(p, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    if (src === 'hostPath' || src === 'local') {
      if (!s.path) errs.push(required(child(p, 'path')));
      else errs.push(...validatePathNoBacksteps(s.path, child(p, 'path')));
      if (src === 'local' && !affinity)
        errs.push(required(child(path, 'nodeAffinity'), 'Local volume requires node affinity'));
    }
    if (src === 'nfs') {
      if (!s.server) errs.push(required(child(p, 'server')));
      if (!s.path) errs.push(required(child(p, 'path')));
      if (!String(s.path ?? '').startsWith('/'))
        errs.push(invalid(child(p, 'path'), goQuote(String(s.path ?? '')), 'must be an absolute path'));
    }
    if (src === 'csi') {
      if (!s.driver) errs.push(required(child(p, 'driver')));
      if (!s.volumeHandle) errs.push(required(child(p, 'volumeHandle')));
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  if (
    spec.hostPath &&
    (spec.hostPath.path === '/' || /^\/+$/.test(spec.hostPath.path ?? '')) &&
    policy === 'Recycle'
  ) {
    errs.push(
      forbidden(
        child(path, 'persistentVolumeReclaimPolicy'),
        "may not be 'recycle' for a hostPath mount of '/'",
      ),
    );
  }
  if (spec.storageClassName)
    errs.push(...validateClassName(spec.storageClassName, child(path, 'storageClassName')));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(child(path, 'volumeMode'), goQuote(spec.volumeMode), VOLUME_MODES));
  }
  return errs;
}

/** The PersistentVolumeSource part of a PV spec (immutable after creation). */
function pvSource(spec: Json): Json {
  const out: Json = {};
  for (const s of PV_SOURCES) if (spec[s] !== undefined) out[s] = spec[s];
  return out;
}

/** ValidatePersistentVolumeUpdate's update-only rules. */
export function validatePVUpdate(pv: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (!sameJson(pvSource(pv.spec ?? {}), pvSource(old.spec ?? {}))) {
    errs.push(
      forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'),
    );
  }
  if ((pv.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errs.push(invalid('volumeMode', goQuote(String(pv.spec?.volumeMode ?? '')), 'field is immutable'));
  }
  if (old.spec?.nodeAffinity && !sameJson(pv.spec?.nodeAffinity, old.spec.nodeAffinity)) {
    errs.push(
      invalid(
        'nodeAffinity',
        '"<node affinity>"',
        'field is immutable, except for updating from beta label to GA',
      ),
    );
  }
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate's update-only rules (RecoverVolumeExpansionFailure is beta in 1.32). */
export function validatePVCUpdate(pvc: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  const next = structuredClone(pvc.spec ?? {});
  const prev = structuredClone(old.spec ?? {});
  if (!prev.volumeName) prev.volumeName = next.volumeName;
  if (prev.storageClassName === undefined && next.storageClassName !== undefined) {
    const annotation = old.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
    if (annotation === undefined || annotation === next.storageClassName)
      prev.storageClassName = next.storageClassName;
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && next.resources?.requests) next.resources.requests.storage = prev.resources?.requests?.storage;
  if (bound && next.volumeAttributesClassName !== undefined)
    next.volumeAttributesClassName = prev.volumeAttributesClassName;
  if (!sameJson(next, prev)) {
    errs.push(
      forbidden(
        'spec',
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${pvcSpecDiff(prev, next)}`,
      ),
    );
  }
  const newSize = q(pvc.spec?.resources?.requests?.storage ?? '0');
  const oldSize = q(old.spec?.resources?.requests?.storage ?? '0');
  const statusSize = q(old.status?.capacity?.storage ?? '0');
  if (newSize.nanos < oldSize.nanos && newSize.nanos <= statusSize.nanos) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  if ((pvc.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errs.push(invalid('volumeMode', goQuote(String(pvc.spec?.volumeMode ?? '')), 'field is immutable'));
  }
  return errs;
}

/** ValidateStorageClass (storage/validation). */
export function validateStorageClassFields(sc: Json): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = String(sc.provisioner ?? '');
  if (!provisioner) errs.push(required('provisioner'));
  else
    for (const msg of isQualifiedName(provisioner.toLowerCase()))
      errs.push(invalid('provisioner', goQuote(provisioner.toLowerCase()), msg));
  let size = 0;
  for (const [k, v] of Object.entries(sc.parameters ?? {})) {
    if (!k) errs.push(invalid('parameters', goQuote(k), 'field can not be empty.'));
    size += k.length + String(v).length;
  }
  if (size > 256 * 1024) errs.push(tooLong('parameters', 256 * 1024));
  if (sc.reclaimPolicy && !['Delete', 'Retain'].includes(sc.reclaimPolicy)) {
    errs.push(notSupported('reclaimPolicy', goQuote(sc.reclaimPolicy), ['Delete', 'Retain']));
  }
  if (!sc.volumeBindingMode) errs.push(required('volumeBindingMode'));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) {
    errs.push(
      notSupported('volumeBindingMode', goQuote(sc.volumeBindingMode), ['Immediate', 'WaitForFirstConsumer']),
    );
  }
  (sc.allowedTopologies ?? []).forEach((term: Json, i: number) => {
    const p = index('allowedTopologies', i);
    (term.matchLabelExpressions ?? []).forEach((e: Json, j: number) => {
      const ep = index(child(p, 'matchLabelExpressions'), j);
      if (!(e.values ?? []).length) errs.push(required(child(ep, 'values')));
    });
  });
  return errs;
}

export function validateStorageClassUpdate(sc: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (!sameJson(sc.parameters ?? null, old.parameters ?? null))
    errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner)
    errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy)
    errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) {
    errs.push(
      invalid('volumeBindingMode', goQuote(String(sc.volumeBindingMode ?? '')), 'field is immutable'),
    );
  }
  return errs;
}
