// Small kubectl commands: version, cluster-info, api-resources and config (contexts,
// use-context, set-context, current-context, view).
import { EXTRA_VERSIONS, groupVersion } from '../../api/resources.ts';
import { KUBERNETES_VERSION } from '../../kind/bootstrap.ts';
import { formatKubeConfig } from '../../kind/kubeconfig.ts';
import { KUBECTL_TABWRITER, tabulateRows } from '../../text/tabwriter.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';

export const CLIENT_VERSION = 'v1.32.4';

export function version(k: Kubectl, flags: ParsedFlags): number {
  k.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: v5.5.0\n`);
  if (bool(flags, 'client')) return 0;
  k.cluster();
  k.out(`Server Version: ${KUBERNETES_VERSION}\n`);
  return 0;
}

export function clusterInfo(k: Kubectl): number {
  const c = k.cluster();
  const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
  const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;
  void green;
  void yellow;
  k.out(`Kubernetes control plane is running at ${c.server}\n`);
  k.out(`CoreDNS is running at ${c.server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n`);
  k.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

/** kubectl api-versions (apiversions.go): every served group/version, sorted as strings. */
export function apiVersions(k: Kubectl, _flags: ParsedFlags): number {
  const versions = new Set<string>();
  for (const t of k.cluster().registry.all()) {
    versions.add(groupVersion(t));
    for (const v of EXTRA_VERSIONS[t.group] ?? []) versions.add(groupVersion({ ...t, version: v }));
  }
  k.out(
    [...versions]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((v) => `${v}\n`)
      .join(''),
  );
  return 0;
}

/**
 * kubectl api-resources (apiresources.go): the preferred version of every resource with verbs,
 * filtered by --api-group, --namespaced, --verbs and --categories, sorted stably by group (or
 * --sort-by name|kind) then name, as a table (wide adds VERBS and CATEGORIES) or names.
 */
export function apiResources(k: Kubectl, flags: ParsedFlags): number {
  const output = str(flags, 'output') ?? '';
  if (!['', 'wide', 'name'].includes(output))
    throw new KubectlError(`error: --output ${output} is not available`);
  const sortBy = str(flags, 'sort-by') ?? '';
  if (!['', 'name', 'kind'].includes(sortBy))
    throw new KubectlError('error: --sort-by accepts only name or kind');
  if (flags.args.length > 0)
    throw new KubectlError(
      `error: unexpected arguments: [${flags.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`,
    );
  const namespaced = str(flags, 'namespaced');
  const group = str(flags, 'api-group');
  const verbs = list(flags, 'verbs');
  const categories = list(flags, 'categories');
  const types = [...k.cluster().registry.all()].filter(
    (t) =>
      t.verbs.length > 0 &&
      (group === undefined || t.group === group) &&
      (namespaced === undefined || String(t.namespaced) === (namespaced === '' ? 'true' : namespaced)) &&
      verbs.every((v) => t.verbs.includes(v)) &&
      categories.every((c) => t.categories.includes(c)),
  );
  const key = (t: (typeof types)[number]) =>
    sortBy === 'name' ? t.resource : sortBy === 'kind' ? t.kind : t.group;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = types.sort((a, b) => cmp(key(a), key(b)) || cmp(a.resource, b.resource));
  if (output === 'name') {
    for (const t of sorted) k.out(`${t.group ? `${t.resource}.${t.group}` : t.resource}\n`);
    return 0;
  }
  const wide = output === 'wide';
  const rows: string[][] = [];
  if (!bool(flags, 'no-headers'))
    rows.push([
      'NAME',
      'SHORTNAMES',
      'APIVERSION',
      'NAMESPACED',
      'KIND',
      ...(wide ? ['VERBS', 'CATEGORIES'] : []),
    ]);
  for (const t of sorted) {
    const row = [t.resource, t.shortNames.join(','), groupVersion(t), String(t.namespaced), t.kind];
    if (wide) row.push(t.verbs.join(','), t.categories.join(','));
    rows.push(row);
  }
  k.out(tabulateRows(rows, KUBECTL_TABWRITER));
  return 0;
}

export function config(k: Kubectl, flags: ParsedFlags): number {
  const [sub, arg] = flags.args;
  const cfg = k.config;
  const save = () => {
    const fs = k.ctx.proc.host.fs;
    fs.mkdir(k.configPath.slice(0, k.configPath.lastIndexOf('/')), { parents: true });
    fs.writeFile(k.configPath, formatKubeConfig(cfg));
  };
  switch (sub) {
    case 'current-context':
      if (!cfg['current-context']) throw new KubectlError('error: current-context is not set');
      k.out(`${cfg['current-context']}\n`);
      return 0;
    case 'get-contexts': {
      const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      const names = arg ? [arg] : cfg.contexts.map((c) => c.name).sort();
      for (const name of names) {
        const c = cfg.contexts.find((x) => x.name === name);
        if (!c) throw new KubectlError(`error: context ${name} not found`);
        rows.push([
          cfg['current-context'] === name ? '*' : '',
          name,
          c.context.cluster,
          c.context.user,
          c.context.namespace ?? '',
        ]);
      }
      k.out(tabulateRows(rows, KUBECTL_TABWRITER));
      return 0;
    }
    case 'get-clusters':
      k.out(`NAME\n${cfg.clusters.map((c) => `${c.name}\n`).join('')}`);
      return 0;
    case 'use-context':
    case 'use': {
      if (!arg) throw new KubectlError('error: Unexpected args: []');
      if (!cfg.contexts.some((c) => c.name === arg))
        throw new KubectlError(`error: no context exists with the name: "${arg}"`);
      cfg['current-context'] = arg;
      save();
      k.out(`Switched to context "${arg}".\n`);
      return 0;
    }
    case 'set-context': {
      const current = bool(flags, 'current');
      const name = current ? cfg['current-context'] : arg;
      if (!name) throw new KubectlError('error: you must specify a non-empty context name or --current');
      let entry = cfg.contexts.find((c) => c.name === name);
      const existed = !!entry;
      if (!entry) {
        entry = { name, context: { cluster: '', user: '' } };
        cfg.contexts.push(entry);
      }
      const ns = str(flags, 'namespace');
      if (ns !== undefined) entry.context.namespace = ns;
      const cl = str(flags, 'cluster');
      if (cl !== undefined) entry.context.cluster = cl;
      const user = str(flags, 'user');
      if (user !== undefined) entry.context.user = user;
      save();
      k.out(`Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
      return 0;
    }
    case 'view':
      k.out(formatKubeConfig(redact(cfg, bool(flags, 'raw'))));
      return 0;
  }
  throw new KubectlError(`error: unknown command "${sub ?? ''}" for "kubectl config"`);
}

function redact<T>(cfg: T, raw: boolean): T {
  if (raw) return cfg;
  const copy = structuredClone(cfg) as Record<string, unknown>;
  const hide = (o: Record<string, unknown>) => {
    for (const key of Object.keys(o)) if (key.endsWith('-data')) o[key] = 'DATA+OMITTED';
  };
  for (const c of (copy.clusters as Array<{ cluster: Record<string, unknown> }>) ?? []) hide(c.cluster);
  for (const u of (copy.users as Array<{ user: Record<string, unknown> }>) ?? []) {
    for (const key of Object.keys(u.user))
      if (key.endsWith('-data')) u.user[key] = key === 'client-key-data' ? 'DATA+OMITTED' : 'DATA+OMITTED';
  }
  return copy as T;
}
