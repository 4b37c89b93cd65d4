// kubectl replace -f (pkg/cmd/replace/replace.go): PUT each object of the files, or with --force
// delete them, wait until they are gone and create them again; `kind/name replaced` lines.
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { fieldValidationRequest, printWarnings, validationDirective } from '../validate.ts';
import { LAST_APPLIED, mapping, namespaced } from './apply.ts';
import { dryRun } from './create.ts';
import { deletionLine } from './delete.ts';
import { printResult } from './set.ts';
import { type CommandTable, flag as s } from './types.ts';

/** encoding/json of an unstructured object: map keys sorted. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * util.CreateOrUpdateAnnotation: with --save-config, or when the object already carries the
 * last-applied annotation, the annotation becomes the object's JSON without it.
 */
function updateLastApplied(obj: KubeObject, create: boolean): void {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (!create && !annotations[LAST_APPLIED]) return;
  delete annotations[LAST_APPLIED];
  const copy = structuredClone(obj);
  copy.metadata.annotations = annotations;
  obj.metadata.annotations = { ...annotations, [LAST_APPLIED]: `${sortedJson(copy)}\n` };
}

/** cmdutil.AddSourceToErr: API errors other than Invalid name the file and the action. */
function withSource(e: unknown, source: string): string {
  if (e instanceof StatusError && e.reason !== 'Invalid')
    return `Error from server (${e.reason}): error when replacing "${source}": ${e.message}`;
  return formatError(e);
}

export function replace(k: Kubectl, flags: ParsedFlags): number {
  validationDirective(flags);
  const mode = dryRun(flags);
  const force = bool(flags, 'force');
  const graceText = str(flags, 'grace-period');
  // Complete: --grace-period=0 becomes 1 and waits for the deletion
  let grace = graceText === undefined ? -1 : Number(graceText);
  if (grace === 0) grace = 1;
  const files = list(flags, 'filename');
  if (files.length === 0) throw new KubectlError('error: must specify one of -f and -k');
  if (grace >= 0 && !force) throw new KubectlError('error: --grace-period must have --force specified');
  const timeout = str(flags, 'timeout');
  if (timeout !== undefined && timeout !== '0s' && timeout !== '0' && !force)
    throw new KubectlError('error: --timeout must have --force specified');
  if (force && mode) throw new KubectlError('error: --dry-run can not be used when --force is set');
  const manifests = readManifests(k, files, 'replace');
  return force ? forceReplace(k, flags, manifests, grace) : replaceEach(k, flags, manifests, mode);
}

type Manifests = ReturnType<typeof readManifests>;

/** replace.go: both the update and the forced re-create go with --field-manager (kubectl-replace). */
function replaceManager(flags: ParsedFlags): string {
  return str(flags, 'field-manager') ?? 'kubectl-replace';
}

function replaceEach(
  k: Kubectl,
  flags: ParsedFlags,
  manifests: Manifests,
  mode: 'client' | 'server' | undefined,
): number {
  const cluster = k.cluster();
  const output = str(flags, 'output');
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  const errors: string[] = [];
  for (const m of manifests) {
    try {
      mapping(k, m);
      const obj = namespaced(k, m);
      updateLastApplied(obj, bool(flags, 'save-config'));
      const type = cluster.store.typeOf(obj);
      let result = obj;
      if (mode !== 'client') {
        const fieldValidation = fieldValidationRequest(flags);
        result = cluster.store.update(obj, {
          dryRun: mode === 'server',
          fieldValidation,
          manager: replaceManager(flags),
        });
        printWarnings(k, fieldValidation);
      }
      k.out(printResult(type, result, output, `replaced${suffix}`));
    } catch (e) {
      errors.push(withSource(e, m.source));
    }
  }
  if (!mode) cluster.runtime.settle();
  if (errors.length === 0) return 0;
  k.err(`${errors.join('\n')}\n`);
  return 1;
}

/** forceReplace: delete everything (missing objects are fine), wait until gone, create again. */
function forceReplace(k: Kubectl, flags: ParsedFlags, manifests: Manifests, grace: number): number {
  const cluster = k.cluster();
  const objects = manifests.map((m) => {
    mapping(k, m);
    return namespaced(k, m);
  });
  for (const obj of objects) {
    const type = cluster.store.typeOf(obj);
    try {
      const gone = cluster.store.delete(type, obj.metadata.namespace ?? '', obj.metadata.name ?? '', {
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        propagationPolicy: 'Background',
      });
      k.out(deletionLine(type, gone, flags, grace >= 0 ? grace : undefined));
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
  }
  // wait.PollUntilContextTimeout until each is NotFound (five minutes by default)
  const deadline = k.ctx.world.clock.now() + 5 * 60_000;
  cluster.runtime.runUntil(deadline, () =>
    objects.every((o) => {
      const type = cluster.store.typeOf(o);
      return !cluster.store.peek(type, o.metadata.namespace ?? '', o.metadata.name ?? '');
    }),
  );
  const output = str(flags, 'output');
  for (const obj of objects) {
    updateLastApplied(obj, bool(flags, 'save-config'));
    delete obj.metadata.resourceVersion;
    const type = cluster.store.typeOf(obj);
    const fieldValidation = fieldValidationRequest(flags);
    const created = cluster.store.create(obj, { fieldValidation, manager: replaceManager(flags) });
    printWarnings(k, fieldValidation);
    k.out(printResult(type, created, output, 'replaced'));
  }
  cluster.runtime.settle();
  return 0;
}

export const REPLACE_COMMANDS: CommandTable = {
  replace: {
    flags: [
      s('filename', 'strings', 'f'),
      s('recursive', 'bool', 'R'),
      s('output', 'string', 'o'),
      s('dry-run'),
      s('force', 'bool'),
      s('grace-period', 'int'),
      s('timeout'),
      s('wait', 'bool'),
      s('cascade'),
      s('save-config', 'bool'),
      s('validate'),
      s('field-manager'),
      s('record', 'bool'),
      s('show-managed-fields', 'bool'),
    ],
    run: replace,
  },
};
