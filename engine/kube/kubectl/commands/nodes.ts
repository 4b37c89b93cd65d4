// kubectl taint, cordon, uncordon and drain: node scheduling and eviction commands
// (k8s.io/kubectl pkg/cmd/taint, pkg/cmd/drain and pkg/drain, v0.32.4).
import { matches, parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Cluster } from '../../cluster.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import {
  aggregate,
  type DrainOptions,
  evictOrDeletePods,
  parseGoDuration,
  podsForDeletion,
} from '../patch/drain.ts';
import { objectPrintOptions, printObjects } from '../print.ts';
import { dryRun } from './create.ts';
import { COMMON, type CommandTable, flag } from './types.ts';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function usage(message: string, command: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl ${command} -h' for help and examples`);
}

/** taint/utils.go parseTaint: `key=value:effect`, `key:effect` or `key`. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  if (parts.length > 2) throw new Error(`invalid taint spec: ${spec}`);
  let key = parts[0];
  let value: string | undefined;
  const effect = parts[1] ?? '';
  if (parts.length === 2) {
    if (!EFFECTS.includes(effect))
      throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    value = kv[1];
  }
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name))
    throw new Error(
      `invalid taint spec: ${spec}, ${name.length === 0 ? 'name part must be non-empty' : NAME_PART_MSG}`,
    );
  return value ? { key, value, effect } : { key, effect };
}

function taintString(t: Taint): string {
  if (!t.effect) return t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect))
      throw new Error(
        `duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`,
      );
    add.push(t);
  }
  return { add, remove };
}

/** reorganizeTaints: added taints first, then the old ones they do not replace, minus removals. */
function reorganize(old: Taint[], add: Taint[], remove: Taint[], overwrite: boolean) {
  let next = [...add];
  for (const o of old) if (!next.some((t) => t.key === o.key && t.effect === o.effect)) next.push(o);
  const added = old.length !== next.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = next.length;
    next = next.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = next.length !== before;
    if (!removed) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints: next, errors };
}

function suffixFor(flags: ParsedFlags): string {
  const mode = dryRun(flags);
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}

function printNode(k: Kubectl, flags: ParsedFlags, node: KubeObject, operation: string): void {
  const output = str(flags, 'output');
  if (output && output !== 'name') {
    const type = k.cluster().type('nodes');
    k.out(printObjects([{ type, objects: [node] }], objectPrintOptions(output), true));
    return;
  }
  k.out(`node/${node.metadata.name} ${operation}${suffixFor(flags)}\n`);
}

function selectedNodes(cluster: Cluster, names: string[], flags: ParsedFlags, all = false): KubeObject[] {
  const type = cluster.type('nodes');
  const selector = str(flags, 'selector');
  if (selector !== undefined || all) {
    const sel = selector ? parseLabelSelector(selector) : [];
    return cluster.store.list(type).filter((n) => matches(sel, n.metadata.labels));
  }
  return names.map((n) => cluster.store.get(type, '', n));
}

