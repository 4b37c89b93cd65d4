// The claim block shared by PersistentVolumeClaim descriptions, ephemeral volume claim templates
// and StatefulSet volume claim templates, with storageutil's class and access-mode helpers.
// Follows printPersistentVolumeClaim in pkg/describe/describe.go and pkg/util/storage/storage.go.

import { quantityOf } from '../api/quantity.ts';
import { type Json, printAnnotationsMultiline, printLabelsMultiline } from './format.ts';
import { goSlice, str } from './gofmt.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer.ts';

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over spec. */
export function claimClass(pvc: Json): string {
  const ann = pvc.metadata?.annotations ?? {};
  if ('volume.beta.kubernetes.io/storage-class' in ann) return ann['volume.beta.kubernetes.io/storage-class'];
  return str(pvc.spec?.storageClassName);
}

/** storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModesString(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** printPersistentVolumeClaim: a full PVC, or (isFull false) an ephemeral claim template. */
export function printPersistentVolumeClaim(
  w: PrefixWriter,
  pvc: Json,
  isFull: boolean,
  deletionAge?: string,
): void {
  const meta = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  if (isFull) {
    w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (isFull) {
    if (deletionAge !== undefined) w.write(LEVEL_0, `Status:\tTerminating (lasts ${deletionAge})\n`);
    else w.write(LEVEL_0, `Status:\t${str(pvc.status?.phase)}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${str(spec.volumeName)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (isFull) w.write(LEVEL_0, `Finalizers:\t${goSlice(meta.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (spec.volumeName) {
    accessModes = accessModesString(pvc.status?.accessModes);
    capacity = String(quantityOf(pvc.status?.capacity?.storage));
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined && spec.dataSource.apiGroup !== null) {
      w.write(LEVEL_1, `APIGroup:\t${str(spec.dataSource.apiGroup)}\n`);
    }
    w.write(LEVEL_1, `Kind:\t${str(spec.dataSource.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${str(spec.dataSource.name)}\n`);
  }
}
