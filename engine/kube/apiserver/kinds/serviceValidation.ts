// ValidateService and ValidateServiceUpdate of pkg/apis/core/validation/validation.go: ports,
// selector, session affinity, clusterIPs and IP families, type-specific fields and traffic policies.
import type { FieldError } from '../errors.ts';
import { validateDNS1123Label } from './containerValidation.ts';
import {
  child,
  duplicate,
  forbidden,
  goQuote,
  goStrings,
  index,
  invalid,
  notSupported,
  required,
} from './field.ts';
import { type Json, validateLabels } from './meta.ts';
import { isDNS1123Subdomain, isQualifiedName, isValidCIDR, isValidPortNum, parseIP } from './names.ts';
import { validatePortNumOrName } from './probeValidation.ts';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_AFFINITY_SECONDS = 86400;

export function isHeadless(svc: Json): boolean {
  const ips: string[] = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

/** apiservice.ExternallyAccessible. */
export function externallyAccessible(spec: Json): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0)
  );
}

/** The %#v of a core.ServicePort used as a duplicate-port key (only protocol and port set). */
function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validateServicePort(sp: Json, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(child(path, 'name')));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, child(path, 'name')));
    if (names.has(sp.name)) errs.push(duplicate(child(path, 'name'), goQuote(sp.name)));
    else names.add(sp.name);
  }
  for (const msg of isValidPortNum(sp.port ?? 0))
    errs.push(invalid(child(path, 'port'), String(sp.port ?? 0), msg));
  if (!sp.protocol) errs.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(sp.protocol))
    errs.push(notSupported(child(path, 'protocol'), goQuote(sp.protocol), PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, child(path, 'targetPort')));
  if (sp.appProtocol !== undefined) {
    for (const msg of isQualifiedName(sp.appProtocol))
      errs.push(invalid(child(path, 'appProtocol'), goQuote(sp.appProtocol), msg));
  }
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields. */
function validateClusterIPFields(spec: Json): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP)
      errs.push(invalid('spec.clusterIPs', goStrings(ips), 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(invalid('spec.clusterIPs', goStrings(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
    if (f !== 'IPv4' && f !== 'IPv6')
      errs.push(notSupported(index('spec.ipFamilies', i), goQuote(f), ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(index('spec.ipFamilies', i), goQuote(f)));
    seen.add(f);
  });
  const policy = spec.ipFamilyPolicy;
  if (policy != null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errs.push(
      notSupported('spec.ipFamilyPolicy', goQuote(policy), [
        'PreferDualStack',
        'RequireDualStack',
        'SingleStack',
      ]),
    );
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid('spec.clusterIPs', goStrings(ips), "'None' must be the first and only value"));
      }
      return;
    }
    if (!parseIP(ip)) {
      badIPs = true;
      errs.push(
        invalid(
          index('spec.clusterIPs', i),
          goQuote(ip),
          'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        ),
      );
    }
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', goStrings(ips), 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1) {
    const v4 = ips.map((ip) => parseIP(ip)?.v4);
    if (v4[0] === v4[1])
      errs.push(
        invalid('spec.clusterIPs', goStrings(ips), 'may specify no more than one IP for each IP family'),
      );
  }
  return errs;
}

/** ValidateService. */
export function validateServiceSpec(svc: Json): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const ports: Json[] = spec.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'LoadBalancer' && headless) {
    errs.push(
      invalid('spec.clusterIPs[0]', goQuote('None'), "may not be set to 'None' for LoadBalancer services"),
    );
  } else if (spec.type === 'NodePort' && headless) {
    errs.push(
      invalid('spec.clusterIPs[0]', goQuote('None'), "may not be set to 'None' for NodePort services"),
    );
  } else if (spec.type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length > 0)
      errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((spec.ipFamilies ?? []).length > 0)
      errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null)
      errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname)
      for (const msg of isDNS1123Subdomain(cname))
        errs.push(invalid('spec.externalName', goQuote(cname), msg));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i)));
  });
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity ?? '';
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None')
    errs.push(notSupported('spec.sessionAffinity', goQuote(affinity), ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const p = 'spec.sessionAffinityConfig';
    if (!cfg) errs.push(required(p, 'when session affinity type is ClientIP'));
    else if (!cfg.clientIP)
      errs.push(required(child(p, 'clientIP'), 'when session affinity type is ClientIP'));
    else if (cfg.clientIP.timeoutSeconds == null)
      errs.push(required(child(p, 'clientIP', 'timeoutSeconds'), 'when session affinity type is ClientIP'));
    else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > MAX_AFFINITY_SECONDS) {
      errs.push(
        invalid(
          child(p, 'clientIP', 'timeoutSeconds'),
          String(cfg.clientIP.timeoutSeconds),
          `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`,
        ),
      );
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPFields(spec));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    const p = index('spec.externalIPs', i);
    const parsed = parseIP(ip);
    if (!parsed)
      errs.push(invalid(p, goQuote(ip), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    else if (parsed.v4 && parsed.bytes[0] === 127)
      errs.push(invalid(p, goQuote(ip), 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
    else if (parsed.v4 && parsed.bytes.every((b) => b === 0))
      errs.push(invalid(p, goQuote(ip), `may not be unspecified (${ip})`));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported('spec.type', goQuote(spec.type), TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort)
        errs.push(
          forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"),
        );
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const k = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), String(p.nodePort)));
    nodePorts.add(k);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (portKeys.has(k))
      errs.push(duplicate(index('spec.ports', i), goServicePortKey(p.protocol ?? '', p.port ?? 0)));
    portKeys.add(k);
  });
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
    const p = 'spec.LoadBalancerSourceRanges';
    if (spec.type !== 'LoadBalancer')
      errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    spec.loadBalancerSourceRanges.forEach((r: string, i: number) => {
      const v = r.trim();
      if (!isValidCIDR(v))
        errs.push(
          invalid(index(p, i), goQuote(v), 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'),
        );
    });
  }
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer') {
    errs.push(
      forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"),
    );
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null)
    errs.push(required('allocateLoadBalancerNodePorts'));
  if (spec.loadBalancerClass != null) {
    if (spec.type === 'LoadBalancer') {
      for (const msg of isQualifiedName(spec.loadBalancerClass))
        errs.push(invalid('spec.loadBalancerClass', goQuote(spec.loadBalancerClass), msg));
    } else {
      errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
    }
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(
        invalid(
          'spec.externalTrafficPolicy',
          goQuote(spec.externalTrafficPolicy),
          'may only be set for externally-accessible services',
        ),
      );
    }
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push(
      notSupported('spec.externalTrafficPolicy', goQuote(spec.externalTrafficPolicy), ['Cluster', 'Local']),
    );
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(
      invalid(
        'spec.healthCheckNodePort',
        String(spec.healthCheckNodePort),
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    );
  } else if (needsHealthCheck && !spec.healthCheckNodePort) {
    errs.push(required('spec.healthCheckNodePort'));
  }
  if (spec.internalTrafficPolicy == null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
      errs.push(required('spec.internalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(
      notSupported('spec.internalTrafficPolicy', goQuote(spec.internalTrafficPolicy), ['Cluster', 'Local']),
    );
  }
  if (spec.trafficDistribution != null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', goQuote(spec.trafficDistribution), ['PreferClose']));
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs and the other update-only rules of ValidateServiceUpdate. */
export function validateServiceUpdateRules(svc: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const prev = old.spec ?? {};
  if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName' && !(isHeadless(svc) && isHeadless(old))) {
    const next: string[] = spec.clusterIPs ?? [];
    const before: string[] = prev.clusterIPs ?? [];
    if (next.length === before.length) {
      before.forEach((ip, i) => {
        if (ip !== next[i])
          errs.push(invalid(index('spec.clusterIPs', i), goStrings(next), 'may not change once set'));
      });
    } else if (before.length > next.length) {
      if (next.length === 0)
        errs.push(invalid('spec.clusterIPs[0]', goStrings(next), 'primary clusterIP can not be unset'));
      else if (next[0] !== before[0])
        errs.push(invalid('spec.clusterIPs[0]', goStrings(next), 'may not change once set'));
    } else if (before.length > 0 && next[0] !== before[0]) {
      errs.push(invalid('spec.clusterIPs[0]', goStrings(next), 'may not change once set'));
    }
  }
  if (
    spec.type === 'LoadBalancer' &&
    prev.type === 'LoadBalancer' &&
    (spec.loadBalancerClass ?? null) !== (prev.loadBalancerClass ?? null)
  ) {
    errs.push(
      invalid(
        'spec.loadBalancerClass',
        spec.loadBalancerClass == null ? 'null' : goQuote(spec.loadBalancerClass),
        'may not change once set',
      ),
    );
  }
  const hc = (s: Json) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (hc(spec) && hc(prev) && spec.healthCheckNodePort !== prev.healthCheckNodePort) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}
