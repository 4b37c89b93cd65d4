// Describers of storage objects: PersistentVolume (source, node affinity), PersistentVolumeClaim
// (with the pods using it), StorageClass and CSINode.
// Follows pkg/describe/describe.go and pkg/util/storage/storage.go (kubectl v0.32.4).

import { quantityOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { accessModesString, printPersistentVolumeClaim } from './claims.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import {
  formatLabels,
  type Json,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printPodsMultiline,
} from './format.ts';
import { goSlice, int, printBoolPtr, str } from './gofmt.ts';
import { formatRFC1123Z, parseGoTime, since } from './time.ts';
import {
  printAWSElasticBlockStore,
  printAzureDisk,
  printAzureFile,
  printCephFS,
  printCinder,
  printCSI,
  printFC,
  printFlex,
  printFlocker,
  printGCEPersistentDisk,
  printGlusterfs,
  printHostPath,
  printISCSI,
  printLocal,
  printNFS,
  printPhotonPersistentDisk,
  printPortworx,
  printQuobyte,
  printRBD,
  printScaleIO,
  printStorageOS,
  printVsphere,
} from './volumes.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, type PrefixWriter, tabbedString } from './writer.ts';

export interface StorageContext extends EventContext {
  showEvents: boolean;
}

/** The persistent volume sources in describePersistentVolume's order of precedence. */
const PV_SOURCE_PRINTERS: [string, (v: Json, w: PrefixWriter) => void][] = [
  ['hostPath', printHostPath],
  ['gcePersistentDisk', printGCEPersistentDisk],
  ['awsElasticBlockStore', printAWSElasticBlockStore],
  ['nfs', printNFS],
  ['iscsi', (v, w) => printISCSI(v, w, true)],
  ['glusterfs', (v, w) => printGlusterfs(v, w, true)],
  ['rbd', (v, w) => printRBD(v, w, true)],
  ['quobyte', printQuobyte],
  ['vsphereVolume', printVsphere],
  ['cinder', (v, w) => printCinder(v, w, true)],
  ['azureDisk', printAzureDisk],
  ['photonPersistentDisk', printPhotonPersistentDisk],
  ['portworxVolume', printPortworx],
  ['scaleIO', (v, w) => printScaleIO(v, w, true)],
  ['local', printLocal],
  ['cephfs', (v, w) => printCephFS(v, w, true)],
  ['storageos', printStorageOS],
  ['fc', printFC],
  ['azureFile', (v, w) => printAzureFile(v, w, true)],
  ['flexVolume', (v, w) => printFlex(v, w, true)],
  ['flocker', printFlocker],
  ['csi', (v, w) => printCSI(v, w, true)],
];

