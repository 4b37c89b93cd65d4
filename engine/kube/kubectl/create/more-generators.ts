// kubectl create generators for batch, RBAC, scheduling, networking and policy objects: job,
// cronjob, role, clusterrole, rolebinding, clusterrolebinding, priorityclass, ingress and
// poddisruptionbudget, as create_*.go build them (fields in Go struct order).
import type { ResourceRegistry } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../context.ts';
import { bool, list, str } from '../flags.ts';
import { type GeneratorInput, meta, requireFlags } from './input.ts';

function container(name: string, image: string, command: string[]): Record<string, unknown> {
  return { name, image, ...(command.length ? { command } : {}), resources: {} };
}

export function jobObject(g: GeneratorInput): KubeObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: meta(g.name, g.namespace),
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: {
          containers: [container(g.name, str(g.flags, 'image') ?? '', g.command)],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  };
}

/** create_job.go createJobFromCronJob: the template's spec, labels and annotations, owned by the CronJob. */
export function jobFromCronJob(g: GeneratorInput, cronJob: KubeObject): KubeObject {
  const template = cronJob.spec?.jobTemplate ?? {};
  const metadata: Record<string, unknown> = { name: g.name };
  if (g.namespace) metadata.namespace = g.namespace;
  metadata.creationTimestamp = null;
  if (template.metadata?.labels) metadata.labels = structuredClone(template.metadata.labels);
  metadata.annotations = {
    'cronjob.kubernetes.io/instantiate': 'manual',
    ...(template.metadata?.annotations ?? {}),
  };
  metadata.ownerReferences = [
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      name: cronJob.metadata.name,
      uid: cronJob.metadata.uid,
      controller: true,
    },
  ];
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: metadata as KubeObject['metadata'],
    spec: structuredClone(template.spec ?? {}),
    status: {},
  };
}

export function cronJobObject(g: GeneratorInput): KubeObject {
  requireFlags(g, ['image', 'schedule']);
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: meta(g.name, g.namespace),
    spec: {
      schedule: str(g.flags, 'schedule'),
      jobTemplate: {
        metadata: { name: g.name, creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              containers: [container(g.name, str(g.flags, 'image') ?? '', g.command)],
              restartPolicy: str(g.flags, 'restart') ?? 'OnFailure',
            },
          },
        },
      },
    },
    status: {},
  };
}

/** create_role.go validResourceVerbs. */
const RESOURCE_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];
/** create_clusterrole.go validNonResourceVerbs. */
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** create_role.go specialVerbs: verbs allowed only on these group/resource pairs. */
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'],
  escalate: ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

interface ResourceArg {
  group: string;
  resource: string;
  subresource: string;
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

function roleVerbs(g: GeneratorInput): string[] {
  const verbs = list(g.flags, 'verb');
  return verbs.includes('*') ? ['*'] : uniq(verbs);
}

/** `pods`, `deployments.apps`, `pods/log`; a bare `*` stands for everything. */
function resourceArgs(g: GeneratorInput): ResourceArg[] {
  const out: ResourceArg[] = [];
  for (const r of list(g.flags, 'resource')) {
    const slash = r.indexOf('/');
    const base = slash >= 0 ? r.slice(0, slash) : r;
    const dot = base.indexOf('.');
    const arg = {
      resource: dot >= 0 ? base.slice(0, dot) : base,
      group: dot >= 0 ? base.slice(dot + 1) : '',
      subresource: slash >= 0 ? r.slice(slash + 1) : '',
    };
    if (arg.resource === '*' && dot < 0 && slash < 0) return [arg];
    out.push(arg);
  }
  return out;
}

/** The RESTMapper's ResourceFor: the plural name and group of a (possibly short) resource. */
function mapResource(
  registry: ResourceRegistry,
  arg: ResourceArg,
): { group: string; resource: string } | null {
  const found = registry.resolve(arg.group ? `${arg.resource}.${arg.group}` : arg.resource);
  return found ? { group: found.group, resource: found.resource } : null;
}

function validateResources(
  g: GeneratorInput,
  verbs: string[],
  args: ResourceArg[],
  registry: () => ResourceRegistry,
): void {
  for (const r of args) {
    if (!r.resource)
      throw new KubectlError('error: resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = mapResource(registry(), r);
    const target = mapped ?? { group: r.group, resource: r.resource };
    let special = false;
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.includes(`${target.group}/${target.resource}`))
        throw new KubectlError(
          `error: can not perform '${v}' on '${target.resource}' in group '${target.group}'`,
        );
      special = true;
    }
    // NoResourceMatchError: GroupVersionResource's String() with an empty version
    if (!mapped && !special)
      throw new KubectlError(`error: no matches for ${r.group}/, Resource=${r.resource}`);
  }
  void g;
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then the URLs. */
function policyRules(
  registry: ResourceRegistry | null,
  verbs: string[],
  args: ResourceArg[],
  names: string[],
  urls: string[],
): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of args) {
    const mapped = r.resource === '*' || !registry ? null : mapResource(registry, r);
    const group = mapped?.group ?? r.group;
    let resource = mapped?.resource ?? r.resource;
    if (r.subresource) resource = `${resource}/${r.subresource}`;
    const resources = byGroup.get(group) ?? [];
    if (!resources.includes(resource)) resources.push(resource);
    byGroup.set(group, resources);
  }
  const rules: Record<string, unknown>[] = [...byGroup.keys()].sort().map((group) => {
    const rule: Record<string, unknown> = { verbs, apiGroups: [group], resources: byGroup.get(group) };
    if (names.length) rule.resourceNames = names;
    return rule;
  });
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

