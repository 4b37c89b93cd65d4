// Describers of RBAC objects: Role / ClusterRole (rules broken down, compacted per resource and
// sorted as kubectl's rbac helpers do) and RoleBinding / ClusterRoleBinding.
// Follows RoleDescriber and friends in pkg/describe/describe.go and pkg/util/rbac/rbac.go.
import type { KubeObject } from '../api/types.ts';
import { type Json, printAnnotationsMultiline, printLabelsMultiline } from './format.ts';
import { goSlice, str } from './gofmt.ts';
import { compareStrings } from './gosort.ts';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer.ts';

interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** BreakdownRule: one rule per group x resource x verb (x resource name), then per URL x verb. */
function breakdown(rule: Json): Rule[] {
  const out: Rule[] = [];
  const verbs: string[] = rule.verbs ?? [];
  const names: string[] = rule.resourceNames ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of verbs) {
        if (names.length > 0) {
          for (const name of names)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

/** CompactRules: rules of one group/resource/name merge their verbs. */
function compact(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const rule of rules) {
    const isSimple =
      (rule.resourceNames ?? []).length <= 1 &&
      (rule.nonResourceURLs ?? []).length === 0 &&
      (rule.apiGroups ?? []).length === 1 &&
      (rule.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const names = rule.resourceNames ?? [];
    const key = JSON.stringify([rule.apiGroups?.[0], rule.resources?.[0], names.length > 0, names[0] ?? '']);
    const existing = simple.get(key);
    if (existing) {
      for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
    } else {
      simple.set(key, structuredClone(rule));
    }
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String() (gogo), the sort key of SortableRuleSlice. */
function ruleString(r: Rule): string {
  return (
    `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},` +
    `ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`
  );
}

/** CombineResourceGroup: "deployments.apps", "pods/log", "" for URL rules. */
export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources || resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let combined = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (groups && groups.length > 0 && groups[0] !== '') combined += `.${groups[0]}`;
  if (slash >= 0) combined += `/${resources[0].slice(slash + 1)}`;
  return combined;
}

/** Role and ClusterRole: the PolicyRule table. */
export function describeRole(role: KubeObject): string {
  const rules = compact(((role.rules as Json[] | undefined) ?? []).flatMap(breakdown));
  rules.sort((a, b) => compareStrings(ruleString(a), ruleString(b)));
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(role.metadata.name)}\n`);
    printLabelsMultiline(w, 'Labels', role.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', role.metadata.annotations);
    w.write(LEVEL_0, 'PolicyRule:\n');
    w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
    for (const r of rules) {
      w.write(
        LEVEL_1,
        `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`,
      );
    }
  });
}

/** RoleBinding and ClusterRoleBinding: the role reference and the subjects table. */
export function describeRoleBinding(binding: KubeObject): string {
  const roleRef: Json = binding.roleRef ?? {};
  const subjects: Json[] = (binding.subjects as Json[] | undefined) ?? [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(binding.metadata.name)}\n`);
    printLabelsMultiline(w, 'Labels', binding.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', binding.metadata.annotations);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${str(roleRef.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${str(roleRef.name)}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of subjects) w.write(LEVEL_1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
  });
}
