// kubectl scale (k8s.io/kubectl v0.32.4 pkg/cmd/scale/scale.go, pkg/scale/scale.go): the
// objects named, selected or --all; their scale subresource patched, or read, checked against
// --current-replicas / --resource-version and updated; --timeout waits for the replicas; each
// object printed as it was before, "scaled" (with the dry-run suffix) or in the -o format.

import type { ResourceType } from '../../api/resources.ts';
import { parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { type FlagSpec, list, type ParsedFlags, str } from '../flags.ts';
import { checkOutputFormat, nameOf, objectPrintOptions, printObjects } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { dryRun } from './create.ts';
import { boolFlag, durationFlag, intFlag } from './typed-flags.ts';
import { flag } from './types.ts';

/** scale.go NewCmdScale's flags (print, record, filename, dry-run and selector helpers). */
export const SCALE_FLAGS: FlagSpec[] = [
  flag('output', 'string', 'o'),
  flag('dry-run'),
  flag('selector', 'string', 'l'),
  flag('filename', 'strings', 'f'),
  flag('all', 'bool'),
  flag('resource-version'),
  flag('current-replicas', 'int'),
  flag('replicas', 'int'),
  flag('timeout'),
  flag('record', 'bool'),
  flag('show-managed-fields', 'bool'),
];

/** The resources whose scale subresource the API server serves (autoscaling/v1 Scale). */
const SCALABLE = ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'];

interface Target {
  type: ResourceType;
  obj: KubeObject;
}

/** cobra's MarkFlagRequired failure, logged by component-base cli.Run through klog. */
function requiredFlagMissing(k: Kubectl): KubectlError {
  const d = new Date(k.ctx.world.clock.now());
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}`;
  return new KubectlError(
    `E${stamp} ${String(k.ctx.proc.pid).padStart(7)} run.go:72] "command failed" err="required flag(s) \\"replicas\\" not set"`,
  );
}

/** The builder's ResourceTypeOrNameArgs with a selector or --all: the objects and the misses. */
function resolveTargets(k: Kubectl, flags: ParsedFlags): { targets: Target[]; misses: StatusError[] } {
  const cluster = k.cluster();
  const selector = str(flags, 'selector');
  const all = boolFlag(flags, 'scale', 'all');
  if (flags.args.length === 0 && list(flags, 'filename').length === 0)
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const requests = parseResourceArgs(cluster.registry, flags.args);
  const named = requests.some((r) => r.names.length > 0);
  if (named && selector)
    throw new KubectlError('error: name cannot be provided when a selector is specified');
  if (!named && !selector && !all)
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const targets: Target[] = [];
  const misses: StatusError[] = [];
  for (const { type, names } of requests) {
    const ns = type.namespaced ? k.namespace : '';
    if (names.length === 0) {
      const options = selector ? { labelSelector: parseLabelSelector(selector) } : {};
      for (const obj of cluster.store.list(type, ns || undefined, options)) targets.push({ type, obj });
      continue;
    }
    for (const name of names) {
      try {
        targets.push({ type, obj: cluster.store.get(type, ns, name) });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        misses.push(e);
      }
    }
  }
  return { targets, misses };
}

/** utilerrors.Aggregate's text: one message, or all of them in brackets. */
function aggregate(errors: StatusError[]): string {
  return errors.length === 1 ? errors[0].message : `[${errors.map((e) => e.message).join(', ')}]`;
}

/**
 * genericScaler.ScaleSimple: with a precondition, GET the Scale, check it and PUT it back
 * (its resourceVersion guarding the write); without, a merge patch of spec.replicas.
 */
function scaleOne(
  cluster: Cluster,
  target: Target,
  replicas: number,
  precondition: Precondition | undefined,
  serverDryRun: boolean,
): void {
  const { type, obj } = target;
  const ns = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  // a resource without a scale subresource: the server's 404 for an unknown path, which
  // client-go words as a generic NotFound (errors.NewGenericServerResponse)
  if (!SCALABLE.includes(type.resource) || type.group === 'extensions')
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  const current = cluster.store.get(type, ns, name);
  if (precondition) {
    const size = current.spec?.replicas ?? 0;
    if (precondition.size !== -1 && size !== precondition.size)
      throw new KubectlError(`error: Expected replicas to be ${precondition.size}, was ${size}`);
    const rv = current.metadata.resourceVersion;
    if (precondition.resourceVersion && rv !== precondition.resourceVersion)
      throw new KubectlError(
        `error: Expected resource version to be ${precondition.resourceVersion}, was ${rv}`,
      );
  }
  // scale.go writes the scale subresource without a field manager: "kubectl" from the User-Agent
  cluster.store.update(
    { ...current, spec: { ...current.spec, replicas } },
    { dryRun: serverDryRun, manager: 'kubectl', subresource: 'scale' },
  );
}

interface Precondition {
  size: number;
  resourceVersion: string;
}

/** WaitForScaleHasDesiredReplicas: the Scale's status catching up with its spec, polled. */
function waitForReplicas(cluster: Cluster, target: Target, replicas: number, timeoutMs: number): void {
  const { type, obj } = target;
  const synced = () => {
    const now = cluster.store.peek(type, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    const spec = now?.spec?.replicas ?? 0;
    // something else set another size: nothing to wait for
    return !now || spec !== replicas || (now.status?.replicas ?? 0) === replicas;
  };
  if (!cluster.runtime.runUntil(cluster.now() + timeoutMs, synced))
    throw new KubectlError(`error: timed out waiting for "${obj.metadata.name}" to be synced`);
}

function printScaled(k: Kubectl, flags: ParsedFlags, target: Target, count: number): void {
  const output = str(flags, 'output');
  if (output && output !== 'name') {
    const options = objectPrintOptions(output, {
      showManagedFields: boolFlag(flags, 'scale', 'show-managed-fields'),
    });
    // the YAML printer separates the documents it prints
    const separator = output === 'yaml' && count > 1 ? '---\n' : '';
    k.out(separator + printObjects([{ type: target.type, objects: [target.obj] }], options, true));
    return;
  }
  if (output === 'name') {
    k.out(`${nameOf(target.type, target.obj)}\n`);
    return;
  }
  const mode = dryRun(flags);
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  k.out(`${nameOf(target.type, target.obj)} scaled${suffix}\n`);
}

export function scale(k: Kubectl, flags: ParsedFlags): number {
  if (str(flags, 'replicas') === undefined) throw requiredFlagMissing(k);
  const replicas = intFlag(flags, 'scale', 'replicas', 0);
  const currentReplicas = intFlag(flags, 'scale', 'current-replicas', -1);
  const timeoutMs = durationFlag(flags, 'scale', 'timeout', 0);
  const mode = dryRun(flags);
  checkOutputFormat(str(flags, 'output'));
  if (replicas < 0)
    throw new KubectlError(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  if (currentReplicas < -1)
    throw new KubectlError('error: The --current-replicas must specify an integer of -1 or greater');
  const cluster = k.cluster();
  const { targets, misses } = resolveTargets(k, flags);
  const resourceVersion = str(flags, 'resource-version') ?? '';
  if (resourceVersion && targets.length > 1)
    throw new KubectlError('error: cannot use --resource-version with multiple resources');
  if (targets.length === 0)
    throw new KubectlError(
      `error: no objects passed to scale${misses.length ? ` ${aggregate(misses)}` : ''}`,
    );
  // only a precondition asks for the Scale first
  const precondition =
    currentReplicas !== -1 || resourceVersion ? { size: currentReplicas, resourceVersion } : undefined;
  let printed = 0;
  for (const target of targets) {
    if (mode !== 'client') {
      scaleOne(cluster, target, replicas, precondition, mode === 'server');
      if (mode !== 'server') cluster.runtime.settle();
      if (timeoutMs !== 0 && !mode) waitForReplicas(cluster, target, replicas, timeoutMs);
    }
    printScaled(k, flags, target, ++printed);
  }
  // the objects that were not found, after the others were scaled (cmdutil.CheckErr)
  for (const miss of misses) k.err(`${formatError(miss)}\n`);
  return misses.length ? 1 : 0;
}
