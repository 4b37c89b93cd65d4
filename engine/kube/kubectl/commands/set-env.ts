// kubectl set env (pkg/cmd/set/set_env.go, pkg/cmd/set/env/): KEY=VALUE and KEY- arguments,
// -e, --from=configmap|secret/NAME with --keys and --prefix, --overwrite=false, and --list
// (with --resolve) printing each selected container's environment.
import { quantityMilliValue, quantityValue } from '../../api/quantity.ts';
import type { KubeObject } from '../../api/types.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { parseResourceArgs } from '../resources.ts';
import { dryRun } from './create.ts';
import {
  type Container,
  checkPrinterOutput,
  podSpecOf,
  resolveTargets,
  runSet,
  type SetTarget,
  selectContainers,
} from './set.ts';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, Record<string, string> | undefined>;
}

/** env_parse.go argumentEnvironment: "anything=anything". */
const ENV_ARGUMENT = /^(.+)=(.*)$/ms;

/** SplitEnvironmentFromResources: resources first, then KEY=VALUE / KEY- arguments. */
function splitEnvironment(args: string[]): { resources: string[]; envArgs: string[] } | null {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const arg of args) {
    const isEnv = ENV_ARGUMENT.test(arg) || arg.endsWith('-');
    if (isEnv) envArgs.push(arg);
    else if (envArgs.length === 0) resources.push(arg);
    else return null;
  }
  return { resources, envArgs };
}

/** validation.IsEnvVarName's regular expression and message (apimachinery util/validation). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** ParseEnv: variables to set and names to remove; `-` reads KEY=VALUE lines from stdin. */
function parseEnv(k: Kubectl, specs: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const set = new Set<string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      for (const raw of k.ctx.stdin.readAll().split('\n')) {
        const line = raw.includes('#') ? raw.slice(0, raw.indexOf('#')) : raw;
        const eq = line.indexOf('=');
        if (eq >= 0) env.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
      }
    } else if (spec.includes('=')) {
      const name = spec.slice(0, spec.indexOf('='));
      if (!ENV_NAME.test(name))
        throw new KubectlError(`error: "${name}" is not a valid key name: ${ENV_NAME_MESSAGE}`);
      set.add(name);
      env.push({ name, value: spec.slice(spec.indexOf('=') + 1) });
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`error: unknown environment variable: ${spec}`);
    }
  }
  if (remove.some((name) => set.has(name)))
    throw new KubectlError(
      'error: can not both modify and remove the same environment variable in the same command',
    );
  return { env, remove };
}

/** keyToEnvName: upper case, characters other than [a-zA-Z0-9_] become `_` (with a warning). */
function keyToEnvName(k: Kubectl, key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
  if (name !== key) k.err(`Warning: key ${key} transferred to ${name}\n`);
  return name;
}

/** --from: one variable per key of the ConfigMap's or Secret's data, as a key reference. */
function envFrom(k: Kubectl, flags: ParsedFlags, from: string): EnvVar[] {
  const cluster = k.cluster();
  const keys = list(flags, 'keys');
  const env: EnvVar[] = [];
  for (const req of parseResourceArgs(cluster.registry, [from])) {
    for (const name of req.names) {
      const source = cluster.store.get(req.type, req.type.namespaced ? k.namespace : '', name);
      const ref =
        source.kind === 'Secret' ? 'secretKeyRef' : source.kind === 'ConfigMap' ? 'configMapKeyRef' : '';
      if (!ref) throw new KubectlError('error: unsupported resource specified in --from');
      // Go ranges over the data map in random order; the engine takes the keys sorted
      for (const key of Object.keys(source.data ?? {}).sort()) {
        if (keys.length > 0 && !keys.includes(key)) continue;
        env.push({ name: keyToEnvName(k, key), valueFrom: { [ref]: { key, name } } });
      }
    }
  }
  return env;
}

