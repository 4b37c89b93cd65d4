// Smaller kinds: CustomResourceDefinition (apiextensions defaults and the basic structure checks of
// apiextensions/validation), PriorityClass, PodDisruptionBudget, Lease, ControllerRevision and
// EndpointSlice (discovery/v1), each with the rules of its pkg/apis/*/validation package.
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { child, forbidden, goQuote, index, invalid, notSupported, required } from './field.ts';
import {
  type Json,
  sameJson,
  validateLabelSelector,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortNum,
  nameIsDNSSubdomain,
  parseIP,
} from './names.ts';
import { notMoreThan100Percent, validateIntOrPercent } from './workloads.ts';

function defaultCRD(crd: Json): void {
  const spec = (crd.spec ??= {});
  const names = (spec.names ??= {});
  if (names.kind) {
    names.listKind ||= `${names.kind}List`;
    names.singular ||= String(names.kind).toLowerCase();
  }
  spec.conversion ??= { strategy: 'None' };
}

/** The basic checks of ValidateCustomResourceDefinition. */
function validateCRD(crd: Json): FieldError[] {
  const errs = validateObjectMeta(crd.metadata, false, nameIsDNSSubdomain);
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  if (crd.metadata.name !== `${names.plural}.${spec.group}`) {
    errs.push(
      invalid('metadata.name', goQuote(crd.metadata.name ?? ''), 'must be spec.names.plural+"."+spec.group'),
    );
  }
  if (!spec.group) errs.push(required('spec.group'));
  else {
    for (const msg of isDNS1123Subdomain(spec.group))
      errs.push(invalid('spec.group', goQuote(spec.group), msg));
    if (spec.group.split('.').length < 2)
      errs.push(invalid('spec.group', goQuote(spec.group), 'should be a domain with at least one dot'));
  }
  if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced')
    errs.push(notSupported('spec.scope', goQuote(String(spec.scope ?? '')), ['Cluster', 'Namespaced']));
  for (const f of ['plural', 'singular', 'kind', 'listKind']) {
    const p = child('spec.names', f);
    if (!names[f]) errs.push(required(p));
    else if (f === 'plural' || f === 'singular')
      for (const msg of isDNS1035Label(names[f])) errs.push(invalid(p, goQuote(names[f]), msg));
  }
  const versions: Json[] = spec.versions ?? [];
  if (versions.length === 0)
    errs.push(required('spec.versions', 'must have exactly one version marked as storage version'));
  else if (versions.filter((v) => v.storage).length !== 1)
    errs.push(
      invalid('spec.versions', '"<versions>"', 'must have exactly one version marked as storage version'),
    );
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    const p = index('spec.versions', i);
    for (const msg of isDNS1035Label(String(v.name ?? '')))
      errs.push(invalid(child(p, 'name'), goQuote(String(v.name ?? '')), msg));
    if (seen.has(v.name)) errs.push({ field: p, type: 'Duplicate value', value: goQuote(v.name) });
    seen.add(v.name);
    if (!v.schema?.openAPIV3Schema)
      errs.push(required(child(p, 'schema', 'openAPIV3Schema'), 'schemas are required'));
  });
  return errs;
}

registerStrategy('CustomResourceDefinition', {
  prepareForCreate(crd) {
    defaultCRD(crd);
    const storage = (crd.spec.versions ?? []).find((v: Json) => v.storage)?.name;
    crd.status = { acceptedNames: { kind: '', plural: '' }, storedVersions: storage ? [storage] : [] };
  },
  prepareForUpdate(crd) {
    defaultCRD(crd);
  },
  validate: validateCRD,
  validateUpdate(crd, old) {
    const errs = validateObjectMetaUpdate(crd.metadata, old.metadata);
    if (crd.spec?.scope !== old.spec?.scope && (old.status?.storedVersions ?? []).length) {
      errs.push(invalid('spec.scope', goQuote(String(crd.spec?.scope ?? '')), 'field is immutable'));
    }
    return errs;
  },
});

const SYSTEM_PRIORITIES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

