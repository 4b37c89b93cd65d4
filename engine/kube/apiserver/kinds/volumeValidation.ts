// Pod volume checks of pkg/apis/core/validation/validation.go: ValidateVolumes (names, one source
// per volume) and the per-source rules of the common sources (emptyDir, hostPath, secret,
// configMap, projected, downwardAPI, persistentVolumeClaim, nfs, csi, ephemeral, ...).
import type { FieldError } from '../errors.ts';
import { child, duplicate, forbidden, goQuote, index, invalid, notSupported, required } from './field.ts';
import type { Json } from './meta.ts';
import { isDNS1123Label, isDNS1123Subdomain } from './names.ts';
import { q } from './resources.ts';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];
const VOLUME_FIELD_PATHS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];

/**
 * Volume sources in the order validateVolumeSource checks them, with the child name its
 * "may not specify more than 1 volume type" error uses (including upstream's "downwarAPI").
 */
const SOURCES: Array<[string, string]> = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

/** validatePathNoBacksteps. */
export function validatePathNoBacksteps(target: string, path: string): FieldError[] {
  return target.split('/').includes('..') ? [invalid(path, goQuote(target), "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, no "..". */
export function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, goQuote(target), 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** ValidateLocalNonReservedPath. */
function validateLocalNonReservedPath(target: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../'))
    errs.push(invalid(path, goQuote(target), "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, path: string): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0)
    ? [invalid(path, String(mode), FILE_MODE_ERROR)]
    : [];
}

function validateKeyToPath(kp: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(child(path, 'key')));
  if (!kp.path) errs.push(required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(String(kp.path ?? ''), child(path, 'path')));
  errs.push(...validateMode(kp.mode, child(path, 'mode')));
  return errs;
}

function validateItems(items: Json[] | undefined, path: string): FieldError[] {
  return (items ?? []).flatMap((kp, i) => validateKeyToPath(kp, index(path, i)));
}

/** validateDownwardAPIVolumeFile. */
function validateDownwardAPIFile(file: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(String(file.path ?? ''), child(path, 'path')));
  if (file.fieldRef) {
    const ref = file.fieldRef;
    if (!ref.apiVersion) errs.push(required(child(path, 'fieldRef', 'apiVersion')));
    else if (!ref.fieldPath) errs.push(required(child(path, 'fieldRef', 'fieldPath')));
    else {
      const base = String(ref.fieldPath).replace(/\[.*\]$/, '');
      if (!VOLUME_FIELD_PATHS.includes(base))
        errs.push(
          notSupported(child(path, 'fieldRef', 'fieldPath'), goQuote(ref.fieldPath), VOLUME_FIELD_PATHS),
        );
    }
    if (file.resourceFieldRef)
      errs.push(
        invalid(path, '"resource"', 'fieldRef and resourceFieldRef can not be specified simultaneously'),
      );
  } else if (file.resourceFieldRef) {
    if (!file.resourceFieldRef.containerName)
      errs.push(required(child(path, 'resourceFieldRef', 'containerName')));
    else if (!file.resourceFieldRef.resource)
      errs.push(required(child(path, 'resourceFieldRef', 'resource')));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, child(path, 'mode')));
  return errs;
}

function validateProjected(src: Json, path: string, podHasServiceAccount: boolean): FieldError[] {
  const errs = validateMode(src.defaultMode, child(path, 'defaultMode'));
  const paths = new Set<string>();
  const claim = (p: string, value: string) => {
    if (paths.has(p)) errs.push(invalid(path, goQuote(value), 'conflicting duplicate paths'));
    else paths.add(p);
  };
  (src.sources ?? []).forEach((s: Json, i: number) => {
    const sp = index(child(path, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      if (!s[kind]) continue;
      count++;
      if (!s[kind].name) errs.push(required(child(sp, kind, 'name')));
      (s[kind].items ?? []).forEach((kp: Json, j: number) => {
        errs.push(...validateKeyToPath(kp, index(child(sp, kind, 'items'), j)));
        if (kp.path) claim(kp.path, s[kind].name ?? '');
      });
    }
    if (s.downwardAPI) {
      count++;
      for (const file of s.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIFile(file, child(sp, 'downwardAPI')));
        if (file.path) claim(file.path, file.path);
      }
    }
    if (s.serviceAccountToken) {
      count++;
      const t = s.serviceAccountToken;
      const tp = child(sp, 'serviceAccountToken');
      const exp = t.expirationSeconds ?? 0;
      if (exp < 600)
        errs.push(
          invalid(
            child(tp, 'expirationSeconds'),
            String(exp),
            'may not specify a duration less than 10 minutes',
          ),
        );
      if (exp > 2 ** 32)
        errs.push(
          invalid(
            child(tp, 'expirationSeconds'),
            String(exp),
            'may not specify a duration larger than 2^32 seconds',
          ),
        );
      if (!t.path) errs.push(required(child(path, 'path')));
      else errs.push(...validateLocalNonReservedPath(t.path, child(path, 'path')));
      if (!podHasServiceAccount)
        errs.push(forbidden(tp, 'must not be specified when serviceAccountName is not set'));
    }
    if (s.clusterTrustBundle) count++;
    if (count > 1) errs.push(forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** The per-source checks of the sources notes use; the others only count as a source. */
function validateSource(name: string, src: Json, path: string, opts: VolumeOptions): FieldError[] {
  switch (name) {
    case 'emptyDir':
      if (src.sizeLimit !== undefined && q(src.sizeLimit).nanos < 0n) {
        return [forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')];
      }
      return [];
    case 'hostPath': {
      if (!src.path) return [required(child(path, 'path'))];
      const errs = validatePathNoBacksteps(src.path, child(path, 'path'));
      if (src.type !== undefined && !HOST_PATH_TYPES.includes(src.type))
        errs.push(notSupported(child(path, 'type'), goQuote(src.type), HOST_PATH_TYPES));
      return errs;
    }
    case 'gitRepo': {
      const errs = src.repository ? [] : [required(child(path, 'repository'))];
      return [...errs, ...validateLocalDescendingPath(String(src.directory ?? ''), child(path, 'directory'))];
    }
    case 'secret': {
      const errs = src.secretName ? [] : [required(child(path, 'secretName'))];
      return [
        ...errs,
        ...validateMode(src.defaultMode, child(path, 'defaultMode')),
        ...validateItems(src.items, child(path, 'items')),
      ];
    }
    case 'configMap': {
      const errs = src.name ? [] : [required(child(path, 'name'))];
      return [
        ...errs,
        ...validateMode(src.defaultMode, child(path, 'defaultMode')),
        ...validateItems(src.items, child(path, 'items')),
      ];
    }
    case 'nfs': {
      const errs: FieldError[] = [];
      if (!src.server) errs.push(required(child(path, 'server')));
      if (!src.path) errs.push(required(child(path, 'path')));
      if (!String(src.path ?? '').startsWith('/'))
        errs.push(invalid(child(path, 'path'), goQuote(String(src.path ?? '')), 'must be an absolute path'));
      return errs;
    }
    case 'persistentVolumeClaim':
      return src.claimName ? [] : [required(child(path, 'claimName'))];
    case 'downwardAPI':
      return [
        ...validateMode(src.defaultMode, child(path, 'defaultMode')),
        ...(src.items ?? []).flatMap((f: Json) => validateDownwardAPIFile(f, path)),
      ];
    case 'projected':
      return validateProjected(src, path, opts.hasServiceAccount);
    case 'csi': {
      const driver = String(src.driver ?? '');
      const errs: FieldError[] = [];
      if (!driver) errs.push(required(child(path, 'driver')));
      if (driver.length > 63)
        errs.push({
          field: child(path, 'driver'),
          type: 'Too long',
          detail: 'may not be more than 63 bytes',
        });
      for (const msg of isDNS1123Subdomain(driver.toLowerCase()))
        errs.push(invalid(child(path, 'driver'), goQuote(driver), msg));
      return errs;
    }
    case 'ephemeral':
      return src.volumeClaimTemplate
        ? (opts.validateClaimTemplate?.(src.volumeClaimTemplate, child(path, 'volumeClaimTemplate')) ?? [])
        : [required(child(path, 'volumeClaimTemplate'))];
    case 'iscsi': {
      const errs: FieldError[] = [];
      if (!src.targetPortal) errs.push(required(child(path, 'targetPortal')));
      if (!src.iqn) errs.push(required(child(path, 'iqn')));
      return errs;
    }
    case 'glusterfs': {
      const errs: FieldError[] = [];
      if (!src.endpoints) errs.push(required(child(path, 'endpoints')));
      if (!src.path) errs.push(required(child(path, 'path')));
      return errs;
    }
    case 'awsElasticBlockStore':
    case 'cinder':
    case 'portworxVolume':
      return src.volumeID ? [] : [required(child(path, 'volumeID'))];
    case 'gcePersistentDisk':
      return src.pdName ? [] : [required(child(path, 'pdName'))];
    case 'flexVolume':
      return src.driver ? [] : [required(child(path, 'driver'))];
    default:
      return [];
  }
}

export interface VolumeOptions {
  /** The pod names a service account (projected tokens need one). */
  hasServiceAccount: boolean;
  /** ValidatePersistentVolumeClaimTemplate, supplied by the storage kinds. */
  validateClaimTemplate?: (template: Json, path: string) => FieldError[];
}

/** ValidateVolumes: returns the valid volumes by name (for mount checks) and the errors. */
export function validateVolumes(
  volumes: Json[] | undefined,
  path: string,
  opts: VolumeOptions,
): { byName: Map<string, Json>; errs: FieldError[] } {
  const byName = new Map<string, Json>();
  const errs: FieldError[] = [];
  (volumes ?? []).forEach((vol, i) => {
    const p = index(path, i);
    const el: FieldError[] = [];
    let count = 0;
    for (const [field, forbiddenName] of SOURCES) {
      if (vol[field] === undefined || vol[field] === null) continue;
      if (count > 0) {
        el.push(forbidden(child(p, forbiddenName), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      const sp = field === 'gcePersistentDisk' ? child(p, 'persistentDisk') : child(p, field);
      el.push(...validateSource(field, vol[field], sp, opts));
    }
    if (count === 0) el.push(required(p, 'must specify a volume type'));
    if (!vol.name) el.push(required(child(p, 'name')));
    else
      for (const msg of isDNS1123Label(vol.name)) el.push(invalid(child(p, 'name'), goQuote(vol.name), msg));
    if (byName.has(vol.name)) el.push(duplicate(child(p, 'name'), goQuote(String(vol.name ?? ''))));
    if (el.length === 0) byName.set(vol.name, vol);
    else errs.push(...el);
  });
  return { byName, errs };
}