/** updateEnv: replaces variables of the same name in place, appends new ones, drops removed ones. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) covered.add(e.name);
    out.push(newer ?? e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** GetEnvVarRefString: how --list shows a reference it does not resolve. */
function refString(from: NonNullable<EnvVar['valueFrom']>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const { containerName, resource } = from.resourceFieldRef;
    return `resource field ${containerName ? `${containerName}/` : ''}${resource}`;
  }
  return 'invalid valueFrom';
}

/** env_resolve.go extractFieldPathAsString (the subscript-free paths and label/annotation keys). */
function fieldPathValue(obj: KubeObject, path: string): string {
  const formatMap = (m: Record<string, string> = {}) =>
    Object.keys(m)
      .sort()
      .map((key) => `${key}=${JSON.stringify(m[key])}`)
      .join('\n');
  const sub = /^(.+)\['(.*)'\]$/.exec(path);
  if (sub) {
    if (sub[1] === 'metadata.annotations') return obj.metadata.annotations?.[sub[2]] ?? '';
    if (sub[1] === 'metadata.labels') return obj.metadata.labels?.[sub[2]] ?? '';
    throw new Error(`fieldPath "${path}" does not support subscript`);
  }
  switch (path) {
    case 'metadata.annotations':
      return formatMap(obj.metadata.annotations);
    case 'metadata.labels':
      return formatMap(obj.metadata.labels);
    case 'metadata.name':
      return obj.metadata.name ?? '';
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
    case 'metadata.uid':
      return obj.metadata.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${path}`);
}

/** extractContainerResourceValue: the container's request or limit over the divisor, rounded up. */
function resourceFieldValue(ref: Record<string, string>, container: Container): string {
  const [kind, resource] = [
    ref.resource.slice(0, ref.resource.indexOf('.')),
    ref.resource.slice(ref.resource.indexOf('.') + 1),
  ];
  const resources = (container.resources ?? {}) as Record<string, Record<string, string> | undefined>;
  const amount = (kind === 'limits' || kind === 'requests') && resources[kind]?.[resource];
  const divisor = ref.divisor && quantityValue(ref.divisor) !== 0 ? ref.divisor : '1';
  if (
    ['cpu', 'memory', 'ephemeral-storage'].includes(resource) &&
    (kind === 'limits' || kind === 'requests')
  ) {
    const milli = resource === 'cpu';
    const value = milli ? quantityMilliValue(amount || '0') : quantityValue(amount || '0');
    const per = milli ? quantityMilliValue(divisor) : quantityValue(divisor);
    return String(Math.ceil(value / per));
  }
  throw new Error(`Unsupported container resource : ${ref.resource}`);
}

/** GetEnvVarRefValue for --resolve; API errors read as their message (err.Error()). */
function resolveRef(
  k: Kubectl,
  from: NonNullable<EnvVar['valueFrom']>,
  obj: KubeObject,
  c: Container,
): string {
  const cluster = k.cluster();
  const lookup = (resource: string, ref: Record<string, string>, what: string) => {
    const type = cluster.registry.resolve(resource);
    if (!type) throw new Error(`invalid valueFrom`);
    const source = cluster.store.get(type, k.namespace, ref.name);
    const data = (source.data ?? {}) as Record<string, string>;
    if (!(ref.key in data)) throw new Error(`key ${ref.key} not found in ${what} ${ref.name}`);
    return resource === 'secrets' ? atob(data[ref.key]) : data[ref.key];
  };
  if (from.secretKeyRef) return lookup('secrets', from.secretKeyRef, 'secret');
  if (from.configMapKeyRef) return lookup('configmaps', from.configMapKeyRef, 'config map');
  if (from.fieldRef) return fieldPathValue(obj, from.fieldRef.fieldPath);
  if (from.resourceFieldRef) return resourceFieldValue(from.resourceFieldRef, c);
  throw new Error('invalid valueFrom');
}

/** --list: `# Kind name, container c` and each variable; --resolve looks references up. */
function listEnv(k: Kubectl, flags: ParsedFlags, obj: KubeObject, c: Container, env: EnvVar[]): boolean {
  const resolve = bool(flags, 'resolve');
  const failures = new Map<string, string[]>();
  k.out(`# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      k.out(`${e.name}=${e.value ?? ''}\n`);
      continue;
    }
    if (resolve) {
      try {
        k.out(`${e.name}=${resolveRef(k, e.valueFrom, obj, c)}\n`);
        continue;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        failures.set(text, [...(failures.get(text) ?? []), e.name]);
      }
    }
    k.out(`# ${e.name} from ${refString(e.valueFrom)}\n`);
  }
  const lines = [...failures].map(
    ([text, names]) => `error retrieving reference for ${names.sort().join(', ')}: ${text}`,
  );
  for (const line of lines.sort()) k.err(`${line}\n`);
  return failures.size > 0;
}

export function setEnv(k: Kubectl, flags: ParsedFlags): number {
  if (bool(flags, 'all') && str(flags, 'selector'))
    throw new KubectlError('error: cannot set --all and --selector at the same time');
  const split = splitEnvironment(flags.args);
  if (!split)
    throw new KubectlError(
      `error: all resources must be specified before environment changes: ${flags.args.join(' ')}`,
    );
  const mode = dryRun(flags);
  checkPrinterOutput(flags);
  const from = str(flags, 'from') ?? '';
  if (bool(flags, 'local') && mode === 'server')
    throw new KubectlError(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?',
    );
  if (list(flags, 'filename').length === 0 && split.resources.length === 0)
    throw new KubectlError(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  const listing = bool(flags, 'list');
  if (listing && str(flags, 'output'))
    throw new KubectlError('error: --list and --output may not be specified together');
  if (list(flags, 'keys').length > 0 && !from)
    throw new KubectlError(
      'error: when specifying --keys, a configmap or secret must be provided with --from',
    );
  const { env, remove } = parseEnv(k, [...list(flags, 'env'), ...split.envArgs]);
  if (from) env.push(...envFrom(k, flags, from));
  const prefix = str(flags, 'prefix') ?? '';
  for (const e of env) e.name = `${prefix}${e.name}`;
  const selector = str(flags, 'containers') ?? '*';
  const overwrite = str(flags, 'overwrite') === undefined || bool(flags, 'overwrite');
  const targets = resolveTargets(k, flags, split.resources);
  return runSet(k, flags, targets, {
    operation: 'env updated',
    patchError: 'failed to patch env update to pod template: ',
    listOnly: listing,
    afterPatch() {
      if (env.length === 0 && split.envArgs.length === 0)
        throw new KubectlError('error: at least one environment variable must be provided');
    },
    mutate(target: SetTarget) {
      const obj = target.object;
      const containers = selectContainers(podSpecOf(obj), selector);
      if (containers.length === 0) {
        k.err(
          `Warning: ${obj.kind}/${obj.metadata.name} does not have any containers matching "${selector}"\n`,
        );
        return {};
      }
      let unresolved = false;
      for (const c of containers) {
        const existing = (c.env as EnvVar[] | undefined) ?? [];
        if (!overwrite) {
          for (const e of env) {
            const current = existing.find((x) => x.name === e.name);
            if (current && (current.value ?? '') !== (e.value ?? ''))
              return {
                error: `'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`,
              };
          }
        }
        // an EnvVar's empty value is omitted, and so is an empty list
        const updated = updateEnv(existing, env, remove).map((e) =>
          e.value === '' ? { name: e.name, ...(e.valueFrom ? { valueFrom: e.valueFrom } : {}) } : e,
        );
        if (updated.length > 0) c.env = updated;
        else delete c.env;
        if (listing && listEnv(k, flags, obj, c, updated)) unresolved = true;
      }
      return unresolved ? { error: 'failed to retrieve valueFrom references' } : {};
    },
  });
}