registerStrategy('PriorityClass', {
  generation: false,
  prepareForCreate(pc: Json) {
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  prepareForUpdate(pc: Json) {
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate(pc: Json) {
    const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
    const name = String(pc.metadata.name ?? '');
    if (name in SYSTEM_PRIORITIES) {
      if (pc.value !== SYSTEM_PRIORITIES[name])
        errs.push(forbidden('metadata.name', `${name} is a reserved system priority class`));
    } else {
      if (name.startsWith('system-'))
        errs.push(forbidden('metadata.name', "priority class names with 'system-' prefix are reserved"));
      if (pc.value > 1000000000)
        errs.push(forbidden('value', 'maximum allowed value of a user defined priority is 1000000000'));
    }
    if (!['PreemptLowerPriority', 'Never'].includes(pc.preemptionPolicy)) {
      errs.push(
        notSupported('preemptionPolicy', goQuote(String(pc.preemptionPolicy ?? '')), [
          'PreemptLowerPriority',
          'Never',
        ]),
      );
    }
    return errs;
  },
  validateUpdate(pc: Json, old: Json) {
    const errs = validateObjectMetaUpdate(pc.metadata, old.metadata);
    if (pc.value !== old.value) errs.push(forbidden('value', 'may not be changed in an update.'));
    if (pc.preemptionPolicy !== old.preemptionPolicy)
      errs.push(
        invalid('preemptionPolicy', goQuote(String(pc.preemptionPolicy ?? '')), 'field is immutable'),
      );
    return errs;
  },
});

registerStrategy('PodDisruptionBudget', {
  prepareForCreate(pdb) {
    pdb.spec ??= {};
    pdb.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  },
  validate(pdb) {
    const errs = validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain);
    const spec = pdb.spec ?? {};
    if (spec.minAvailable != null && spec.maxUnavailable != null) {
      errs.push(invalid('spec', '"<pdb spec>"', 'minAvailable and maxUnavailable cannot be both set'));
    }
    for (const f of ['minAvailable', 'maxUnavailable']) {
      if (spec[f] == null) continue;
      errs.push(
        ...validateIntOrPercent(spec[f], child('spec', f)),
        ...notMoreThan100Percent(spec[f], child('spec', f)),
      );
    }
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (
      spec.unhealthyPodEvictionPolicy != null &&
      !['IfHealthyBudget', 'AlwaysAllow'].includes(spec.unhealthyPodEvictionPolicy)
    ) {
      errs.push(
        notSupported('spec.unhealthyPodEvictionPolicy', goQuote(spec.unhealthyPodEvictionPolicy), [
          'AlwaysAllow',
          'IfHealthyBudget',
        ]),
      );
    }
    return errs;
  },
  validateUpdate: (pdb, old) => validateObjectMetaUpdate(pdb.metadata, old.metadata),
});

registerStrategy('Lease', {
  generation: false,
  validate(lease) {
    const errs = validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain);
    const spec = lease.spec ?? {};
    if (spec.leaseDurationSeconds != null && spec.leaseDurationSeconds <= 0) {
      errs.push(
        invalid('spec.leaseDurationSeconds', String(spec.leaseDurationSeconds), 'must be greater than 0'),
      );
    }
    if (spec.leaseTransitions != null)
      errs.push(...validateNonnegative(spec.leaseTransitions, 'spec.leaseTransitions'));
    return errs;
  },
  validateUpdate: (lease, old) => validateObjectMetaUpdate(lease.metadata, old.metadata),
});

registerStrategy('ControllerRevision', {
  generation: false,
  validate(cr: Json) {
    const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain);
    if (cr.data == null) errs.push(required('data', 'data is mandatory'));
    errs.push(...validateNonnegative(cr.revision ?? 0, 'revision'));
    return errs;
  },
  validateUpdate(cr: Json, old: Json) {
    const errs = validateObjectMetaUpdate(cr.metadata, old.metadata);
    if (!sameJson(cr.data, old.data)) errs.push(invalid('data', '"<data>"', 'field is immutable'));
    return errs;
  },
});

