// kubectl wait: --for=delete|create|condition=NAME[=VALUE]|jsonpath={EXPR}[=VALUE] over the named
// or selected objects, polled in simulated time (k8s.io/kubectl pkg/cmd/wait, v0.32.4).
import type { ResourceType } from '../../api/resources.ts';
import { parseFieldSelector, parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { notFound } from '../../apiserver/errors.ts';
import type { ListOptions } from '../../apiserver/store.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import { relaxedJsonPathExpression } from '../output/custom-columns.ts';
import { goSprint } from '../output/go-values.ts';
import { findJsonPathResults } from '../output/jsonpath.ts';
import { parseJsonPath } from '../output/jsonpath-parser.ts';
import { nameOf } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { durationFlag } from './typed-flags.ts';

/** One object's check: met, not yet, or an error that ends the wait. */
type Check = (obj: KubeObject) => boolean;

interface Condition {
  kind: 'delete' | 'create' | 'check';
  check?: Check;
}

/** wait.go splitJSONPathInput: `=` separates expression and value, `==` stays inside. */
function splitJsonPathInput(input: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '=') current += input[i];
    else if (input[i + 1] === '=') {
      current += '==';
      i++;
    } else {
      parts.push(current);
      current = '';
    }
  }
  parts.push(current);
  return parts;
}

/** condition.go checkCondition: the named condition's status, unless it describes an older generation. */
function conditionCheck(name: string, value: string): Check {
  return (obj) => {
    const conditions: Array<Record<string, unknown>> = obj.status?.conditions ?? [];
    for (const c of conditions) {
      if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof c.status !== 'string') continue;
      const generation = obj.metadata.generation;
      const observed = c.observedGeneration ?? obj.status?.observedGeneration;
      if (typeof generation === 'number' && typeof observed === 'number' && observed < generation)
        return false;
      return c.status.toLowerCase() === value.toLowerCase();
    }
    return false;
  };
}

/** json.go checkCondition: one value found, compared with fmt's %v after trimming spaces. */
function jsonPathCheck(input: string): Check {
  const parts = splitJsonPathInput(input);
  if (parts.length > 2)
    throw new KubectlError(
      "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
    );
  const expression = relaxedJsonPathExpression(parts[0]);
  if (expression === '') throw new KubectlError('error: jsonpath expression cannot be empty');
  parseJsonPath(expression);
  const matchAny = parts.length === 1;
  const expected = matchAny ? '' : parts[1].replace(/^['"]+|['"]+$/g, '');
  if (!matchAny && expected === '')
    throw new KubectlError(
      "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
    );
  return (obj) => {
    const results = findJsonPathResults(expression, obj, { allowMissingKeys: true });
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1)
      throw new KubectlError('error: given jsonpath expression matches more than one list');
    if (results[0].length > 1)
      throw new KubectlError('error: given jsonpath expression matches more than one value');
    if (matchAny) return true;
    const found = results[0][0];
    if (typeof found === 'object' && found !== null)
      throw new KubectlError('error: jsonpath leads to a nested object or list which is not supported');
    return goSprint(found).trim() === expected.trim();
  };
}

/** wait.go conditionFuncFor. */
function conditionFor(text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return {
      kind: 'check',
      check: eq === -1 ? conditionCheck(rest, 'true') : conditionCheck(rest.slice(0, eq), rest.slice(eq + 1)),
    };
  }
  if (text.startsWith('jsonpath='))
    return { kind: 'check', check: jsonPathCheck(text.slice('jsonpath='.length)) };
  throw new KubectlError(`error: unrecognized condition: ${JSON.stringify(text)}`);
}

interface Target {
  type: ResourceType;
  namespace: string;
  name: string;
}

function listOptions(flags: ParsedFlags): ListOptions {
  const labels = str(flags, 'selector');
  const fields = str(flags, 'field-selector');
  return {
    labelSelector: labels !== undefined ? parseLabelSelector(labels) : undefined,
    fieldSelector: fields !== undefined ? parseFieldSelector(fields) : undefined,
  };
}

/** The objects the builder visits: named ones (missing ones included), or the selected ones. */
function targets(k: Kubectl, flags: ParsedFlags): Target[] {
  const cluster = k.cluster();
  const namespace = k.namespace;
  return parseResourceArgs(cluster.registry, flags.args).flatMap((req) => {
    const ns = req.type.namespaced ? namespace : '';
    const names = req.names.length
      ? req.names
      : cluster.store.list(req.type, ns || undefined, listOptions(flags)).map((o) => o.metadata.name ?? '');
    return names.map((name) => ({ type: req.type, namespace: ns, name }));
  });
}

export function wait(k: Kubectl, flags: ParsedFlags): number {
  const cluster = k.cluster();
  const forText = str(flags, 'for');
  if (!forText) throw new KubectlError('error: --for must be specified');
  // --timeout: 30s by default, negative is a week, zero checks once
  let timeout = durationFlag(flags, 'wait', 'timeout', 30_000);
  if (timeout < 0) timeout = 168 * 3_600_000;
  const condition = conditionFor(forText);
  if (!bool(flags, 'all') && flags.args.length === 0)
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  const deadline = cluster.now() + timeout;
  const peek = (t: Target) => cluster.store.peek(t.type, t.namespace, t.name);
  if (condition.kind === 'create') {
    // RunWait polls until every named object exists
    const ok = cluster.runtime.runUntil(deadline, () => targets(k, flags).every((t) => peek(t)));
    if (!ok) throw new KubectlError('error: timed out waiting for the condition');
  }
  let visited = 0;
  for (const t of targets(k, flags)) {
    const live = peek(t);
    if (!live) {
      // the visitor ignores NotFound only when waiting for deletion
      if (condition.kind === 'delete') continue;
      throw notFound(t.type.group, t.type.resource, t.name);
    }
    visited++;
    const met = (obj: KubeObject | undefined): boolean => {
      if (condition.kind === 'delete') return !obj;
      if (condition.kind === 'create') return Boolean(obj);
      return obj !== undefined && (condition.check as Check)(obj);
    };
    const timedOut = `error: timed out waiting for the condition on ${t.type.resource}/${t.name}`;
    if (timeout === 0) {
      if (!met(live)) {
        if (condition.kind === 'delete') throw new KubectlError(timedOut);
        throw new KubectlError(`error: condition not met for ${t.type.resource}/${t.name}`);
      }
    } else if (!cluster.runtime.runUntil(deadline, () => met(peek(t)))) throw new KubectlError(timedOut);
    const printed = peek(t) ?? live;
    const operation = condition.kind === 'delete' ? 'deleted' : 'condition met';
    k.out(`${nameOf(t.type, printed)} ${operation}\n`);
  }
  if (visited === 0 && condition.kind !== 'delete')
    throw new KubectlError('error: no matching resources found');
  return 0;
}
