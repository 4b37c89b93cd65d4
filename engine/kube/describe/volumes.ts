// Volume sources as describe prints them, for pod volumes (describeVolumes) and persistent
// volume sources (the PersistentVolume describer picks among the exported printers).
// Follows the print*VolumeSource functions of pkg/describe/describe.go (kubectl v0.32.4).

import { quantityOf } from '../api/quantity.ts';
import { printPersistentVolumeClaim } from './claims.ts';
import type { Json } from './format.ts';
import { goMap, goPointer, goSlice, int, str } from './gofmt.ts';
import { sortStrings } from './gosort.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer.ts';

const MAX_ANNOTATION_LEN = 140;

/** %v of a *LocalObjectReference (gogo String()). */
function localRef(ref: Json): string {
  return ref ? `&LocalObjectReference{Name:${str(ref.name)},}` : 'nil';
}

/** %v of a *SecretReference (gogo String()). */
function secretRef(ref: Json): string {
  return ref ? `&SecretReference{Name:${str(ref.name)},Namespace:${str(ref.namespace)},}` : 'nil';
}

function bool(v: unknown): string {
  return v === true ? 'true' : 'false';
}

/** One "Type:" block: the first line at LEVEL_2, the rest already carrying four spaces. */
function block(w: PrefixWriter, type: string, fields: [string, string][]): void {
  w.write(LEVEL_2, `Type:\t${type}\n${fields.map(([k, v]) => `    ${k}\t${v}\n`).join('')}`);
}

export function printHostPath(v: Json, w: PrefixWriter): void {
  block(w, 'HostPath (bare host directory volume)', [
    ['Path:', str(v.path)],
    ['HostPathType:', v.type === undefined || v.type === null ? '<none>' : str(v.type)],
  ]);
}

function printEmptyDir(v: Json, w: PrefixWriter): void {
  const limit = quantityOf(v.sizeLimit);
  const sizeLimit = v.sizeLimit !== undefined && v.sizeLimit !== null && limit.cmp(quantityOf('0')) > 0;
  block(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [
    ['Medium:', str(v.medium)],
    ['SizeLimit:', sizeLimit ? String(limit) : '<unset>'],
  ]);
}