/** ValidateEndpointSlice (discovery/validation), the main rules. */
function validateEndpointSlice(slice: Json): FieldError[] {
  const errs = validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain);
  const type = slice.addressType;
  if (!['IPv4', 'IPv6', 'FQDN'].includes(type))
    errs.push(notSupported('addressType', goQuote(String(type ?? '')), ['FQDN', 'IPv4', 'IPv6']));
  (slice.endpoints ?? []).forEach((ep: Json, i: number) => {
    const p = index('endpoints', i);
    const addrs: string[] = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(child(p, 'addresses'), 'must contain at least 1 address'));
    else if (addrs.length > 100)
      errs.push(invalid(child(p, 'addresses'), String(addrs.length), 'must contain at most 100 addresses'));
    addrs.forEach((a, j) => {
      const ap = index(child(p, 'addresses'), j);
      const ip = parseIP(a);
      if (type === 'IPv4' && !ip?.v4) errs.push(invalid(ap, goQuote(a), 'must be a valid IPv4 address'));
      if (type === 'IPv6' && (!ip || ip.v4))
        errs.push(invalid(ap, goQuote(a), 'must be a valid IPv6 address'));
      if (type === 'FQDN') for (const msg of isDNS1123Subdomain(a)) errs.push(invalid(ap, goQuote(a), msg));
    });
    if (ep.hostname)
      for (const msg of isDNS1123Label(ep.hostname))
        errs.push(invalid(child(p, 'hostname'), goQuote(ep.hostname), msg));
  });
  (slice.ports ?? []).forEach((port: Json, i: number) => {
    const p = index('ports', i);
    if (port.name)
      for (const msg of isDNS1123Label(port.name))
        errs.push(invalid(child(p, 'name'), goQuote(port.name), msg));
    if (port.port != null)
      for (const msg of isValidPortNum(port.port))
        errs.push(invalid(child(p, 'port'), String(port.port), msg));
    if (port.protocol != null && !['SCTP', 'TCP', 'UDP'].includes(port.protocol)) {
      errs.push(notSupported(child(p, 'protocol'), goQuote(port.protocol), ['SCTP', 'TCP', 'UDP']));
    }
  });
  return errs;
}

registerStrategy('EndpointSlice', {
  generation: true,
  prepareForCreate(slice: Json) {
    for (const p of slice.ports ?? []) p.protocol ??= 'TCP';
  },
  prepareForUpdate(slice: Json, old: Json) {
    for (const p of slice.ports ?? []) p.protocol ??= 'TCP';
    // The strategy bumps the generation when endpoints or ports change.
    if (
      !sameJson(slice.endpoints, old.endpoints) ||
      !sameJson(slice.ports, old.ports) ||
      slice.addressType !== old.addressType
    ) {
      slice.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
  },
  validate: validateEndpointSlice,
  validateUpdate(slice: Json, old: Json) {
    const errs = validateObjectMetaUpdate(slice.metadata, old.metadata);
    if (slice.addressType !== old.addressType)
      errs.push(invalid('addressType', goQuote(String(slice.addressType ?? '')), 'field is immutable'));
    return errs;
  },
});

/** Kinds checked only by ValidateObjectMeta here (their spec rules are not modelled). */
for (const [kind, namespaced] of [
  ['MutatingWebhookConfiguration', false],
  ['ValidatingWebhookConfiguration', false],
  ['ValidatingAdmissionPolicy', false],
  ['ValidatingAdmissionPolicyBinding', false],
  ['APIService', false],
  ['CertificateSigningRequest', false],
  ['FlowSchema', false],
  ['PriorityLevelConfiguration', false],
  ['RuntimeClass', false],
  ['CSINode', false],
  ['CSIStorageCapacity', true],
  ['VolumeAttachment', false],
] as const) {
  registerStrategy(kind, {
    validate: (obj) => validateObjectMeta(obj.metadata, namespaced, nameIsDNSSubdomain),
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  });
}
