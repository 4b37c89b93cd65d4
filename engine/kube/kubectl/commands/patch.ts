// kubectl patch, diff, expose and autoscale: commands that change or derive objects
// (k8s.io/kubectl pkg/cmd/patch, diff, expose and autoscale, v0.32.4).
import { parse as parseYaml } from 'yaml';
import { BUILTIN_RESOURCES, type ResourceType } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { toYaml } from '../output/index.ts';
import { buildAutoscaler, buildService } from '../patch/generators.ts';
import {
  applyJsonPatch,
  decodeJsonPatch,
  JsonPatchApplyError,
  JsonPatchDecodeError,
  mergePatch,
} from '../patch/json-patch.ts';
import { StrategicMergeError, strategicMerge } from '../patch/strategic-merge.ts';
import { gnuTimestamp, unifiedDiff } from '../patch/unified-diff.ts';
import { nameOf, objectPrintOptions, printObjects, withoutManagedFields } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { LAST_APPLIED } from './apply.ts';
import { dryRun } from './create.ts';
import { threeWayMerge } from './merge.ts';
import { COMMON, type CommandTable, flag } from './types.ts';

interface Target {
  type: ResourceType;
  namespace: string;
  name: string;
}

/** The objects named by `TYPE NAME...`, `TYPE/NAME...` or -f. */
function targets(k: Kubectl, flags: ParsedFlags, args: string[]): Target[] {
  const cluster = k.cluster();
  const files = list(flags, 'filename');
  if (files.length > 0) {
    return readManifests(k, files).map((m) => {
      const type = cluster.store.typeOf(m.object);
      return {
        type,
        namespace: type.namespaced ? (m.object.metadata.namespace ?? k.namespace) : '',
        name: m.object.metadata.name ?? '',
      };
    });
  }
  return parseResourceArgs(cluster.registry, args).flatMap((req) => {
    if (req.names.length === 0)
      throw new KubectlError('error: resource(s) were provided, but no name was specified');
    return req.names.map((name) => ({
      type: req.type,
      namespace: req.type.namespaced ? k.namespace : '',
      name,
    }));
  });
}

function print(k: Kubectl, flags: ParsedFlags, type: ResourceType, obj: KubeObject, operation: string): void {
  const output = str(flags, 'output');
  if (output && output !== 'name') {
    const options = objectPrintOptions(output);
    k.out(printObjects([{ type, objects: [obj] }], options, true));
    return;
  }
  // -o name is NamePrinter's ShortOutput: the name alone, without the operation
  if (output === 'name') {
    k.out(`${nameOf(type, obj)}\n`);
    return;
  }
  const mode = dryRun(flags);
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  k.out(`${nameOf(type, obj)} ${operation}${suffix}\n`);
}

