// networking.k8s.io/v1 strategies: NetworkPolicy (SetDefaults_NetworkPolicy, port protocol TCP),
// Ingress (the DefaultIngressClass admission plugin) and IngressClass, with the checks of
// pkg/apis/networking/validation/validation.go.
import type { FieldError } from '../errors.ts';
import { registerStrategy, type StrategyContext } from '../strategy.ts';
import { child, forbidden, goQuote, index, invalid, notSupported, required, tooLong } from './field.ts';
import { type Json, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import {
  isDNS1035Label,
  isDNS1123Subdomain,
  isValidCIDR,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNSSubdomain,
  parseIP,
} from './names.ts';

function defaultNetworkPolicy(np: Json): void {
  const spec = (np.spec ??= {});
  spec.podSelector ??= {};
  if (!(spec.policyTypes ?? []).length)
    spec.policyTypes = (spec.egress ?? []).length ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])])
    for (const p of rule.ports ?? []) p.protocol ??= 'TCP';
}

/** ValidateNetworkPolicyPort. */
function validatePolicyPort(port: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol != null && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) {
    errs.push(notSupported(child(path, 'protocol'), goQuote(port.protocol), ['TCP', 'UDP', 'SCTP']));
  }
  if (port.port != null) {
    if (typeof port.port === 'number') {
      for (const msg of isValidPortNum(port.port))
        errs.push(invalid(child(path, 'port'), String(port.port), msg));
      if (port.endPort != null) {
        if (port.endPort < port.port)
          errs.push(
            invalid(child(path, 'endPort'), String(port.port), 'must be greater than or equal to `port`'),
          );
        for (const msg of isValidPortNum(port.endPort))
          errs.push(invalid(child(path, 'endPort'), String(port.endPort), msg));
      }
    } else {
      if (port.endPort != null)
        errs.push(
          invalid(
            child(path, 'endPort'),
            String(port.endPort),
            'may not be specified when `port` is non-numeric',
          ),
        );
      for (const msg of isValidPortName(String(port.port)))
        errs.push(invalid(child(path, 'port'), goQuote(String(port.port)), msg));
    }
  } else if (port.endPort != null) {
    errs.push(
      invalid(
        child(path, 'endPort'),
        String(port.endPort),
        'may not be specified when `port` is not specified',
      ),
    );
  }
  return errs;
}

/** ValidateNetworkPolicyPeer. */
function validatePeer(peer: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  if (peer.podSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, child(path, 'podSelector')));
  }
  if (peer.namespaceSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, child(path, 'namespaceSelector')));
  }
  if (peer.ipBlock) {
    peers++;
    const bp = child(path, 'ipBlock');
    const cidr = String(peer.ipBlock.cidr ?? '');
    if (!cidr) errs.push(required(child(bp, 'cidr')));
    else if (!isValidCIDR(cidr))
      errs.push(
        invalid(
          child(bp, 'cidr'),
          goQuote(cidr),
          'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ),
      );
    (peer.ipBlock.except ?? []).forEach((e: string, i: number) => {
      if (!isValidCIDR(e))
        errs.push(
          invalid(
            index(child(bp, 'except'), i),
            goQuote(e),
            'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
          ),
        );
    });
  }
  if (peers === 0) errs.push(required(path, 'must specify a peer'));
  else if (peers > 1 && peer.ipBlock)
    errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateNetworkPolicySpec(spec: Json): FieldError[] {
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [dir, peerField] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ]) {
    (spec[dir] ?? []).forEach((rule: Json, i: number) => {
      const rp = index(child('spec', dir), i);
      (rule.ports ?? []).forEach((p: Json, j: number) => {
        errs.push(...validatePolicyPort(p, index(child(rp, 'ports'), j)));
      });
      (rule[peerField] ?? []).forEach((p: Json, j: number) => {
        errs.push(...validatePeer(p, index(child(rp, peerField), j)));
      });
    });
  }
  const types: string[] = spec.policyTypes ?? [];
  if (types.length > 2)
    return [
      ...errs,
      invalid(
        'spec.policyTypes',
        `&[]networking.PolicyType{${types.map(goQuote).join(', ')}}`,
        'may not specify more than two policyTypes',
      ),
    ];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      errs.push(notSupported(index('spec.policyTypes', i), goQuote(t), ['Ingress', 'Egress']));
  });
  return errs;
}

registerStrategy('NetworkPolicy', {
  prepareForCreate: defaultNetworkPolicy,
  prepareForUpdate: defaultNetworkPolicy,
  validate: (np) => [
    ...validateObjectMeta(np.metadata, true, nameIsDNSSubdomain),
    ...validateNetworkPolicySpec(np.spec ?? {}),
  ],
  validateUpdate: (np, old) => validateObjectMetaUpdate(np.metadata, old.metadata),
});