function warnVerbs(g: GeneratorInput, verbs: string[]): void {
  for (const v of verbs)
    if (!RESOURCE_VERBS.includes(v)) g.k.err(`Warning: '${v}' is not a standard resource verb\n`);
}

export function roleObject(g: GeneratorInput, registry: () => ResourceRegistry): KubeObject {
  const verbs = roleVerbs(g);
  if (verbs.length === 0) throw new KubectlError('error: at least one verb must be specified');
  warnVerbs(g, verbs);
  const args = resourceArgs(g);
  if (args.length === 0) throw new KubectlError('error: at least one resource must be specified');
  validateResources(g, verbs, args, registry);
  const names = uniq(list(g.flags, 'resource-name'));
  return {
    kind: 'Role',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: meta(g.name, g.namespace),
    rules: policyRules(registry(), verbs, args, names, []),
  };
}

export function clusterRoleObject(g: GeneratorInput, registry: () => ResourceRegistry): KubeObject {
  const aggregation = list(g.flags, 'aggregation-rule').flatMap((s) => s.split(','));
  const verbs = roleVerbs(g);
  const args = resourceArgs(g);
  const names = uniq(list(g.flags, 'resource-name'));
  const urls = list(g.flags, 'non-resource-url');
  const base = { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(g.name) };
  if (aggregation.length > 0) {
    if (urls.length || verbs.length || args.length || names.length)
      throw new KubectlError(
        'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames',
      );
    const matchLabels: Record<string, string> = {};
    for (const pair of aggregation) {
      const eq = pair.indexOf('=');
      if (eq < 0)
        throw new KubectlError(
          `error: invalid argument "${pair}" for "--aggregation-rule" flag: ${pair} must be formatted as key=value`,
        );
      matchLabels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return {
      ...base,
      rules: null,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels }] },
    } as KubeObject;
  }
  if (verbs.length === 0) throw new KubectlError('error: at least one verb must be specified');
  if (args.length === 0 && urls.length === 0)
    throw new KubectlError('error: one of resource or nonResourceURL must be specified');
  if (args.length > 0) {
    warnVerbs(g, verbs);
    validateResources(g, verbs, args, registry);
  }
  for (const v of urls.length ? verbs : [])
    if (!NON_RESOURCE_VERBS.includes(v))
      throw new KubectlError(`error: invalid verb: '${v}' for nonResourceURL`);
  for (const url of urls) {
    if (url === '*') continue;
    if (!url.startsWith('/')) throw new KubectlError('error: nonResourceURL should start with /');
    if (url.slice(0, -1).includes('*'))
      throw new KubectlError("error: nonResourceURL only supports wildcard matches when '*' is at the end");
  }
  return {
    ...base,
    rules: policyRules(args.length ? registry() : null, verbs, args, names, urls),
  } as KubeObject;
}

const RBAC = 'rbac.authorization.k8s.io';