/** Deep equality of JSON values regardless of key order (reflect.DeepEqual on maps). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((key) =>
    sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

const PATCH_TYPES = ['json', 'merge', 'strategic'];

function applyPatch(type: ResourceType, live: KubeObject, patchType: string, patch: unknown): KubeObject {
  if (patchType === 'json') {
    let ops: ReturnType<typeof decodeJsonPatch>;
    try {
      ops = decodeJsonPatch(patch);
    } catch (e) {
      if (e instanceof JsonPatchDecodeError) throw new StatusError(400, 'BadRequest', e.message);
      throw e;
    }
    try {
      return applyJsonPatch(live, ops) as KubeObject;
    } catch (e) {
      // handlers/patch.go: NewGenericServerResponse(422) keeps only its generic message
      if (e instanceof JsonPatchApplyError)
        throw new KubectlError(
          'The request is invalid: the server rejected our request due to an error in our request',
        );
      throw e;
    }
  }
  if (patchType === 'merge') return mergePatch(live, patch) as KubeObject;
  const builtin = BUILTIN_RESOURCES.some((t) => t.group === type.group && t.resource === type.resource);
  if (!builtin) {
    // the server answers 415 for custom resources; patch.go wraps it with the patch type and kind
    const gvk = `${type.group ? `${type.group}/` : ''}${type.version}, Kind=${type.kind}`;
    throw new KubectlError(
      `error: application/strategic-merge-patch+json is not supported by ${gvk}: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
    );
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new StatusError(
      400,
      'BadRequest',
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  try {
    return strategicMerge(
      live.kind,
      live as Record<string, unknown>,
      patch as Record<string, unknown>,
    ) as KubeObject;
  } catch (e) {
    if (e instanceof StrategicMergeError) throw new StatusError(500, 'InternalError', e.message);
    throw e;
  }
}

function patchCommand(k: Kubectl, flags: ParsedFlags): number {
  const patchText = str(flags, 'patch');
  const patchFile = str(flags, 'patch-file');
  if (!patchText && !patchFile)
    throw new KubectlError(
      'error: must specify --patch or --patch-file containing the contents of the patch',
    );
  const patchType = str(flags, 'type')?.toLowerCase() ?? 'strategic';
  if (!PATCH_TYPES.includes(patchType))
    throw new KubectlError(
      `error: --type must be one of [json merge strategic], not "${str(flags, 'type')}"`,
    );
  const mode = dryRun(flags);
  let source = patchText ?? '';
  if (patchFile) {
    const path = patchFile.startsWith('/') ? patchFile : `${k.ctx.proc.cwd}/${patchFile}`;
    try {
      source = k.ctx.proc.host.fs.readFile(path);
    } catch {
      throw new KubectlError(
        `error: unable to read patch file: open ${patchFile}: no such file or directory`,
      );
    }
  }
  let patch: unknown;
  try {
    patch = parseYaml(source);
  } catch (e) {
    throw new KubectlError(
      `error: unable to parse "${patchText ?? ''}": ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const cluster = k.cluster();
  const found = targets(k, flags, flags.args);
  if (found.length === 0) throw new KubectlError('error: no objects passed to patch');
  for (const t of found) {
    const live = cluster.store.get(t.type, t.namespace, t.name);
    const patched = applyPatch(t.type, live, patchType, patch);
    let result = patched;
    if (mode !== 'client')
      result = cluster.store.update(patched, {
        dryRun: mode === 'server',
        manager: str(flags, 'field-manager') ?? 'kubectl-patch',
      });
    print(k, flags, t.type, result, sameJson(live, result) ? 'patched (no change)' : 'patched');
  }
  if (!mode) cluster.runtime.settle();
  return 0;
}

/** diff.go InfoObject.Name(): group.version.Kind.namespace.name. */
function diffFileName(type: ResourceType, namespace: string, name: string): string {
  return `${type.group ? `${type.group}.` : ''}${type.version}.${type.kind}.${namespace}.${name}`;
}

