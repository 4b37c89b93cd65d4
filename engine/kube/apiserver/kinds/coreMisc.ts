// The remaining core/v1 kinds: Event (legacyValidateEvent of pkg/apis/core/validation/events.go),
// Node (the TaintNodesByCondition admission taint, ValidateNode) and Endpoints
// (SetDefaults_Endpoints, validateEndpointSubsets).
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { decodeResourceList } from './decode.ts';
import { child, duplicate, forbidden, goQuote, index, invalid, notSupported, required } from './field.ts';
import {
  type Json,
  sameJson,
  validateLabelName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidLabelValue,
  isValidPortNum,
  nameIsDNSSubdomain,
  parseIP,
} from './names.ts';
import { validateResourceQuantity } from './resources.ts';

function validateEvent(ev: Json): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  if (String(ev.apiVersion).startsWith('events.k8s.io/')) {
    errs.push(...validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain));
    if (!ev.eventTime) errs.push(required('eventTime'));
    if (ev.type !== 'Normal' && ev.type !== 'Warning')
      errs.push(invalid('type', '""', `has invalid value: ${ev.type ?? ''}`));
    return errs;
  }
  const involvedNs = ev.involvedObject?.namespace ?? '';
  if (!ev.eventTime) {
    if (!involvedNs ? ns !== '' && ns !== 'default' : ns !== involvedNs) {
      errs.push(invalid('involvedObject.namespace', goQuote(involvedNs), 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', goQuote(involvedNs), 'does not match event.namespace'));
    }
    if (!ev.reportingComponent) errs.push(required('reportingController'));
    for (const msg of isQualifiedName(ev.reportingComponent ?? ''))
      errs.push(invalid('reportingController', goQuote(ev.reportingComponent ?? ''), msg));
    if (!ev.reportingInstance) errs.push(required('reportingInstance'));
    if (!ev.action) errs.push(required('action'));
    if (!ev.reason) errs.push(required('reason'));
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(invalid('namespace', goQuote(ns), msg));
  return errs;
}

registerStrategy('Event', { generation: false, validate: validateEvent });

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints. */
function validateTaints(taints: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  (taints ?? []).forEach((t, i) => {
    const p = index(path, i);
    errs.push(...validateLabelName(String(t.key ?? ''), child(p, 'key')));
    const valueErrs = isValidLabelValue(String(t.value ?? ''));
    if (valueErrs.length)
      errs.push(invalid(child(p, 'value'), goQuote(String(t.value ?? '')), valueErrs.join(';')));
    if (!t.effect) errs.push(required(child(p, 'effect')));
    else if (!TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(child(p, 'effect'), goQuote(t.effect), TAINT_EFFECTS));
    const keys = unique.get(t.effect) ?? new Set<string>();
    if (keys.has(t.key)) {
      errs.push({
        ...duplicate(
          p,
          `core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:<nil>}`,
        ),
        detail: 'taints must be unique by key and effect pair',
      });
      return;
    }
    keys.add(t.key);
    unique.set(t.effect, keys);
  });
  return errs;
}

function validateNode(node: Json): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  errs.push(...validateTaints(node.spec?.taints, 'metadata.taints'));
  const cidrs: string[] = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c))
      errs.push(
        invalid(
          index('spec.podCIDRs', i),
          goQuote(c),
          'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ),
      );
  });
  for (const f of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(node.status?.[f] ?? {}))
      errs.push(...validateResourceQuantity(k, v, `status.${f}.${k}`));
  }
  return errs;
}

registerStrategy('Node', {
  generation: false,
  prepareForCreate(node) {
    node.spec ??= {};
    // TaintNodesByCondition admission: new nodes start not ready.
    const taints: Json[] = node.spec.taints ?? [];
    if (!taints.some((t) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule')) {
      node.spec.taints = [...taints, { effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready' }];
    }
  },
  prepareForUpdate(node) {
    if (node.status) {
      decodeResourceList(node, node.status.capacity);
      if (node.status.allocatable) decodeResourceList(node, node.status.allocatable);
      else if (node.status.capacity) node.status.allocatable = { ...node.status.capacity };
    }
  },
  validate: validateNode,
  validateUpdate(node, old) {
    const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
    const before: string[] = old.spec?.podCIDRs ?? [];
    const after: string[] = node.spec?.podCIDRs ?? [];
    if (before.length > 0 && !sameJson(before, after)) {
      errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
      errs.push(
        forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'),
      );
    }
    return errs;
  },
});

function defaultEndpoints(ep: Json): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
}

/** validateEndpointSubsets. */
function validateEndpoints(ep: Json): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  (ep.subsets ?? []).forEach((ss: Json, i: number) => {
    const p = index('subsets', i);
    if (!(ss.addresses ?? []).length && !(ss.notReadyAddresses ?? []).length) {
      errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    for (const f of ['addresses', 'notReadyAddresses']) {
      (ss[f] ?? []).forEach((a: Json, j: number) => {
        const ap = index(child(p, f), j);
        const ip = String(a.ip ?? '');
        const parsed = parseIP(ip);
        if (!parsed)
          errs.push(
            invalid(
              child(ap, 'ip'),
              goQuote(ip),
              'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
            ),
          );
        if (a.hostname)
          for (const msg of isDNS1123Label(a.hostname))
            errs.push(invalid(child(ap, 'hostname'), goQuote(a.hostname), msg));
        if (!parsed) errs.push(invalid(child(ap, 'ip'), goQuote(ip), 'must be a valid IP address'));
        else if (parsed.v4 && parsed.bytes[0] === 127)
          errs.push(
            invalid(child(ap, 'ip'), goQuote(ip), 'may not be in the loopback range (127.0.0.0/8, ::1/128)'),
          );
      });
    }
    (ss.ports ?? []).forEach((port: Json, j: number) => {
      const pp = index(child(p, 'ports'), j);
      if (ss.ports.length > 1 && !port.name) errs.push(required(child(pp, 'name')));
      else if (port.name)
        for (const msg of isDNS1123Label(port.name))
          errs.push(invalid(child(pp, 'name'), goQuote(port.name), msg));
      for (const msg of isValidPortNum(port.port ?? 0))
        errs.push(invalid(child(pp, 'port'), String(port.port ?? 0), msg));
      if (!port.protocol) errs.push(required(child(pp, 'protocol')));
      else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol))
        errs.push(notSupported(child(pp, 'protocol'), goQuote(port.protocol), ['SCTP', 'TCP', 'UDP']));
    });
  });
  return errs;
}

registerStrategy('Endpoints', {
  generation: false,
  prepareForCreate: defaultEndpoints,
  prepareForUpdate: defaultEndpoints,
  validate: validateEndpoints,
  validateUpdate(ep, old) {
    return validateObjectMetaUpdate(ep.metadata, old.metadata);
  },
});