export function printGCEPersistentDisk(v: Json, w: PrefixWriter): void {
  block(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
    ['PDName:', str(v.pdName)],
    ['FSType:', str(v.fsType)],
    ['Partition:', int(v.partition)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printAWSElasticBlockStore(v: Json, w: PrefixWriter): void {
  block(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
    ['VolumeID:', str(v.volumeID)],
    ['FSType:', str(v.fsType)],
    ['Partition:', int(v.partition)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printNFS(v: Json, w: PrefixWriter): void {
  block(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [
    ['Server:', str(v.server)],
    ['Path:', str(v.path)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printISCSI(v: Json, w: PrefixWriter, persistent: boolean): void {
  block(
    w,
    "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
    [
      ['TargetPortal:', str(v.targetPortal)],
      ['IQN:', str(v.iqn)],
      ['Lun:', int(v.lun)],
      ['ISCSIInterface', str(v.iscsiInterface)],
      ['FSType:', str(v.fsType)],
      ['ReadOnly:', bool(v.readOnly)],
      ['Portals:', goSlice(v.portals)],
      ['DiscoveryCHAPAuth:', bool(v.chapAuthDiscovery)],
      ['SessionCHAPAuth:', bool(v.chapAuthSession)],
      ['SecretRef:', persistent ? secretRef(v.secretRef) : localRef(v.secretRef)],
      [
        'InitiatorName:',
        v.initiatorName === undefined || v.initiatorName === null ? '<none>' : str(v.initiatorName),
      ],
    ],
  );
}

export function printGlusterfs(v: Json, w: PrefixWriter, persistent: boolean): void {
  const fields: [string, string][] = [['EndpointsName:', str(v.endpoints)]];
  if (persistent) {
    const ns =
      v.endpointsNamespace === undefined || v.endpointsNamespace === null
        ? '<unset>'
        : str(v.endpointsNamespace);
    fields.push(['EndpointsNamespace:', ns]);
  }
  fields.push(['Path:', str(v.path)], ['ReadOnly:', bool(v.readOnly)]);
  block(w, "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", fields);
}

export function printRBD(v: Json, w: PrefixWriter, persistent: boolean): void {
  block(w, "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
    ['CephMonitors:', goSlice(v.monitors)],
    ['RBDImage:', str(v.image)],
    ['FSType:', str(v.fsType)],
    ['RBDPool:', str(v.pool)],
    ['RadosUser:', str(v.user)],
    ['Keyring:', str(v.keyring)],
    ['SecretRef:', persistent ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printQuobyte(v: Json, w: PrefixWriter): void {
  block(w, "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
    ['Registry:', str(v.registry)],
    ['Volume:', str(v.volume)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printVsphere(v: Json, w: PrefixWriter): void {
  block(w, 'vSphereVolume (a Persistent Disk resource in vSphere)', [
    ['VolumePath:', str(v.volumePath)],
    ['FSType:', str(v.fsType)],
    ['StoragePolicyName:', str(v.storagePolicyName)],
  ]);
}

export function printCinder(v: Json, w: PrefixWriter, persistent: boolean): void {
  block(w, 'Cinder (a Persistent Disk resource in OpenStack)', [
    ['VolumeID:', str(v.volumeID)],
    ['FSType:', str(v.fsType)],
    ['ReadOnly:', bool(v.readOnly)],
    ['SecretRef:', persistent ? secretRef(v.secretRef) : localRef(v.secretRef)],
  ]);
}

export function printAzureDisk(v: Json, w: PrefixWriter): void {
  block(w, 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
    ['DiskName:', str(v.diskName)],
    ['DiskURI:', str(v.diskURI)],
    ['Kind: ', str(v.kind)],
    ['FSType:', str(v.fsType)],
    ['CachingMode:', str(v.cachingMode)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printPhotonPersistentDisk(v: Json, w: PrefixWriter): void {
  block(w, 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [
    ['PdID:', str(v.pdID)],
    ['FSType:', str(v.fsType)],
  ]);
}

export function printPortworx(v: Json, w: PrefixWriter): void {
  block(w, 'PortworxVolume (a Portworx Volume resource)', [['VolumeID:', str(v.volumeID)]]);
}

export function printScaleIO(v: Json, w: PrefixWriter, persistent: boolean): void {
  const fields: [string, string][] = [
    ['Gateway:', str(v.gateway)],
    ['System:', str(v.system)],
    ['Protection Domain:', str(v.protectionDomain)],
    ['Storage Pool:', str(v.storagePool)],
    ['Storage Mode:', str(v.storageMode)],
    ['VolumeName:', str(v.volumeName)],
  ];
  if (persistent) {
    fields.push(['SecretName:', str(v.secretRef?.name)], ['SecretNamespace:', str(v.secretRef?.namespace)]);
  }
  fields.push(['FSType:', str(v.fsType)], ['ReadOnly:', bool(v.readOnly)]);
  block(w, 'ScaleIO (a persistent volume backed by a block device in ScaleIO)', fields);
}

export function printLocal(v: Json, w: PrefixWriter): void {
  block(w, 'LocalVolume (a persistent volume backed by local storage on a node)', [['Path:', str(v.path)]]);
}

export function printCephFS(v: Json, w: PrefixWriter, persistent: boolean): void {
  block(w, "CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
    ['Monitors:', goSlice(v.monitors)],
    ['Path:', str(v.path)],
    ['User:', str(v.user)],
    ['SecretFile:', str(v.secretFile)],
    ['SecretRef:', persistent ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printStorageOS(v: Json, w: PrefixWriter): void {
  block(w, 'StorageOS (a StorageOS Persistent Disk resource)', [
    ['VolumeName:', str(v.volumeName)],
    ['VolumeNamespace:', str(v.volumeNamespace)],
    ['FSType:', str(v.fsType)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printFC(v: Json, w: PrefixWriter): void {
  block(w, 'FC (a Fibre Channel disk)', [
    ['TargetWWNs:', (v.targetWWNs ?? []).join(', ')],
    ['LUN:', v.lun === undefined || v.lun === null ? '<none>' : int(v.lun)],
    ['FSType:', str(v.fsType)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

export function printAzureFile(v: Json, w: PrefixWriter, persistent: boolean): void {
  const fields: [string, string][] = [['SecretName:', str(v.secretName)]];
  if (persistent) fields.push(['SecretNamespace:', str(v.secretNamespace)]);
  fields.push(['ShareName:', str(v.shareName)], ['ReadOnly:', bool(v.readOnly)]);
  block(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', fields);
}

export function printFlex(v: Json, w: PrefixWriter, persistent: boolean): void {
  block(w, 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)', [
    ['Driver:', str(v.driver)],
    ['FSType:', str(v.fsType)],
    ['SecretRef:', persistent ? secretRef(v.secretRef) : localRef(v.secretRef)],
    ['ReadOnly:', bool(v.readOnly)],
    ['Options:', goMap(v.options)],
  ]);
}

export function printFlocker(v: Json, w: PrefixWriter): void {
  block(w, 'Flocker (a Flocker volume mounted by the Flocker agent)', [
    ['DatasetName:', str(v.datasetName)],
    ['DatasetUUID:', str(v.datasetUUID)],
  ]);
}

export function printCSI(v: Json, w: PrefixWriter, persistent: boolean): void {
  const fields: [string, string][] = [
    ['Driver:', str(v.driver)],
    ['FSType:', str(v.fsType)],
  ];
  if (persistent) fields.push(['VolumeHandle:', str(v.volumeHandle)]);
  fields.push(['ReadOnly:', bool(v.readOnly)]);
  block(w, 'CSI (a Container Storage Interface (CSI) volume source)', fields);
  // printCSIPersistentVolumeAttributesMultilineIndent
  const attributes: Record<string, string> = v.volumeAttributes ?? {};
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = sortStrings(Object.keys(attributes));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes[key]}`;
    w.write(
      LEVEL_2,
      line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`,
    );
  });
}

function printSecretVolume(v: Json, w: PrefixWriter): void {
  block(w, 'Secret (a volume populated by a Secret)', [
    ['SecretName:', str(v.secretName)],
    ['Optional:', bool(v.optional)],
  ]);
}

function printConfigMapVolume(v: Json, w: PrefixWriter): void {
  block(w, 'ConfigMap (a volume populated by a ConfigMap)', [
    ['Name:', str(v.name)],
    ['Optional:', bool(v.optional)],
  ]);
}

function printProjected(v: Json, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const source of v.sources ?? []) {
    if (source.secret) {
      w.write(
        LEVEL_2,
        `SecretName:\t${str(source.secret.name)}\n    SecretOptionalName:\t${goPointer(source.secret.optional)}\n`,
      );
    } else if (source.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (source.configMap) {
      w.write(
        LEVEL_2,
        `ConfigMapName:\t${str(source.configMap.name)}\n    ConfigMapOptional:\t${goPointer(source.configMap.optional)}\n`,
      );
    } else if (source.serviceAccountToken) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${int(source.serviceAccountToken.expirationSeconds)}\n`);
    }
  }
}

function printDownwardAPI(v: Json, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  for (const item of v.items ?? []) {
    if (item.fieldRef) w.write(LEVEL_3, `${str(item.fieldRef.fieldPath)} -> ${str(item.path)}\n`);
    if (item.resourceFieldRef)
      w.write(LEVEL_3, `${str(item.resourceFieldRef.resource)} -> ${str(item.path)}\n`);
  }
}

function printGitRepo(v: Json, w: PrefixWriter): void {
  block(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [
    ['Repository:', str(v.repository)],
    ['Revision:', str(v.revision)],
  ]);
}

function printImage(v: Json, w: PrefixWriter): void {
  block(w, 'Image (a container image or OCI artifact)', [
    ['Reference:', str(v.reference)],
    ['PullPolicy:', str(v.pullPolicy)],
  ]);
}

function printEphemeral(v: Json, w: PrefixWriter): void {
  w.write(
    LEVEL_2,
    'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
  );
  if (v.volumeClaimTemplate) {
    const t = v.volumeClaimTemplate;
    printPersistentVolumeClaim(
      w.nested(LEVEL_2),
      { metadata: t.metadata ?? {}, spec: t.spec ?? {}, status: {} },
      false,
    );
  }
}

/** The pod volume sources in describeVolumes' order of precedence. */
const POD_VOLUME_PRINTERS: [string, (v: Json, w: PrefixWriter) => void][] = [
  ['hostPath', printHostPath],
  ['emptyDir', printEmptyDir],
  ['gcePersistentDisk', printGCEPersistentDisk],
  ['awsElasticBlockStore', printAWSElasticBlockStore],
  ['gitRepo', printGitRepo],
  ['secret', printSecretVolume],
  ['configMap', printConfigMapVolume],
  ['nfs', printNFS],
  ['iscsi', (v, w) => printISCSI(v, w, false)],
  ['glusterfs', (v, w) => printGlusterfs(v, w, false)],
  ['persistentVolumeClaim', printClaimVolume],
  ['ephemeral', printEphemeral],
  ['rbd', (v, w) => printRBD(v, w, false)],
  ['quobyte', printQuobyte],
  ['downwardAPI', printDownwardAPI],
  ['azureDisk', printAzureDisk],
  ['vsphereVolume', printVsphere],
  ['cinder', (v, w) => printCinder(v, w, false)],
  ['photonPersistentDisk', printPhotonPersistentDisk],
  ['portworxVolume', printPortworx],
  ['scaleIO', (v, w) => printScaleIO(v, w, false)],
  ['cephfs', (v, w) => printCephFS(v, w, false)],
  ['storageos', printStorageOS],
  ['fc', printFC],
  ['azureFile', (v, w) => printAzureFile(v, w, false)],
  ['flexVolume', (v, w) => printFlex(v, w, false)],
  ['flocker', printFlocker],
  ['projected', printProjected],
  ['csi', (v, w) => printCSI(v, w, false)],
  ['image', printImage],
];

function printClaimVolume(v: Json, w: PrefixWriter): void {
  block(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
    ['ClaimName:', str(v.claimName)],
    ['ReadOnly:', bool(v.readOnly)],
  ]);
}

/** describeVolumes: "Volumes:  <none>" or each volume with its source. */
export function describeVolumes(volumes: Json[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${str(volume.name)}:\n`);
    const printer = POD_VOLUME_PRINTERS.find(([field]) => volume[field]);
    if (printer) printer[1](volume[printer[0]], w);
    else w.write(LEVEL_1, '<unknown>\n');
  }
}