function subjects(g: GeneratorInput): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const name of list(g.flags, 'user')) out.push({ kind: 'User', apiGroup: RBAC, name });
  for (const name of list(g.flags, 'group')) out.push({ kind: 'Group', apiGroup: RBAC, name });
  for (const sa of list(g.flags, 'serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[1])
      throw new KubectlError('error: serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

export function roleBindingObject(g: GeneratorInput): KubeObject {
  const role = str(g.flags, 'role') ?? '';
  const clusterRole = str(g.flags, 'clusterrole') ?? '';
  if ((role === '') === (clusterRole === ''))
    throw new KubectlError('error: exactly one of clusterrole or role must be specified');
  const obj: KubeObject = {
    kind: 'RoleBinding',
    apiVersion: `${RBAC}/v1`,
    metadata: meta(g.name, g.namespace),
  };
  const s = subjects(g);
  if (s.length) obj.subjects = s;
  obj.roleRef = { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
  return obj;
}

export function clusterRoleBindingObject(g: GeneratorInput): KubeObject {
  requireFlags(g, ['clusterrole']);
  const obj: KubeObject = { kind: 'ClusterRoleBinding', apiVersion: `${RBAC}/v1`, metadata: meta(g.name) };
  const s = subjects(g);
  if (s.length) obj.subjects = s;
  obj.roleRef = { apiGroup: RBAC, kind: 'ClusterRole', name: str(g.flags, 'clusterrole') };
  return obj;
}

export function priorityClassObject(g: GeneratorInput): KubeObject {
  const obj: KubeObject = {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: meta(g.name),
    value: Number(str(g.flags, 'value') ?? 0),
  };
  if (bool(g.flags, 'global-default')) obj.globalDefault = true;
  const description = str(g.flags, 'description');
  if (description) obj.description = description;
  obj.preemptionPolicy = str(g.flags, 'preemption-policy') ?? 'PreemptLowerPriority';
  return obj;
}

/** create_ingress.go ruleRegex (a prefix match: Go's MatchString is unanchored at the end). */
const INGRESS_RULE = /^[\w*\-.]*\/.*=[\w-]+:[\w-]+(,tls=?[\w-]+)?/;

function backend(service: string): Record<string, unknown> {
  const [name, port] = service.split(':');
  return { service: { name, port: /^-?[0-9]+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

export function ingressObject(g: GeneratorInput): KubeObject {
  const rules = list(g.flags, 'rule');
  const defaultBackend = str(g.flags, 'default-backend') ?? '';
  if (!defaultBackend && rules.length === 0)
    throw new KubectlError(
      'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  for (const rule of rules)
    if (!INGRESS_RULE.test(rule))
      throw new KubectlError(
        `error: rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
  const annotations: Record<string, string> = {};
  for (const a of list(g.flags, 'annotation')) {
    const eq = a.indexOf('=');
    if (eq < 0)
      throw new KubectlError(`error: annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (defaultBackend && defaultBackend.split(':').length !== 2)
    throw new KubectlError('error: default-backend should be in format servicename:serviceport');
  const spec: Record<string, unknown> = {};
  const ingressClass = str(g.flags, 'class');
  if (ingressClass) spec.ingressClassName = ingressClass;
  if (defaultBackend) spec.defaultBackend = backend(defaultBackend);
  // buildTLSRules: hosts grouped by secret name, each host once
  const tls: Array<{ hosts?: string[]; secretName?: string }> = [];
  const seenHosts = new Set<string>();
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secret = parts[1].split('=')[1] ?? '';
    if (seenHosts.has(host)) continue;
    seenHosts.add(host);
    const same = tls.find((t) => (t.secretName ?? '') === secret);
    if (same) {
      same.hosts = [...(same.hosts ?? []), host];
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host) entry.hosts = [host];
    if (secret) entry.secretName = secret;
    if (entry.hosts || entry.secretName) tls.push(entry);
  }
  if (tls.length) spec.tls = tls;
  const ingressRules: Array<{ host?: string; http: { paths: unknown[] } }> = [];
  for (const rule of rules) {
    const withoutTls = rule.split(',')[0];
    const slash = withoutTls.indexOf('/');
    const host = withoutTls.slice(0, slash);
    const [pathPart, service] = withoutTls.slice(slash + 1).split('=');
    let path = `/${pathPart}`;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const httpPath = { path, pathType, backend: backend(service) };
    const existing = ingressRules.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(httpPath);
    else ingressRules.push({ ...(host ? { host } : {}), http: { paths: [httpPath] } });
  }
  if (ingressRules.length) spec.rules = ingressRules;
  const metadata = meta(g.name, g.namespace);
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata,
    spec,
    status: { loadBalancer: {} },
  };
}

/** metav1.ParseToLabelSelector for the equality forms (`a=b,c==d`). */
function parseSelector(text: string): Record<string, unknown> {
  const matchLabels: Record<string, string> = {};
  for (const term of text.split(',')) {
    const m = /^\s*([^=!\s]+)\s*==?\s*(\S*)\s*$/.exec(term);
    if (!m) throw new KubectlError(`error: unable to parse requirement: ${term}`);
    matchLabels[m[1]] = m[2];
  }
  return { matchLabels };
}

export function pdbObject(g: GeneratorInput): KubeObject {
  const selector = str(g.flags, 'selector') ?? '';
  const minAvailable = str(g.flags, 'min-available') ?? '';
  const maxUnavailable = str(g.flags, 'max-unavailable') ?? '';
  if (!selector) throw new KubectlError('error: a selector must be specified');
  if (!minAvailable && !maxUnavailable)
    throw new KubectlError('error: one of min-available or max-unavailable must be specified');
  if (minAvailable && maxUnavailable)
    throw new KubectlError('error: min-available and max-unavailable cannot be both specified');
  if (minAvailable && !/^[0-9]+%?$/.test(minAvailable))
    throw new KubectlError('error: invalid format specified for min-available');
  if (maxUnavailable && !/^[0-9]+%?$/.test(maxUnavailable))
    throw new KubectlError('error: invalid format specified for max-unavailable');
  const intOrString = (v: string) => (/^[0-9]+$/.test(v) ? Number(v) : v);
  const spec: Record<string, unknown> = {};
  if (minAvailable) spec.minAvailable = intOrString(minAvailable);
  spec.selector = parseSelector(selector);
  if (maxUnavailable) spec.maxUnavailable = intOrString(maxUnavailable);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: meta(g.name, g.namespace),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}