function taint(k: Kubectl, flags: ParsedFlags): number {
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of flags.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) specs.push(a);
    else if (specs.length > 0)
      throw new KubectlError(`error: all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  if (resources.length < 1)
    throw new KubectlError('error: one or more resources must be specified as <resource> <name>');
  if (specs.length < 1) throw new KubectlError('error: at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(specs);
  } catch (e) {
    throw usage((e as Error).message, 'taint');
  }
  const mode = dryRun(flags);
  const cluster = k.cluster();
  const type = cluster.registry.resolve(resources[0]);
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${resources[0]}"`);
  if (type.kind !== 'Node')
    throw new KubectlError(
      `error: invalid resource type ${resources[0].toLowerCase()}, only node types are supported`,
    );
  const conflicts = parsed.add.flatMap((a) =>
    parsed.remove
      .filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect))
      .map((r) => `${r.key}=${r.effect}`),
  );
  if (conflicts.length > 0)
    throw new KubectlError(
      `error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
    );
  const all = bool(flags, 'all');
  const selector = str(flags, 'selector');
  if (all && selector)
    throw new KubectlError("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2)
    throw new KubectlError(
      "error: at least one resource name must be specified since 'all' parameter is not set",
    );
  const overwrite = bool(flags, 'overwrite');
  const errors: string[] = [];
  for (const node of selectedNodes(cluster, resources.slice(1), flags, all)) {
    const old: Taint[] = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = parsed.add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect));
      if (exists.length > 0) {
        errors.push(
          `node ${node.metadata.name} already has ${exists.map((t) => t.key).join(',')} taint(s) with same effect(s) and --overwrite is false`,
        );
        continue;
      }
    }
    const result = reorganize(old, parsed.add, parsed.remove, overwrite);
    if (result.errors.length > 0) {
      errors.push(aggregate(result.errors));
      continue;
    }
    node.spec ??= {};
    if (result.taints.length > 0) node.spec.taints = result.taints;
    else delete node.spec.taints;
    const updated =
      mode === 'client'
        ? node
        : cluster.store.update(node, {
            dryRun: mode === 'server',
            manager: str(flags, 'field-manager') ?? 'kubectl-taint',
          });
    printNode(k, flags, updated, result.operation);
  }
  // CheckErr: one error gets the "error: " prefix, an aggregate of several is printed bare
  if (errors.length === 1) throw new KubectlError(`error: ${errors[0]}`);
  if (errors.length > 1) throw new KubectlError(errors.join('\n'));
  if (!mode) cluster.runtime.settle();
  return 0;
}

/** RunCordonOrUncordon: sets spec.unschedulable, or says it already was. */
function cordonNodes(k: Kubectl, flags: ParsedFlags, nodes: KubeObject[], desired: boolean): void {
  const cluster = k.cluster();
  const mode = dryRun(flags);
  const word = desired ? 'cordoned' : 'uncordoned';
  for (const node of nodes) {
    if (Boolean(node.spec?.unschedulable) === desired) {
      printNode(k, flags, node, `already ${word}`);
      continue;
    }
    node.spec ??= {};
    if (desired) node.spec.unschedulable = true;
    else delete node.spec.unschedulable;
    // cordon.go patches without a field manager: the User-Agent's "kubectl"
    const updated =
      mode === 'client'
        ? node
        : cluster.store.update(node, { dryRun: mode === 'server', manager: 'kubectl' });
    printNode(k, flags, updated, word);
  }
}

function nodeArgs(k: Kubectl, flags: ParsedFlags, command: string): KubeObject[] {
  const selector = str(flags, 'selector');
  if (flags.args.length === 0 && selector === undefined)
    throw usage(`USAGE: ${command} NODE [flags]`, command);
  if (flags.args.length > 0 && selector)
    throw usage('cannot specify both a node name and a --selector option', command);
  return selectedNodes(k.cluster(), flags.args, flags);
}

function cordon(k: Kubectl, flags: ParsedFlags, desired: boolean): number {
  const nodes = nodeArgs(k, flags, desired ? 'cordon' : 'uncordon');
  cordonNodes(k, flags, nodes, desired);
  if (!dryRun(flags)) k.cluster().runtime.settle();
  return 0;
}

function drain(k: Kubectl, flags: ParsedFlags): number {
  const mode = dryRun(flags);
  const timeoutText = str(flags, 'timeout') ?? '0s';
  const timeoutMs = parseGoDuration(timeoutText);
  if (timeoutMs === undefined)
    throw new KubectlError(
      `error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
    );
  const podSelectorText = str(flags, 'pod-selector');
  let podSelector: DrainOptions['podSelector'];
  if (podSelectorText) {
    try {
      const sel = parseLabelSelector(podSelectorText);
      podSelector = (p) => matches(sel, p.metadata.labels);
    } catch {
      throw new KubectlError('error: --pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  const options: DrainOptions = {
    force: bool(flags, 'force'),
    ignoreDaemonSets: bool(flags, 'ignore-daemonsets'),
    deleteEmptyDirData: bool(flags, 'delete-emptydir-data'),
    disableEviction: bool(flags, 'disable-eviction'),
    gracePeriodSeconds: Number(str(flags, 'grace-period') ?? -1),
    timeoutMs,
    podSelector,
    dryRun: mode,
  };
  const nodes = nodeArgs(k, flags, 'drain');
  const cluster = k.cluster();
  cordonNodes(k, flags, nodes, true);
  const fatal: string[] = [];
  const pending: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const list = podsForDeletion(cluster, name, options);
    let errors = list.errors;
    if (errors.length === 0) {
      if (list.warnings) k.err(`Warning: ${list.warnings}\n`);
      if (mode === 'client') {
        for (const pod of list.pods)
          k.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`);
      } else {
        const result = evictOrDeletePods(k, cluster, list.pods, options);
        if (result === null) return 130;
        errors = result;
        if (errors.length > 0) {
          const left = podsForDeletion(cluster, name, options).pods;
          if (left.length > 0) {
            k.err(`There are pending pods in node "${name}" when an error occurred: ${aggregate(errors)}\n`);
            for (const pod of left) k.err(`pod/${pod.metadata.name}\n`);
          }
        }
      }
    }
    if (errors.length === 0) {
      printNode(k, flags, node, 'drained');
      continue;
    }
    k.err(
      `error: unable to drain node "${name}" due to error: ${aggregate(errors)}, continuing command...\n`,
    );
    fatal.push(...errors);
    pending.push(name);
  }
  if (pending.length > 0) {
    k.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`);
    // CheckErr prints an aggregate with MultipleErrors(""): one line each, no "error: " prefix
    k.err(fatal.map((e) => `${e}\n`).join(''));
    return 1;
  }
  if (!mode) cluster.runtime.settle();
  return 0;
}

const s = flag;

/** cordon.go and drain.go add only -l and --dry-run of the common flags (no -o, -f or -A). */
const NODE_FLAGS = [s('selector', 'string', 'l'), s('dry-run')];

export const NODE_COMMANDS: CommandTable = {
  taint: {
    flags: [...COMMON, s('overwrite', 'bool'), s('all', 'bool'), s('validate'), s('field-manager')],
    run: taint,
  },
  cordon: { flags: NODE_FLAGS, run: (k, f) => cordon(k, f, true) },
  uncordon: { flags: NODE_FLAGS, run: (k, f) => cordon(k, f, false) },
  drain: {
    flags: [
      ...NODE_FLAGS,
      s('force', 'bool'),
      s('ignore-daemonsets', 'bool'),
      s('delete-emptydir-data', 'bool'),
      s('delete-local-data', 'bool'),
      s('disable-eviction', 'bool'),
      s('grace-period', 'int'),
      s('timeout'),
      s('pod-selector'),
      s('skip-wait-for-delete-timeout', 'int'),
      s('chunk-size', 'int'),
    ],
    run: drain,
  },
};