/** validateIngressBackend. */
function validateBackend(b: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (b.resource && b.service) return [invalid(path, '""', 'cannot set both resource and service backends')];
  if (b.resource) {
    if (!b.resource.kind) errs.push(required(child(path, 'resource', 'kind')));
    if (!b.resource.name) errs.push(required(child(path, 'resource', 'name')));
    return errs;
  }
  if (!b.service) return [invalid(path, '""', 'resource or service backend is required')];
  const s = b.service;
  if (!s.name) errs.push(required(child(path, 'service', 'name')));
  else
    for (const msg of isDNS1035Label(s.name))
      errs.push(invalid(child(path, 'service', 'name'), goQuote(s.name), msg));
  const name = s.port?.name ?? '';
  const number = s.port?.number ?? 0;
  if (name && number) errs.push(invalid(path, '""', 'cannot set both port name & port number'));
  else if (name)
    for (const msg of isValidPortName(name))
      errs.push(invalid(child(path, 'service', 'port', 'name'), goQuote(name), msg));
  else if (number)
    for (const msg of isValidPortNum(number))
      errs.push(invalid(child(path, 'service', 'port', 'number'), String(number), msg));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** validateHTTPIngressPath. */
function validateIngressPath(p: Json, path: string): FieldError[] {
  if (p.pathType == null) return [required(child(path, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = String(p.path ?? '');
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!value.startsWith('/'))
      errs.push(invalid(child(path, 'path'), goQuote(value), 'must be an absolute path'));
    if (value) {
      for (const seq of INVALID_PATH_SEQUENCES)
        if (value.includes(seq))
          errs.push(invalid(child(path, 'path'), goQuote(value), `must not contain '${seq}'`));
      for (const suf of INVALID_PATH_SUFFIXES)
        if (value.endsWith(suf))
          errs.push(invalid(child(path, 'path'), goQuote(value), `cannot end with '${suf}'`));
    }
  } else if (p.pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/'))
      errs.push(invalid(child(path, 'path'), goQuote(value), 'must be an absolute path'));
  } else {
    errs.push(
      notSupported(child(path, 'pathType'), goQuote(p.pathType), [
        'Exact',
        'ImplementationSpecific',
        'Prefix',
      ]),
    );
  }
  errs.push(...validateBackend(p.backend ?? {}, child(path, 'backend')));
  return errs;
}

/** ValidateIngressSpec. */
function validateIngressSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const rules: Json[] = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push(
      invalid(
        'spec',
        spec.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)',
        'either `defaultBackend` or `rules` must be specified',
      ),
    );
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const rp = index('spec.rules', i);
    if (rule.host) {
      if (parseIP(rule.host))
        errs.push(invalid(child(rp, 'host'), goQuote(rule.host), 'must be a DNS name, not an IP address'));
      const msgs = rule.host.includes('*')
        ? isWildcardDNS1123Subdomain(rule.host)
        : isDNS1123Subdomain(rule.host);
      for (const msg of msgs) errs.push(invalid(child(rp, 'host'), goQuote(rule.host), msg));
    }
    if (rule.http) {
      const paths: Json[] = rule.http.paths ?? [];
      if (paths.length === 0) errs.push(required(child(rp, 'http', 'paths')));
      paths.forEach((p, j) => {
        errs.push(...validateIngressPath(p, index(child(rp, 'http', 'paths'), j)));
      });
    }
  });
  (spec.tls ?? []).forEach((tls: Json, i: number) => {
    (tls.hosts ?? []).forEach((h: string, j: number) => {
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      for (const msg of msgs)
        errs.push(invalid(index(child(index('spec.tls', i), 'hosts'), j), goQuote(h), msg));
    });
  });
  if (spec.ingressClassName) {
    for (const msg of nameIsDNSSubdomain(spec.ingressClassName, false))
      errs.push(invalid('spec.ingressClassName', goQuote(spec.ingressClassName), msg));
  }
  return errs;
}

/** DefaultIngressClass admission; kind's ingress-nginx names its class "nginx". */
function defaultIngressClass(ing: Json, ctx: StrategyContext): void {
  if (ing.spec.ingressClassName || ing.metadata.annotations?.['kubernetes.io/ingress.class']) return;
  const cls = ctx.lookup('ingressclasses', '', 'nginx');
  if (cls?.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true')
    ing.spec.ingressClassName = 'nginx';
}

registerStrategy('Ingress', {
  prepareForCreate(ing, ctx) {
    ing.spec ??= {};
    defaultIngressClass(ing, ctx);
    ing.status = { loadBalancer: {} };
  },
  validate: (ing) => [
    ...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain),
    ...validateIngressSpec(ing.spec ?? {}),
  ],
  validateUpdate: (ing, old) => validateObjectMetaUpdate(ing.metadata, old.metadata),
});

registerStrategy('IngressClass', {
  prepareForCreate(ic) {
    if (ic.spec?.parameters && ic.spec.parameters.scope == null) ic.spec.parameters.scope = 'Cluster';
  },
  validate(ic) {
    const errs = validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain);
    const controller = String(ic.spec?.controller ?? '');
    if (controller.length > 250) errs.push(tooLong('spec.controller', 250));
    if (!controller) errs.push(required('spec.controller'));
    else {
      const [host, rest] = [controller.split('/')[0], controller.split('/').slice(1).join('/')];
      if (!controller.includes('/') || !host || !rest) {
        errs.push(
          invalid(
            'spec.controller',
            goQuote(controller),
            'must be a domain-prefixed path (such as "acme.io/foo")',
          ),
        );
      } else {
        for (const msg of isDNS1123Subdomain(host)) errs.push(invalid('spec.controller', goQuote(host), msg));
      }
    }
    return errs;
  },
  validateUpdate(ic, old) {
    const errs = validateObjectMetaUpdate(ic.metadata, old.metadata);
    if (ic.spec?.controller !== old.spec?.controller)
      errs.push(invalid('spec.controller', goQuote(String(ic.spec?.controller ?? '')), 'field is immutable'));
    return errs;
  },
});