function diffCommand(k: Kubectl, flags: ParsedFlags): number {
  try {
    return runDiff(k, flags);
  } catch (e) {
    // CheckDiffErr: errors exit with status 2, 1 means "differences found"
    if (e instanceof KubectlError && e.status === 1) throw new KubectlError(e.message, 2);
    if (e instanceof StatusError) {
      k.err(`Error from server (${e.reason}): ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function runDiff(k: Kubectl, flags: ParsedFlags): number {
  if (flags.args.length > 0)
    throw new KubectlError(
      `error: Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl diff -h' for help and examples`,
    );
  const files = list(flags, 'filename');
  if (files.length === 0) throw new KubectlError('error: must specify one of -f and -k');
  const cluster = k.cluster();
  const random = () => String(cluster.random.u32());
  const liveDir = `/tmp/LIVE-${random()}`;
  const mergedDir = `/tmp/MERGED-${random()}`;
  const pairs: Array<{ file: string; live: string; merged: string }> = [];
  for (const m of readManifests(k, files, 'diff')) {
    const type = cluster.store.typeOf(m.object);
    const local = structuredClone(m.object);
    if (type.namespaced) local.metadata.namespace ??= k.namespace;
    const ns = type.namespaced ? (local.metadata.namespace ?? '') : '';
    const name = local.metadata.name ?? '';
    const live = cluster.store.peek(type, ns, name) ? cluster.store.get(type, ns, name) : undefined;
    let merged: KubeObject;
    // diff.go: dry runs under --field-manager (default kubectl-client-side-apply)
    const manager = str(flags, 'field-manager') ?? 'kubectl-client-side-apply';
    if (!live) merged = cluster.store.create(local, { dryRun: true, manager });
    else {
      // the apply patcher's three-way merge, sent as a server dry run
      const previous = live.metadata.annotations?.[LAST_APPLIED];
      // diff.go takes GetModifiedConfiguration(local, annotate=false): an annotations map (empty
      // when the manifest has none) without the last-applied annotation, so the live ones stay
      local.metadata.annotations ??= {};
      const desired = threeWayMerge(previous ? JSON.parse(previous) : {}, local, structuredClone(live));
      merged = cluster.store.update(desired, { dryRun: true, manager });
    }
    // diff.go omitManagedFields (no --show-managed-fields)
    const yaml = (o: KubeObject | undefined) => (o ? toYaml(withoutManagedFields([o])[0]) : '');
    const [from, to] =
      type.kind === 'Secret' && type.version === 'v1' ? maskSecrets(live, merged) : [live, merged];
    pairs.push({ file: diffFileName(type, ns, name), live: yaml(from), merged: yaml(to) });
  }
  let differences = false;
  const now = cluster.now();
  for (const p of pairs.sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const from = { path: `${liveDir}/${p.file}`, text: p.live, time: gnuTimestamp(now, 120_000) };
    const to = { path: `${mergedDir}/${p.file}`, text: p.merged, time: gnuTimestamp(now, 480_000) };
    const body = unifiedDiff(from, to);
    if (!body) continue;
    differences = true;
    k.out(`diff -u -N ${from.path} ${to.path}\n${body}`);
  }
  return differences ? 1 : 0;
}

/** diff.go Masker: Secret data values become *** (and (before)/(after) when they differ). */
function maskSecrets(from: KubeObject | undefined, to: KubeObject): [KubeObject | undefined, KubeObject] {
  const a = from ? structuredClone(from) : undefined;
  const b = structuredClone(to);
  const fromData = a?.data as Record<string, string> | undefined;
  const toData = b.data as Record<string, string> | undefined;
  for (const key of Object.keys(fromData ?? {})) {
    if (fromData && toData && key in toData) {
      if (fromData[key] !== toData[key]) {
        fromData[key] = '*** (before)';
        toData[key] = '*** (after)';
        continue;
      }
      toData[key] = '***';
    }
    if (fromData) fromData[key] = '***';
  }
  for (const key of Object.keys(toData ?? {})) if (toData && !(key in (fromData ?? {}))) toData[key] = '***';
  return [a, b];
}

function expose(k: Kubectl, flags: ParsedFlags): number {
  const cluster = k.cluster();
  const mode = dryRun(flags);
  const found = targets(k, flags, flags.args);
  if (found.length === 0)
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const serviceType = cluster.type('services');
  for (const t of found) {
    const obj = cluster.store.get(t.type, t.namespace, t.name);
    const service = buildService(obj, {
      port: str(flags, 'port'),
      targetPort: str(flags, 'target-port') ?? str(flags, 'container-port'),
      type: str(flags, 'type'),
      name: str(flags, 'name'),
      protocol: str(flags, 'protocol'),
      selector: str(flags, 'selector'),
      labels: str(flags, 'labels'),
      clusterIP: str(flags, 'cluster-ip'),
      externalIP: str(flags, 'external-ip'),
      sessionAffinity: str(flags, 'session-affinity'),
    });
    if (mode === 'client') {
      if (k.explicitNamespace) service.metadata = { ...service.metadata, namespace: k.namespace };
      print(k, flags, serviceType, service, 'exposed');
      continue;
    }
    service.metadata.namespace = t.namespace || k.namespace;
    delete service.status;
    const created = cluster.store.create(service, {
      dryRun: mode === 'server',
      manager: str(flags, 'field-manager') ?? 'kubectl-expose',
    });
    print(k, flags, serviceType, created, 'exposed');
  }
  if (!mode) cluster.runtime.settle();
  return 0;
}

const SCALABLE = ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'];

function int32Flag(flags: ParsedFlags, name: string): number {
  const text = str(flags, name);
  if (text === undefined) return -1;
  if (!/^-?\d+$/.test(text))
    throw new KubectlError(
      `error: invalid argument "${text}" for "--${name}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`,
    );
  return Number(text);
}

function autoscale(k: Kubectl, flags: ParsedFlags): number {
  if (str(flags, 'max') === undefined) throw new KubectlError('error: required flag(s) "max" not set');
  const max = int32Flag(flags, 'max');
  const min = int32Flag(flags, 'min');
  if (max < 1) throw new KubectlError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min)
    throw new KubectlError(
      `error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`,
    );
  const mode = dryRun(flags);
  const cluster = k.cluster();
  const hpaType = cluster.type('horizontalpodautoscalers');
  const found = targets(k, flags, flags.args);
  if (found.length === 0) throw new KubectlError('error: no objects passed to autoscale');
  for (const t of found) {
    cluster.store.get(t.type, t.namespace, t.name);
    if (!SCALABLE.includes(t.type.resource))
      throw new KubectlError(
        `error: cannot autoscale a ${t.type.kind}: could not find scale subresource for ${t.type.group}/${t.type.version}, Resource=${t.type.resource} in discovery information`,
      );
    const hpa = buildAutoscaler(t.type, t.name, {
      min,
      max,
      cpuPercent: int32Flag(flags, 'cpu-percent'),
      name: str(flags, 'name'),
    });
    if (mode === 'client') {
      print(k, flags, { ...hpaType, version: 'v1' }, hpa, 'created');
      continue;
    }
    hpa.metadata.namespace = t.namespace;
    delete hpa.status;
    const created = cluster.store.create(hpa, {
      dryRun: mode === 'server',
      manager: str(flags, 'field-manager') ?? 'kubectl-autoscale',
    });
    print(k, flags, hpaType, created, 'autoscaled');
  }
  if (!mode) cluster.runtime.settle();
  return 0;
}

const s = flag;

export const PATCH_COMMANDS: CommandTable = {
  patch: {
    flags: [
      ...COMMON,
      s('patch', 'string', 'p'),
      s('patch-file'),
      s('type'),
      s('local', 'bool'),
      s('subresource'),
      s('field-manager'),
      s('record', 'bool'),
    ],
    run: patchCommand,
  },
  diff: {
    flags: [
      ...COMMON,
      s('server-side', 'bool'),
      s('force-conflicts', 'bool'),
      s('field-manager'),
      s('prune', 'bool'),
    ],
    run: diffCommand,
  },
  expose: {
    flags: [
      ...COMMON.filter((f) => f.name !== 'selector'),
      s('port'),
      s('target-port'),
      s('container-port'),
      s('type'),
      s('name'),
      s('protocol'),
      s('selector'),
      s('labels', 'string', 'l'),
      s('cluster-ip'),
      s('external-ip'),
      s('session-affinity'),
      s('load-balancer-ip'),
      s('override-type'),
      s('overrides'),
    ],
    run: expose,
  },
  autoscale: {
    flags: [
      ...COMMON,
      s('min'),
      s('max'),
      s('cpu-percent'),
      s('name'),
      s('field-manager'),
      s('save-config', 'bool'),
    ],
    run: autoscale,
  },
};
