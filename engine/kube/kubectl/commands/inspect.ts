// kubectl auth can-i and events: commands that inspect the cluster's authorization and history
// (pkg/cmd/auth/cani.go, pkg/cmd/events/events.go and event_printer.go).
import { translateTimestampSince } from '../../api/duration.ts';
import { groupVersion } from '../../api/resources.ts';
import { type KubeObject, parseTime } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import {
  type Attributes,
  impersonatedUser,
  KIND_ADMIN,
  type PolicyRule,
  RbacAuthorizer,
  type UserInfo,
} from '../../auth/rbac.ts';
import { goSort } from '../../describe/gosort.ts';
import { tabulate } from '../../text/tabwriter.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, list, type ParsedFlags, str } from '../flags.ts';
import { toJson, toYaml } from '../output/index.ts';
import { withoutManagedFields } from '../print.ts';
import { COMMON, type CommandTable, flag } from './types.ts';
import { whoami } from './whoami.ts';

/** cani.go resourceVerbs / nonResourceURLVerbs / nonStandardResourceNames. */
const RESOURCE_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'impersonate',
  '*',
  'approve',
  'sign',
  'escalate',
  'attest',
];
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];
const NON_STANDARD_RESOURCES = ['users', 'groups'];

/** The user kubectl acts as: kind's admin, or whom --as / --as-group impersonate. */
function requestUser(flags: ParsedFlags, authorizer: RbacAuthorizer): UserInfo {
  const as = str(flags, 'as');
  const asGroups = list(flags, 'as-group');
  if (as === undefined) {
    if (asGroups.length)
      throw new KubectlError(
        'error: requesting uid, groups or user-extra for test without impersonating a user',
      );
    return KIND_ADMIN;
  }
  // the impersonation filter checks the real user may impersonate each identity
  const sa = as.startsWith('system:serviceaccount:') ? as.split(':') : null;
  const checks: Array<{ resource: string; namespace: string; name: string }> =
    sa && sa.length === 4
      ? [{ resource: 'serviceaccounts', namespace: sa[2], name: sa[3] }]
      : [{ resource: 'users', namespace: '', name: as }];
  for (const g of asGroups) checks.push({ resource: 'groups', namespace: '', name: g });
  for (const c of checks) {
    const attrs = { verb: 'impersonate', group: '', subresource: '', ...c };
    if (authorizer.authorize(KIND_ADMIN, attrs).allowed) continue;
    const scope = c.namespace ? `in the namespace "${c.namespace}"` : 'at the cluster scope';
    throw new StatusError(
      403,
      'Forbidden',
      `${c.resource} "${c.name}" is forbidden: User "${KIND_ADMIN.name}" cannot impersonate resource "${c.resource}" in API group "" ${scope}`,
      { kind: c.resource, name: c.name },
    );
  }
  return impersonatedUser(as, asGroups);
}

/** PolicyRule.String() (generated.pb.go), the key kubectl sorts the --list rows by. */
function ruleString(r: PolicyRule): string {
  const v = (xs?: string[]) => `[${(xs ?? []).join(' ')}]`;
  return `&PolicyRule{Verbs:${v(r.verbs)},APIGroups:${v(r.apiGroups)},Resources:${v(r.resources)},ResourceNames:${v(r.resourceNames)},NonResourceURLs:${v(r.nonResourceURLs)},}`;
}

