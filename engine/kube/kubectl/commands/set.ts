// What kubectl set env, resources and serviceaccount share
// (pkg/cmd/set helper.go, polymorphichelpers/updatepodspec.go): the objects named by the
// arguments, their pod template, the "no changes" rule, the printed result and the errors.
import { ResourceRegistry } from '../../api/registry.ts';
import type { ResourceType } from '../../api/resources.ts';
import { parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { readManifests } from '../manifests.ts';
import { nameOf, objectPrintOptions, printObjects } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { dryRun } from './create.ts';
import { flag as s } from './types.ts';

/** Every flag of the set subcommands (the dispatcher parses one flag set). */
export const SET_FLAGS = [
  s('output', 'string', 'o'),
  s('dry-run'),
  s('selector', 'string', 'l'),
  s('filename', 'strings', 'f'),
  s('recursive', 'bool', 'R'),
  s('all', 'bool'),
  s('local', 'bool'),
  s('containers', 'string', 'c'),
  s('env', 'string', 'e'),
  s('from'),
  s('prefix'),
  s('keys', 'strings'),
  s('list', 'bool'),
  s('resolve', 'bool'),
  s('overwrite', 'bool'),
  s('limits'),
  s('requests'),
  s('record', 'bool'),
  s('field-manager'),
  s('show-managed-fields', 'bool'),
  s('allow-missing-template-keys', 'bool'),
  s('template'),
];

/** One object a set command works on, as read from the server (info.Object). */
export interface SetTarget {
  type: ResourceType;
  object: KubeObject;
}

/** What a mutation did to one object: changed it, left it alone, or failed. */
export type Mutation = { skip: true } | { skip?: false; error?: string };

/** The pod spec inside an object (UpdatePodSpecForObjectFn), or the %T error for other kinds. */
export function podSpecOf(obj: KubeObject): Record<string, unknown> {
  const spec = obj.spec ?? {};
  switch (obj.kind) {
    case 'Pod':
      obj.spec = spec;
      return spec;
    case 'ReplicationController':
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'Job':
      spec.template ??= {};
      spec.template.spec ??= {};
      return spec.template.spec;
    case 'CronJob':
      spec.jobTemplate ??= {};
      spec.jobTemplate.spec ??= {};
      spec.jobTemplate.spec.template ??= {};
      spec.jobTemplate.spec.template.spec ??= {};
      return spec.jobTemplate.spec.template.spec;
  }
  const version = obj.apiVersion.split('/').pop() ?? obj.apiVersion;
  throw new KubectlError(`the object is not a pod or does not have a pod template: *${version}.${obj.kind}`);
}

/** selectString: exact names, `*`, or a pattern with non-greedy `*` wildcards (helper.go). */
export function containerNameMatches(name: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return name === pattern;
  const parts = pattern.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') continue;
    // strings.Index(s[pos:], part) is relative to pos, as helper.go compares it
    const next = name.slice(pos).indexOf(part);
    if (
      next < pos ||
      (i === 0 && pos !== 0) ||
      (i === parts.length - 1 && name.length !== part.length + next)
    )
      return false;
    pos = next;
  }
  return true;
}

export interface Container {
  name: string;
  [field: string]: unknown;
}

/** The selected containers, regular ones first, then init containers (set_env.go order). */
export function selectContainers(spec: Record<string, unknown>, pattern: string): Container[] {
  const pick = (key: string) =>
    ((spec[key] as Container[] | undefined) ?? []).filter((c) => containerNameMatches(c.name, pattern));
  return [...pick('containers'), ...pick('initContainers')];
}

/** info.ObjectName(): the resource (plural, without group) and the name. */
export function objectName(target: SetTarget): string {
  return `${target.type.resource}/${target.object.metadata.name ?? ''}`;
}

/** The objects the arguments (or -f files) name, read from the server (resource.Builder ... Latest()). */
export function resolveTargets(k: Kubectl, flags: ParsedFlags, args: string[]): SetTarget[] {
  const cluster = k.cluster();
  const all = bool(flags, 'all');
  const selector = str(flags, 'selector');
  if (all && selector) throw new KubectlError('error: cannot set --all and --selector at the same time');
  const targets: SetTarget[] = [];
  const files = list(flags, 'filename');
  if (bool(flags, 'local')) {
    // resource.LocalResourceError; the files' objects are changed as they are
    if (args.length > 0)
      throw new KubectlError(
        "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'",
      );
    const registry = new ResourceRegistry();
    for (const m of readManifests(k, files)) {
      const type = registry.forKind(m.object.apiVersion, m.object.kind);
      if (type) targets.push({ type, object: m.object });
    }
    return targets;
  }
  if (files.length === 0 && args.length === 0)
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  if (files.length > 0) {
    for (const m of readManifests(k, files)) {
      const type = cluster.store.typeOf(m.object);
      const ns = type.namespaced ? (m.object.metadata.namespace ?? k.namespace) : '';
      targets.push({ type, object: cluster.store.get(type, ns, m.object.metadata.name ?? '') });
    }
  }
  for (const req of parseResourceArgs(cluster.registry, args)) {
    const ns = req.type.namespaced ? k.namespace : '';
    if (req.names.length > 0) {
      for (const name of req.names)
        targets.push({ type: req.type, object: cluster.store.get(req.type, ns, name) });
      continue;
    }
    if (!all && selector === undefined)
      throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const labelSelector = selector ? parseLabelSelector(selector) : undefined;
    for (const object of cluster.store.list(req.type, ns || undefined, { labelSelector }))
      targets.push({ type: req.type, object });
  }
  return targets;
}