function printVolumeNodeAffinity(w: PrefixWriter, affinity: Json): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms: Json[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs: Json[] = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${str(req.key)} ${str(req.operator).toLowerCase()}`;
      if ((req.values ?? []).length > 0) expr = `${expr} [${req.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

export function describePersistentVolume(pv: KubeObject, ctx: StorageContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(pv)) : null;
  const spec: Json = pv.spec ?? {};
  const ann = pv.metadata.annotations ?? {};
  const storageClass =
    'volume.beta.kubernetes.io/storage-class' in ann
      ? ann['volume.beta.kubernetes.io/storage-class']
      : str(spec.storageClassName);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(pv.metadata.name)}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClass}\n`);
    if (pv.metadata.deletionTimestamp) {
      w.write(
        LEVEL_0,
        `Status:\tTerminating (lasts ${since(parseGoTime(pv.metadata.deletionTimestamp), ctx.now)})\n`,
      );
    } else {
      w.write(LEVEL_0, `Status:\t${str(pv.status?.phase)}\n`);
    }
    const claim = spec.claimRef ? `${str(spec.claimRef.namespace)}/${str(spec.claimRef.name)}` : '';
    w.write(LEVEL_0, `Claim:\t${claim}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${quantityOf(spec.capacity?.storage)}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${str(pv.status?.message)}\n`);
    w.write(LEVEL_0, 'Source:\n');
    const printer = PV_SOURCE_PRINTERS.find(([field]) => spec[field]);
    if (printer) printer[1](spec[printer[0]], w);
    else w.write(LEVEL_1, '<unknown>\n');
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** getPodsForPVC: pods mounting the claim, then pods owning it (generic ephemeral volumes). */
function podsForClaim(pvc: KubeObject, ctx: StorageContext): KubeObject[] {
  const nsPods = ctx.list('pods', pvc.metadata.namespace ?? '');
  const pods: KubeObject[] = [];
  for (const pod of nsPods) {
    for (const v of pod.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name) pods.push(pod);
    }
  }
  for (const owner of pvc.metadata.ownerReferences ?? []) {
    if (owner.kind !== 'Pod') continue;
    const pod = nsPods.find((p) => p.metadata.uid === owner.uid);
    if (!pod || pods.some((p) => p.metadata.uid === pod.metadata.uid)) continue;
    pods.push(pod);
  }
  return pods;
}

export function describePersistentVolumeClaim(pvc: KubeObject, ctx: StorageContext): string {
  const pods = podsForClaim(pvc, ctx);
  const events = ctx.showEvents ? searchEvents(ctx, refOf(pvc)) : null;
  const deletion = pvc.metadata.deletionTimestamp;
  return tabbedString((w) => {
    const age = deletion ? since(parseGoTime(deletion), ctx.now) : undefined;
    printPersistentVolumeClaim(w, pvc, true, age);
    printPodsMultiline(w, 'Used By', pods);
    const conditions: Json[] = pvc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${str(c.type)} \t${str(c.status)} \t${formatRFC1123Z(parseGoTime(c.lastProbeTime))} \t` +
            `${formatRFC1123Z(parseGoTime(c.lastTransitionTime))} \t${str(c.reason)} \t${str(c.message)}\n`,
        );
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeStorageClass(sc: KubeObject, ctx: StorageContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(sc)) : null;
  const s: Json = sc;
  const ann = sc.metadata.annotations ?? {};
  const isDefault =
    ann['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(sc.metadata.name)}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${str(s.provisioner)}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(s.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(s.allowVolumeExpansion)}\n`);
    const options: string[] = s.mountOptions ?? [];
    if (options.length === 0) {
      w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of options) w.write(LEVEL_1, `${o}\n`);
    }
    if (s.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${s.reclaimPolicy}\n`);
    if (s.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${s.volumeBindingMode}\n`);
    if (Array.isArray(s.allowedTopologies)) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      if (s.allowedTopologies.length === 0) {
        w.writeLine('<none>');
      } else {
        w.writeLine('');
        s.allowedTopologies.forEach((term: Json, i: number) => {
          w.write(LEVEL_1, `Term ${i}:\t`);
          const reqs: Json[] = term.matchLabelExpressions ?? [];
          if (reqs.length === 0) {
            w.writeLine('<none>');
            return;
          }
          reqs.forEach((req, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            let expr = `${str(req.key)} in`;
            if ((req.values ?? []).length > 0) expr = `${expr} [${req.values.join(', ')}]`;
            w.write(LEVEL_0, `${expr}\n`);
          });
        });
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeCSINode(csi: KubeObject, ctx: StorageContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(csi)) : null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(csi.metadata.name)}\n`);
    printLabelsMultiline(w, 'Labels', csi.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', csi.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(parseGoTime(csi.metadata.creationTimestamp))}\n`);
    w.write(LEVEL_0, 'Spec:\n');
    const drivers: Json[] | undefined = csi.spec?.drivers;
    if (drivers) {
      w.write(LEVEL_1, 'Drivers:\n');
      for (const d of drivers) {
        w.write(LEVEL_2, `${str(d.name)}:\n`);
        w.write(LEVEL_3, `Node ID:\t${str(d.nodeID)}\n`);
        if (d.allocatable?.count !== undefined && d.allocatable?.count !== null) {
          w.write(LEVEL_3, 'Allocatables:\n');
          w.write(LEVEL_4, `Count:\t${int(d.allocatable.count)}\n`);
        }
        if (d.topologyKeys) w.write(LEVEL_3, `Topology Keys:\t${goSlice(d.topologyKeys)}\n`);
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}