/** rbac util BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        const names = rule.resourceNames ?? [];
        if (names.length)
          for (const n of names)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [n] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** CompactRules: rules on one group/resource(/name) merge their verbs; URL rules stay apart. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const kept: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    if (r.nonResourceURLs?.length) {
      kept.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? []]);
    const existing = simple.get(key);
    if (existing)
      for (const v of r.verbs ?? [])
        existing.verbs = existing.verbs?.includes(v) ? existing.verbs : [...(existing.verbs ?? []), v];
    else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...kept, ...simple.values()];
}

/** describe.CombineResourceGroup: resource.group, keeping a /subresource at the end. */
function resourceColumn(r: PolicyRule): string {
  const resource = r.resources?.[0];
  if (!resource) return '';
  const [base, sub] = [
    resource.split('/')[0],
    resource.includes('/') ? resource.slice(resource.indexOf('/') + 1) : undefined,
  ];
  const group = r.apiGroups?.[0];
  return `${base}${group ? `.${group}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

function canIList(k: Kubectl, flags: ParsedFlags, args: string[], authorizer: RbacAuthorizer): number {
  if (args.length) throw new KubectlError('error: list option must be specified with no arguments');
  if (bool(flags, 'quiet') || bool(flags, 'all-namespaces') || str(flags, 'subresource') !== undefined)
    throw new KubectlError(
      "error: list option can't be specified with neither quiet, all-namespaces nor subresource options",
    );
  const user = requestUser(flags, authorizer);
  const rules = compact(authorizer.rulesFor(user, k.namespace).flatMap(breakdown));
  rules.sort((a, b) => (ruleString(a) < ruleString(b) ? -1 : ruleString(a) > ruleString(b) ? 1 : 0));
  const v = (xs?: string[]) => `[${(xs ?? []).join(' ')}]`;
  let text = bool(flags, 'no-headers') ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  for (const r of rules)
    text += `${resourceColumn(r)}\t${v(r.nonResourceURLs)}\t${v(r.resourceNames)}\t${v(r.verbs)}\n`;
  k.out(tabulate(text));
  return 0;
}

function canI(k: Kubectl, flags: ParsedFlags): number {
  const [sub, ...args] = flags.args;
  if (sub === 'whoami') return whoami(k, flags, requestUser(flags, new RbacAuthorizer(k.cluster())));
  if (sub !== 'can-i') throw new KubectlError(`error: unknown command "${sub ?? ''}" for "kubectl auth"`);
  const cluster = k.cluster();
  const authorizer = new RbacAuthorizer(cluster);
  if (bool(flags, 'list')) return canIList(k, flags, args, authorizer);
  if (args.length !== 2)
    throw new KubectlError(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
    );
  const warn = (text: string) => k.err(`Warning: ${text}\n`);
  const [verb, target] = args;
  const allNamespaces = bool(flags, 'all-namespaces');
  const namespace = allNamespaces ? '' : k.namespace;
  const subresource = str(flags, 'subresource') ?? '';
  let attrs: Attributes;
  if (target.startsWith('/')) {
    if (subresource) throw new KubectlError('error: --subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    attrs = { verb, path: target };
  } else {
    const slash = target.indexOf('/');
    const arg = slash >= 0 ? target.slice(0, slash) : target;
    const name = slash >= 0 ? target.slice(slash + 1) : '';
    let group = '';
    let resource = arg;
    let known: { namespaced: boolean } | null = null;
    if (arg !== '*') {
      const lower = arg.toLowerCase();
      const type = cluster.registry.resolve(lower);
      if (type) {
        ({ group, resource } = type);
        known = type;
      } else {
        const dot = lower.indexOf('.');
        const [res, grp] = dot >= 0 ? [lower.slice(0, dot), lower.slice(dot + 1)] : [lower, ''];
        if (!NON_STANDARD_RESOURCES.includes(grp ? `${res}.${grp}` : res))
          warn(`the server doesn't have a resource type '${res}'${grp ? ` in group '${grp}'` : ''}`);
      }
    }
    if (known && !known.namespaced && !allNamespaces)
      warn(
        group
          ? `resource '${resource}' is not namespace scoped in group '${group}'`
          : `resource '${resource}' is not namespace scoped`,
      );
    if (arg !== '*' && known && !RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    if (arg === '*' && !RESOURCE_VERBS.includes(verb)) warn(`verb '${verb}' is not a known verb`);
    attrs = { verb, namespace, group, resource, subresource, name };
  }
  if (bool(flags, 'no-headers'))
    throw new KubectlError('error: --no-headers cannot be set without --list specified');
  const user = requestUser(flags, authorizer);
  const { allowed, reason } = authorizer.authorize(user, attrs);
  if (!bool(flags, 'quiet')) k.out(allowed ? 'yes\n' : `no${reason ? ` - ${reason}` : ''}\n`);
  return allowed ? 0 : 1;
}

/** The core/v1 Event fields the printer reads. */
interface EventView {
  metadata: { namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count: number; lastObservedTime: string };
  involvedObject?: { kind?: string; name?: string; apiVersion?: string };
}

/** event_printer.go getInterval: "5s", or "5s (x3 over 2m)" for repeated events. */
function lastSeen(e: EventView, now: number): string {
  const first = e.eventTime
    ? translateTimestampSince(e.eventTime, now)
    : translateTimestampSince(e.firstTimestamp, now);
  if (e.series)
    return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1)
    return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** events.go eventTime: the series' last observation, lastTimestamp, else eventTime. */
function sortTime(e: EventView): number {
  const t = e.series?.lastObservedTime ?? (e.lastTimestamp || e.eventTime || undefined);
  const ms = parseTime(t);
  return Number.isNaN(ms) ? -Infinity : ms;
}

function events(k: Kubectl, flags: ParsedFlags): number {
  const types = list(flags, 'types');
  for (const t of types)
    if (!['normal', 'warning'].includes(t.toLowerCase()))
      throw new KubectlError('error: valid --types are Normal or Warning');
  const cluster = k.cluster();
  let forFilter: ((e: EventView) => boolean) | undefined;
  const forObject = str(flags, 'for');
  if (forObject) {
    if (!forObject.includes('/')) throw new KubectlError('error: --for must be in resource/name form');
    const parts = forObject.split('/');
    if (parts.length !== 2)
      throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
    const type = cluster.registry.resolve(parts[0].toLowerCase());
    if (!type) throw new KubectlError(`error: no matches for /, Resource=${parts[0].toLowerCase()}`);
    const apiVersion = groupVersion(type);
    forFilter = (e) =>
      e.involvedObject?.kind === type.kind &&
      e.involvedObject?.apiVersion === apiVersion &&
      e.involvedObject?.name === parts[1];
  }
  const all = bool(flags, 'all-namespaces');
  const wanted = (e: EventView) =>
    (types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type).toLowerCase())) &&
    (!forFilter || forFilter(e));
  const found = cluster.store
    .list(cluster.type('events'), all ? undefined : k.namespace)
    .filter((e) => wanted(e as unknown as EventView));
  const output = str(flags, 'output');
  const now = cluster.now();
  const row = (e: EventView) =>
    `${all ? `${e.metadata.namespace}\t` : ''}${lastSeen(e, now)}\t${e.type}\t${e.reason}\t${e.involvedObject?.kind}/${e.involvedObject?.name}\t${String(e.message ?? '').trim()}\n`;
  const header = bool(flags, 'no-headers')
    ? ''
    : `${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  if (bool(flags, 'watch')) {
    // a watch starts with an ADDED event per stored object, in storage order; the simulation
    // prints those and returns instead of waiting for more
    if (!output) k.out(tabulate(header + found.map(row).join('')));
    return 0;
  }
  if (found.length === 0) {
    k.err(all ? 'No events found.\n' : `No events found in ${k.namespace} namespace.\n`);
    return 0;
  }
  // sort.Sort(SortableEvents): Go's unstable pdqsort decides the order of events seen at once
  const sorted = goSort([...found], (a, b) => sortTime(a) < sortTime(b));
  if (output === 'yaml' || output === 'json') {
    // PrintFlags' JSON/YAML printer omits managedFields (--show-managed-fields is false)
    const items = withoutManagedFields(sorted).map((e: KubeObject) => ({
      ...e,
      apiVersion: 'v1',
      kind: 'Event',
    }));
    const listObj = { apiVersion: 'v1', items, kind: 'EventList', metadata: {} };
    k.out(output === 'yaml' ? toYaml(listObj) : toJson(listObj, { sortKeys: true }));
    return 0;
  }
  if (output) throw new KubectlError(`error: output format "${output}" is not supported by kubectl events`);
  k.out(tabulate(header + sorted.map(row).join('')));
  return 0;
}

export const INSPECT_COMMANDS: CommandTable = {
  auth: {
    flags: [
      ...COMMON,
      flag('quiet', 'bool', 'q'),
      flag('subresource'),
      flag('list', 'bool'),
      flag('no-headers', 'bool'),
      flag('as'),
      flag('as-group'),
    ],
    run: canI,
  },
  events: {
    flags: [
      ...COMMON,
      flag('for'),
      flag('types', 'strings'),
      flag('watch', 'bool', 'w'),
      flag('no-headers', 'bool'),
    ],
    run: events,
  },
};
