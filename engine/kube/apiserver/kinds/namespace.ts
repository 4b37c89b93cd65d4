// Namespace and ServiceAccount strategies: SetDefaults_Namespace (the kubernetes.io/metadata.name
// label), pkg/registry/core/namespace/strategy.go (status Active, the "kubernetes" spec finalizer,
// finalizers and status kept on update) and ValidateNamespace / ValidateServiceAccount.
import { registerStrategy } from '../strategy.ts';
import { child, goQuote, invalid } from './field.ts';
import {
  type Json,
  validateKubeFinalizerName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';

const NAME_LABEL = 'kubernetes.io/metadata.name';

function labelWithName(ns: Json): void {
  if (ns.metadata.name)
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAME_LABEL]: ns.metadata.name };
}

registerStrategy('Namespace', {
  generation: false,
  prepareForCreate(ns) {
    labelWithName(ns);
    ns.spec ??= {};
    const finalizers: string[] = ns.spec.finalizers ?? [];
    if (!finalizers.includes('kubernetes')) ns.spec.finalizers = [...finalizers, 'kubernetes'];
    ns.status = { phase: 'Active' };
  },
  prepareForUpdate(ns, old) {
    labelWithName(ns);
    ns.spec = { ...(ns.spec ?? {}), finalizers: old.spec?.finalizers };
    if (ns.spec.finalizers === undefined) delete ns.spec.finalizers;
  },
  validate(ns) {
    const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
    for (const f of ns.spec?.finalizers ?? []) {
      const path = child('spec', 'finalizers');
      for (const msg of isQualifiedName(f)) errs.push(invalid(path, goQuote(f), msg));
      errs.push(...validateKubeFinalizerName(f, path));
    }
    return errs;
  },
  validateUpdate(ns, old) {
    return validateObjectMetaUpdate(ns.metadata, old.metadata);
  },
});

registerStrategy('ServiceAccount', {
  generation: false,
  validate(sa) {
    return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);
  },
  validateUpdate(sa, old) {
    return validateObjectMetaUpdate(sa.metadata, old.metadata);
  },
});
