// The RBAC authorizer over the store's Roles, ClusterRoles and bindings (plugin/pkg/auth/
// authorizer/rbac: rbac.go RuleAllows, validation/rule.go VisitRulesFor and appliesTo), plus
// the identity kubectl presents and impersonation's extra groups.
import { matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type Attributes =
  | { verb: string; namespace: string; group: string; resource: string; subresource: string; name: string }
  | { verb: string; path: string };

/** kind's kubeconfig client certificate: CN=kubernetes-admin, O=kubeadm:cluster-admins. */
export const KIND_ADMIN: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
};

const SA_PREFIX = 'system:serviceaccount:';

/**
 * The user an impersonation request (--as/--as-group) becomes: service-account names get
 * their groups when none are given, and every non-anonymous user gets system:authenticated.
 */
export function impersonatedUser(name: string, groups: string[]): UserInfo {
  const all = [...groups];
  const sa = name.startsWith(SA_PREFIX) ? name.slice(SA_PREFIX.length).split(':') : null;
  if (sa && sa.length === 2 && groups.length === 0)
    all.push('system:serviceaccounts', `system:serviceaccounts:${sa[0]}`);
  if (name !== 'system:anonymous' && !all.includes('system:authenticated')) all.push('system:authenticated');
  return { name, groups: all };
}

function has(list: string[] | undefined, value: string): boolean {
  return (list ?? []).includes(value);
}

/** rbac.go RuleAllows with its Verb/APIGroup/Resource/ResourceName/NonResourceURL matchers. */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (!has(rule.verbs, '*') && !has(rule.verbs, attrs.verb)) return false;
  if ('path' in attrs) {
    return (rule.nonResourceURLs ?? []).some(
      (u) =>
        u === '*' || u === attrs.path || (u.endsWith('*') && attrs.path.startsWith(u.replace(/\*+$/, ''))),
    );
  }
  if (!has(rule.apiGroups, '*') && !has(rule.apiGroups, attrs.group)) return false;
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const resourceOk = (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (attrs.subresource !== '' && r === `*/${attrs.subresource}`),
  );
  if (!resourceOk) return false;
  return (rule.resourceNames ?? []).length === 0 || has(rule.resourceNames, attrs.name);
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

/** rule.go appliesToUser: a ServiceAccount subject defaults to the binding's namespace. */
function appliesTo(user: UserInfo, subjects: Subject[] | undefined, namespace: string): boolean {
  return (subjects ?? []).some((s) => {
    if (s.kind === 'User') return s.name === user.name;
    if (s.kind === 'Group') return user.groups.includes(s.name);
    if (s.kind === 'ServiceAccount') {
      const ns = s.namespace || namespace;
      return ns !== '' && `${SA_PREFIX}${ns}:${s.name}` === user.name;
    }
    return false;
  });
}

export class RbacAuthorizer {
  private readonly cluster: Cluster;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
  }

  private list(resource: string, namespace?: string): KubeObject[] {
    return this.cluster.store.list(this.cluster.type(resource), namespace);
  }

  /**
   * A ClusterRole's rules; an aggregated role also gathers the rules of the ClusterRoles its
   * selectors match (what the clusterrole-aggregation controller writes into it).
   */
  private clusterRoleRules(role: KubeObject): PolicyRule[] {
    const own = ((role as Record<string, unknown>).rules as PolicyRule[] | null) ?? [];
    const selectors = (role as { aggregationRule?: { clusterRoleSelectors?: unknown[] } }).aggregationRule
      ?.clusterRoleSelectors;
    if (!selectors?.length) return own;
    const rules = [...own];
    for (const other of this.list('clusterroles').sort((a, b) =>
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
    )) {
      if (other.metadata.name === role.metadata.name) continue;
      const labels = other.metadata.labels ?? {};
      if (
        !selectors.some((sel) => {
          const selector = selectorFromObject(sel as never);
          return selector !== null && matches(selector, labels);
        })
      )
        continue;
      for (const r of ((other as Record<string, unknown>).rules as PolicyRule[] | null) ?? [])
        if (!rules.some((x) => JSON.stringify(x) === JSON.stringify(r))) rules.push(r);
    }
    return rules;
  }

  /** rule.go GetRoleReferenceRules; a missing role is an error the authorizer reports. */
  private roleRefRules(binding: KubeObject, errors: string[]): PolicyRule[] {
    const ref = (binding as { roleRef?: { kind: string; name: string } }).roleRef;
    if (!ref) return [];
    if (ref.kind === 'ClusterRole') {
      const role = this.cluster.store.peek(this.cluster.type('clusterroles'), '', ref.name);
      if (!role) {
        errors.push(`clusterrole.rbac.authorization.k8s.io "${ref.name}" not found`);
        return [];
      }
      return this.clusterRoleRules(role);
    }
    const ns = binding.metadata.namespace ?? '';
    const role = this.cluster.store.peek(this.cluster.type('roles'), ns, ref.name);
    if (!role) {
      errors.push(`role.rbac.authorization.k8s.io "${ref.name}" not found`);
      return [];
    }
    return ((role as Record<string, unknown>).rules as PolicyRule[] | null) ?? [];
  }

  /** VisitRulesFor: ClusterRoleBindings first, then the RoleBindings of the namespace. */
  rulesFor(user: UserInfo, namespace: string, errors: string[] = []): PolicyRule[] {
    const rules: PolicyRule[] = [];
    for (const b of this.list('clusterrolebindings'))
      if (appliesTo(user, (b as { subjects?: Subject[] }).subjects, ''))
        rules.push(...this.roleRefRules(b, errors));
    if (namespace) {
      for (const b of this.list('rolebindings', namespace))
        if (appliesTo(user, (b as { subjects?: Subject[] }).subjects, namespace))
          rules.push(...this.roleRefRules(b, errors));
    }
    return rules;
  }

  /** Authorize: allowed, or the reason RBAC gives ("RBAC: ..." when role lookups failed). */
  authorize(user: UserInfo, attrs: Attributes): { allowed: boolean; reason: string } {
    const errors: string[] = [];
    const namespace = 'path' in attrs ? '' : attrs.namespace;
    const allowed = this.rulesFor(user, namespace, errors).some((r) => ruleAllows(attrs, r));
    if (allowed) return { allowed, reason: '' };
    const unique = [...new Set(errors)];
    // utilerrors.NewAggregate: one message bare, several in brackets
    const text = unique.length === 1 ? unique[0] : unique.length > 1 ? `[${unique.join(', ')}]` : '';
    return { allowed, reason: text ? `RBAC: ${text}` : '' };
  }
}
