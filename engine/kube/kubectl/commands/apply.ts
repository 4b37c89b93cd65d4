// kubectl apply -f (client-side apply with the last-applied-configuration annotation),
// create -f and delete -f: one line per object, `created`, `configured`, `unchanged`,
// `deleted`, and kubectl's errors for each object that fails.
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { type Manifest, readManifests } from '../manifests.ts';
import { nameOf } from '../print.ts';
import { fieldValidationRequest, printWarnings } from '../validate.ts';
import { applyServerSide } from './apply-server-side.ts';
import { threeWayMerge } from './merge.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const APPLY_FLAGS = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'record', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'wait', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'now', type: 'bool' },
  { name: 'cascade', type: 'string' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
] as const;

function dryRunSuffix(flags: ParsedFlags): string {
  const d = str(flags, 'dry-run');
  if (d === undefined || d === 'none') return '';
  if (d === 'client' || d === 'true') return ' (dry run)';
  if (d === 'server') return ' (server dry run)';
  throw new KubectlError(`error: Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

export function namespaced(k: Kubectl, m: Manifest): KubeObject {
  const cluster = k.cluster();
  const type = cluster.store.typeOf(m.object);
  const obj = structuredClone(m.object);
  if (type.namespaced) {
    const ns = obj.metadata.namespace;
    if (ns && k.explicitNamespace && ns !== k.namespace) {
      throw new KubectlError(
        `error: the namespace from the provided object "${ns}" does not match the namespace "${k.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
      );
    }
    obj.metadata.namespace = ns ?? k.namespace;
  }
  return obj;
}

export function mapping(k: Kubectl, m: Manifest): void {
  const cluster = k.cluster();
  if (!cluster.registry.forKind(m.object.apiVersion, m.object.kind)) {
    const ns = m.object.metadata.namespace ?? '';
    throw new KubectlError(
      `error: resource mapping not found for name: "${m.object.metadata.name ?? ''}" namespace: "${ns}" from "${m.source}": no matches for kind "${m.object.kind}" in version "${m.object.apiVersion}"\nensure CRDs are installed first`,
    );
  }
}

export function apply(k: Kubectl, flags: ParsedFlags): number {
  const files = list(flags, 'filename');
  if (files.length === 0) throw new KubectlError('error: must specify one of -f and -k');
  if (bool(flags, 'force-conflicts') && !bool(flags, 'server-side'))
    throw new KubectlError('error: --force-conflicts only works with --server-side');
  if (bool(flags, 'server-side')) return applyServerSide(k, flags, namespaced, mapping, dryRunSuffix(flags));
  const manifests = readManifests(k, files);
  const cluster = k.cluster();
  const suffix = dryRunSuffix(flags);
  const dryRun = suffix !== '';
  let status = 0;
  const clientDryRun = suffix === ' (dry run)';
  for (const m of manifests) {
    // apply.go words a failed create "creating" and a failed patch "applying patch" (the patch
    // text kubectl prints with it is not reproduced)
    let action = 'applying';
    try {
      mapping(k, m);
      const obj = namespaced(k, m);
      const type = cluster.store.typeOf(obj);
      const name = obj.metadata.name ?? '';
      const lastApplied = lastAppliedConfiguration(obj);
      const live = cluster.store.peek(type, obj.metadata.namespace ?? '', name);
      if (!live) {
        obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied };
        action = 'creating';
        const fieldValidation = fieldValidationRequest(flags, { clientDryRun });
        const created = cluster.store.create(obj, {
          dryRun,
          fieldValidation,
          manager: str(flags, 'field-manager') ?? 'kubectl-client-side-apply',
        });
        printWarnings(k, fieldValidation);
        k.out(`${nameOf(type, created)} created${suffix}\n`);
        continue;
      }
      const previous = live.metadata.annotations?.[LAST_APPLIED];
      // the modified configuration carries its annotations map, the annotation included
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied };
      const merged = threeWayMerge(previous ? JSON.parse(previous) : {}, obj, structuredClone(live));
      merged.metadata.annotations = { ...(merged.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied };
      if (JSON.stringify(merged) === JSON.stringify(live)) {
        k.out(`${nameOf(type, live)} unchanged${suffix}\n`);
        continue;
      }
      const fieldValidation = fieldValidationRequest(flags, { clientDryRun, patch: true });
      const updated = cluster.store.update(merged, {
        dryRun,
        fieldValidation,
        manager: str(flags, 'field-manager') ?? 'kubectl-client-side-apply',
      });
      printWarnings(k, fieldValidation);
      const changed = updated.metadata.resourceVersion !== live.metadata.resourceVersion || dryRun;
      k.out(`${nameOf(type, updated)} ${changed ? 'configured' : 'unchanged'}${suffix}\n`);
    } catch (e) {
      status = 1;
      k.err(`${withSource(e, action, m)}\n`);
    }
  }
  if (!dryRun) cluster.runtime.settle();
  return status;
}

export function createFromFiles(k: Kubectl, flags: ParsedFlags): number {
  const manifests = readManifests(k, list(flags, 'filename'), 'create');
  const cluster = k.cluster();
  const suffix = dryRunSuffix(flags);
  const saveConfig = bool(flags, 'save-config');
  let status = 0;
  for (const m of manifests) {
    try {
      mapping(k, m);
      const obj = namespaced(k, m);
      if (saveConfig)
        obj.metadata.annotations = {
          ...(obj.metadata.annotations ?? {}),
          [LAST_APPLIED]: lastAppliedConfiguration(obj),
        };
      const type = cluster.store.typeOf(obj);
      const fieldValidation = fieldValidationRequest(flags, { clientDryRun: suffix === ' (dry run)' });
      const created = cluster.store.create(obj, {
        dryRun: suffix !== '',
        fieldValidation,
        manager: str(flags, 'field-manager') ?? 'kubectl-create',
      });
      printWarnings(k, fieldValidation);
      k.out(`${nameOf(type, created)} created${suffix}\n`);
    } catch (e) {
      status = 1;
      k.err(`${withSource(e, 'creating', m)}\n`);
    }
  }
  if (!suffix) cluster.runtime.settle();
  return status;
}

function withSource(e: unknown, action: string, m: Manifest): string {
  if (e instanceof StatusError && e.reason !== 'Invalid') {
    return `Error from server (${e.reason}): error when ${action} "${m.source}": ${e.message}`;
  }
  return formatError(e);
}

/**
 * The last-applied-configuration annotation's text (kubectl apply util.GetModifiedConfiguration):
 * the object as sent, with its namespace filled in, an annotations map (created empty when
 * absent) without the annotation itself, marshalled as encoding/json writes a map.
 */
function lastAppliedConfiguration(obj: KubeObject): string {
  const copy = structuredClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  return `${JSON.stringify(sortedForAnnotation(copy))}\n`;
}

/** Keys sorted as encoding/json writes a map. */
function sortedForAnnotation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedForAnnotation);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = sortedForAnnotation((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
