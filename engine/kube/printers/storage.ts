// Storage rows: PersistentVolume, PersistentVolumeClaim, StorageClass, CSIDriver, CSINode,
// VolumeAttachment (printPersistentVolume, printPersistentVolumeClaim, printStorageClass, ...
// in kubernetes pkg/printers/internalversion/printers.go, 1.32).
// biome-ignore-all lint/suspicious/noExplicitAny: storage specs are open JSON

import { translateTimestampSince } from '../api/duration.ts';
import { canonicalQuantity } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

/** core.BetaStorageClassAnnotation: wins over spec.storageClassName when present. */
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

function age(obj: KubeObject, ctx: PrintContext): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, ctx.now);
}

/** helper.GetAccessModesAsString: distinct modes, always ordered RWO,ROX,RWX,RWOP. */
export function accessModesString(modes: string[] | undefined): string {
  const present = new Set(modes ?? []);
  const order: Array<[string, string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return order
    .filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** The storage quantity of a resource list, canonical; Go's zero Quantity prints "0". */
function storageQuantity(list: Record<string, unknown> | undefined): string {
  const value = list?.storage;
  return value === undefined || value === null ? '0' : canonicalQuantity(String(value));
}

const pvColumns = [
  nameColumn(),
  column('Capacity', 'string'),
  column('Access Modes', 'string'),
  column('Reclaim Policy', 'string'),
  column('Status', 'string'),
  column('Claim', 'string'),
  column('StorageClass', 'string', { description: 'StorageClass of the pv' }),
  column('VolumeAttributesClass', 'string', { description: 'VolumeAttributesClass of the pv' }),
  column('Reason', 'string'),
  ageColumn(),
  column('VolumeMode', 'string', { wide: true }),
];

function printPersistentVolume(pv: KubeObject, ctx: PrintContext): Cell[] {
  const spec = pv.spec ?? {};
  const claim = spec.claimRef ? `${str(spec.claimRef.namespace)}/${str(spec.claimRef.name)}` : '';
  const annotations = pv.metadata.annotations ?? {};
  const storageClass =
    BETA_STORAGE_CLASS_ANNOTATION in annotations
      ? annotations[BETA_STORAGE_CLASS_ANNOTATION]
      : str(spec.storageClassName);
  return [
    str(pv.metadata.name),
    storageQuantity(spec.capacity),
    accessModesString(spec.accessModes),
    str(spec.persistentVolumeReclaimPolicy),
    pv.metadata.deletionTimestamp ? 'Terminating' : str(pv.status?.phase),
    claim,
    storageClass,
    typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
    str(pv.status?.reason),
    age(pv, ctx),
    typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
  ];
}

const pvcColumns = [
  nameColumn(),
  column('Status', 'string'),
  column('Volume', 'string'),
  column('Capacity', 'string'),
  column('Access Modes', 'string'),
  column('StorageClass', 'string', { description: 'StorageClass of the pvc' }),
  column('VolumeAttributesClass', 'string', { description: 'VolumeAttributesClass of the pvc' }),
  ageColumn(),
  column('VolumeMode', 'string', { wide: true }),
];

function printPersistentVolumeClaim(pvc: KubeObject, ctx: PrintContext): Cell[] {
  const spec = pvc.spec ?? {};
  const volumeName = str(spec.volumeName);
  // capacity and access modes are only shown once the claim names a volume
  const capacity = volumeName ? storageQuantity(pvc.status?.capacity) : '';
  const accessModes = volumeName ? accessModesString(pvc.status?.accessModes) : '';
  const annotations = pvc.metadata.annotations ?? {};
  let storageClass = '';
  if (BETA_STORAGE_CLASS_ANNOTATION in annotations) storageClass = annotations[BETA_STORAGE_CLASS_ANNOTATION];
  else if (typeof spec.storageClassName === 'string') storageClass = spec.storageClassName;
  return [
    str(pvc.metadata.name),
    pvc.metadata.deletionTimestamp ? 'Terminating' : str(pvc.status?.phase),
    volumeName,
    capacity,
    accessModes,
    storageClass,
    typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
    age(pvc, ctx),
    typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
  ];
}

const storageClassColumns = [
  nameColumn(),
  column('Provisioner', 'string'),
  column('ReclaimPolicy', 'string'),
  column('VolumeBindingMode', 'string'),
  column('AllowVolumeExpansion', 'string'),
  ageColumn(),
];

function printStorageClass(sc: KubeObject, ctx: PrintContext): Cell[] {
  const obj = sc as any;
  const annotations = sc.metadata.annotations ?? {};
  const isDefault = annotations[IS_DEFAULT_CLASS] === 'true' || annotations[BETA_IS_DEFAULT_CLASS] === 'true';
  return [
    isDefault ? `${str(sc.metadata.name)} (default)` : str(sc.metadata.name),
    str(obj.provisioner),
    typeof obj.reclaimPolicy === 'string' ? obj.reclaimPolicy : 'Delete',
    typeof obj.volumeBindingMode === 'string' ? obj.volumeBindingMode : 'Immediate',
    obj.allowVolumeExpansion === true,
    age(sc, ctx),
  ];
}

const csiDriverColumns = [
  nameColumn(),
  column('AttachRequired', 'boolean'),
  column('PodInfoOnMount', 'boolean'),
  column('StorageCapacity', 'boolean'),
  column('TokenRequests', 'string'),
  column('RequiresRepublish', 'boolean'),
  column('Modes', 'string'),
  ageColumn(),
];

function printCSIDriver(driver: KubeObject, ctx: PrintContext): Cell[] {
  const spec = driver.spec ?? {};
  const tokenRequests = Array.isArray(spec.tokenRequests)
    ? spec.tokenRequests.map((t: any) => str(t.audience)).join(',')
    : '<unset>';
  const modes = (spec.volumeLifecycleModes ?? []).join(',') || '<none>';
  return [
    str(driver.metadata.name),
    spec.attachRequired !== false,
    spec.podInfoOnMount === true,
    spec.storageCapacity === true,
    tokenRequests,
    spec.requiresRepublish === true,
    modes,
    age(driver, ctx),
  ];
}

function printCSINode(node: KubeObject, ctx: PrintContext): Cell[] {
  return [str(node.metadata.name), (node.spec?.drivers ?? []).length, age(node, ctx)];
}

const volumeAttachmentColumns = [
  nameColumn(),
  column('Attacher', 'string', { format: 'name' }),
  column('PV', 'string'),
  column('Node', 'string'),
  column('Attached', 'boolean'),
  ageColumn(),
];

function printVolumeAttachment(va: KubeObject, ctx: PrintContext): Cell[] {
  const spec = va.spec ?? {};
  return [
    str(va.metadata.name),
    str(spec.attacher),
    str(spec.source?.persistentVolumeName),
    str(spec.nodeName),
    va.status?.attached === true,
    age(va, ctx),
  ];
}

export const storagePrinters: Record<string, KindPrinter> = {
  PersistentVolume: { columns: pvColumns, row: printPersistentVolume },
  PersistentVolumeClaim: { columns: pvcColumns, row: printPersistentVolumeClaim },
  StorageClass: { columns: storageClassColumns, row: printStorageClass },
  CSIDriver: { columns: csiDriverColumns, row: printCSIDriver },
  CSINode: {
    columns: [
      nameColumn(),
      column('Drivers', 'integer', {
        description: 'Drivers indicates the number of CSI drivers registered on the node',
      }),
      ageColumn(),
    ],
    row: printCSINode,
  },
  VolumeAttachment: { columns: volumeAttachmentColumns, row: printVolumeAttachment },
};
