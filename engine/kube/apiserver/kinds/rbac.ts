// Role, ClusterRole, RoleBinding and ClusterRoleBinding strategies: SetDefaults_RoleBinding /
// SetDefaults_Subject (pkg/apis/rbac/v1/defaults.go) and pkg/apis/rbac/validation/validation.go
// (names are only path segments, rules need verbs, roleRef cannot change).
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { child, goQuote, goStrings, index, invalid, notSupported, required } from './field.ts';
import {
  type Json,
  sameJson,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { nameIsDNSSubdomain, validatePathSegmentName } from './names.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** ValidatePolicyRule. */
function validateRule(rule: Json, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!(rule.verbs ?? []).length)
    errs.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls: string[] = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced)
      errs.push(
        invalid(
          child(path, 'nonResourceURLs'),
          goStrings(urls),
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    if ((rule.apiGroups ?? []).length || (rule.resources ?? []).length || (rule.resourceNames ?? []).length) {
      errs.push(
        invalid(
          child(path, 'nonResourceURLs'),
          goStrings(urls),
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if (!(rule.apiGroups ?? []).length)
    errs.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (!(rule.resources ?? []).length)
    errs.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(obj: Json, namespaced: boolean): FieldError[] {
  return (obj.rules ?? []).flatMap((r: Json, i: number) => validateRule(r, namespaced, index('rules', i)));
}

/** ValidateRoleBindingSubject. */
function validateSubject(s: Json, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(child(path, 'name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name)
        for (const msg of nameIsDNSSubdomain(s.name, false))
          errs.push(invalid(child(path, 'name'), goQuote(s.name), msg));
      if (s.apiGroup) errs.push(notSupported(child(path, 'apiGroup'), goQuote(s.apiGroup), ['']));
      if (!namespaced && !s.namespace) errs.push(required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP)
        errs.push(notSupported(child(path, 'apiGroup'), goQuote(String(s.apiGroup ?? '')), [RBAC_GROUP]));
      break;
    default:
      errs.push(
        notSupported(child(path, 'kind'), goQuote(String(s.kind ?? '')), ['ServiceAccount', 'User', 'Group']),
      );
  }
  return errs;
}

function defaultBinding(b: Json): void {
  b.roleRef ??= {};
  b.roleRef.apiGroup ||= RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (s.apiGroup) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}

/** ValidateRoleBinding / ValidateClusterRoleBinding. */
function validateBinding(b: Json, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(b.metadata, namespaced, validatePathSegmentName);
  const ref = b.roleRef ?? {};
  if (ref.apiGroup !== RBAC_GROUP)
    errs.push(notSupported('roleRef.apiGroup', goQuote(String(ref.apiGroup ?? '')), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind))
    errs.push(notSupported('roleRef.kind', goQuote(String(ref.kind ?? '')), kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else
    for (const msg of validatePathSegmentName(ref.name, false))
      errs.push(invalid('roleRef.name', goQuote(ref.name), msg));
  (b.subjects ?? []).forEach((s: Json, i: number) => {
    errs.push(...validateSubject(s, namespaced, index('subjects', i)));
  });
  return errs;
}

function roleRefChanged(b: Json, old: Json): FieldError[] {
  if (sameJson(b.roleRef, old.roleRef)) return [];
  const r = b.roleRef ?? {};
  return [
    invalid(
      'roleRef',
      `rbac.RoleRef{APIGroup:${goQuote(String(r.apiGroup ?? ''))}, Kind:${goQuote(String(r.kind ?? ''))}, Name:${goQuote(String(r.name ?? ''))}}`,
      'cannot change roleRef',
    ),
  ];
}

for (const [kind, namespaced] of [
  ['RoleBinding', true],
  ['ClusterRoleBinding', false],
] as const) {
  registerStrategy(kind, {
    generation: false,
    prepareForCreate: defaultBinding,
    prepareForUpdate: defaultBinding,
    validate: (b) => validateBinding(b, namespaced),
    validateUpdate: (b, old) => [
      ...validateObjectMetaUpdate(b.metadata, old.metadata),
      ...roleRefChanged(b, old),
    ],
  });
}

registerStrategy('Role', {
  generation: false,
  validate: (r) => [
    ...validateObjectMeta(r.metadata, true, validatePathSegmentName),
    ...validateRules(r, true),
  ],
  validateUpdate: (r, old) => validateObjectMetaUpdate(r.metadata, old.metadata),
});

registerStrategy('ClusterRole', {
  generation: false,
  validate(r: Json) {
    const errs = [
      ...validateObjectMeta(r.metadata, false, validatePathSegmentName),
      ...validateRules(r, false),
    ];
    if (r.aggregationRule) {
      const selectors: Json[] = r.aggregationRule.clusterRoleSelectors ?? [];
      if (selectors.length === 0) {
        errs.push(
          required(
            'aggregationRule.clusterRoleSelectors',
            'at least one clusterRoleSelector required if aggregationRule is non-nil',
          ),
        );
      }
      selectors.forEach((s, i) => {
        errs.push(...validateLabelSelector(s, index('aggregationRule.clusterRoleSelectors', i)));
      });
    }
    return errs;
  },
  validateUpdate: (r, old) => validateObjectMetaUpdate(r.metadata, old.metadata),
});