export interface SetRun {
  /** The PrintFlags operation, e.g. "env updated". */
  operation: string;
  /** The wrapper of the server's patch error, e.g. "failed to patch env update to pod template: ". */
  patchError: string;
  /** Whether an unchanged object is still sent and printed (set serviceaccount does). */
  patchUnchanged?: boolean;
  /** Changes one object in place. */
  mutate(target: SetTarget): Mutation;
  /** Called after the first successful patch (set env's "at least one" check). */
  afterPatch?(): void;
  /** Errors the mutation collected on its own (set resources' missing containers). */
  extraErrors?: string[];
  /** --list: nothing is sent. */
  listOnly?: boolean;
}

/** Calculates each object's change, then patches (or, client-side, prints) the changed ones. */
export function runSet(k: Kubectl, flags: ParsedFlags, targets: SetTarget[], spec: SetRun): number {
  const mode = dryRun(flags);
  const local = bool(flags, 'local');
  const output = str(flags, 'output');
  const changes: Array<{ target: SetTarget; error?: string; changed: boolean }> = [];
  for (const target of targets) {
    const before = JSON.stringify(target.object);
    let result: Mutation;
    try {
      podSpecOf(target.object);
      result = spec.mutate(target);
    } catch (e) {
      result = { error: e instanceof Error ? e.message : String(e) };
    }
    if (result.skip) continue;
    changes.push({ target, error: result.error, changed: JSON.stringify(target.object) !== before });
  }
  if (spec.listOnly) return 0;
  const errors: string[] = [...(spec.extraErrors ?? [])];
  let patched = false;
  for (const { target, error, changed } of changes) {
    if (error !== undefined) {
      errors.push(`error: ${objectName(target)} ${error}`);
      continue;
    }
    if (!changed && !spec.patchUnchanged) continue;
    let result = target.object;
    if (mode !== 'client' && !local) {
      const cluster = k.cluster();
      try {
        result = changed
          ? cluster.store.update(target.object, {
              dryRun: mode === 'server',
              // set_env.go, set_resources.go, set_serviceaccount.go: --field-manager defaults to kubectl-set
              manager: str(flags, 'field-manager') ?? 'kubectl-set',
            })
          : target.object;
      } catch (e) {
        // the server's error is wrapped with %v: its message, without kubectl's API error wording
        errors.push(`error: ${spec.patchError}${e instanceof StatusError ? e.message : formatError(e)}`);
        continue;
      }
      if (!patched) spec.afterPatch?.();
      patched = true;
    }
    k.out(printResult(target.type, result, output, `${spec.operation}${dryRunSuffix(mode)}`));
  }
  if (patched && !mode) k.cluster().runtime.settle();
  if (errors.length === 0) return 0;
  k.err(`${errors.map((e) => e.replace(/\n$/, '')).join('\n')}\n`);
  return 1;
}

function dryRunSuffix(mode: 'client' | 'server' | undefined): string {
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}

/** The PrintFlags printer: `kind.group/name OPERATION`, or the object in the -o format. */
export function printResult(
  type: ResourceType,
  obj: KubeObject,
  output: string | undefined,
  operation: string,
) {
  if (!output) return `${nameOf(type, obj)} ${operation}\n`;
  const options = objectPrintOptions(output);
  return printObjects([{ type, objects: [obj] }], options, true);
}

/** The formats of PrintFlags without a table printer (set and replace commands). */
const FORMATS = [
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'yaml',
];

/** PrintFlags.ToPrinter's error for -o values no printer takes. */
export function checkPrinterOutput(flags: ParsedFlags): void {
  const output = str(flags, 'output');
  if (output === undefined || output === '') return;
  const eq = output.indexOf('=');
  if (FORMATS.includes(eq >= 0 ? output.slice(0, eq) : output)) return;
  throw new KubectlError(
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${FORMATS.join(',')}`,
  );
}
