// What kube-proxy (IPv4) makes of Services and EndpointSlices before writing rules:
// pkg/proxy/service.go newBaseServiceInfo (per service port: cluster IP, node port, external
// and load-balancer IPs, source ranges, traffic policies, affinity) and
// pkg/proxy/endpointslicecache.go (endpoints per service port, deduplicated by "ip:port" and
// sorted by that string; Ready/Serving default true, Terminating false, local = nodeName).
import type { KubeObject } from '../api/types.ts';
import { endpointChain, type ServiceChains, serviceChains, servicePortNameString } from './chain-names.ts';

// biome-ignore lint/suspicious/noExplicitAny: Services and EndpointSlices are open JSON
type Json = Record<string, any>;

export interface ServicePortInfo {
  /** ServicePortName.String(), e.g. "ns1/svc1:p80". */
  name: string;
  namespace: string;
  service: string;
  /** Protocol as in the API ("TCP") and lower case for rules ("tcp"). */
  protocol: string;
  proto: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  /** CIDRs in canonical form (net.IPNet.String()). */
  sourceRanges: string[];
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  clientIPAffinity: boolean;
  stickyMaxAgeSeconds: number;
  chains: ServiceChains;
}

export interface EndpointInfo {
  ip: string;
  port: number;
  /** "ip:port" (BaseEndpointInfo.String()). */
  key: string;
  local: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  chain: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIPv4(ip: string): boolean {
  const m = IPV4.exec(ip);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

/** netutils.ParseCIDRSloppy + IPNet.String() after MapCIDRsByIPFamily's TrimSpace; null if not IPv4. */
function canonicalCIDR(text: string): string | null {
  const [ip, bits] = text.trim().split('/');
  if (!ip || bits === undefined || !isIPv4(ip) || !/^\d+$/.test(bits) || Number(bits) > 32) return null;
  const len = Number(bits);
  const n = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = (n & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.')}/${len}`;
}

/** pkg/api/v1/service/util.go ExternallyAccessible / ExternalPolicyLocal / InternalPolicyLocal. */
function externallyAccessible(spec: Json): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    ((spec.type ?? 'ClusterIP') === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0)
  );
}

/** The IPv4 service ports kube-proxy tracks (ShouldSkipService drops headless and ExternalName services). */
export function servicePorts(services: KubeObject[]): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    const spec = (svc.spec ?? {}) as Json;
    if (spec.type === 'ExternalName') continue;
    const clusterIPs: string[] = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
    const clusterIP = clusterIPs.find(isIPv4);
    if (!clusterIP || spec.clusterIP === 'None') continue;
    const namespace = svc.metadata.namespace ?? 'default';
    const service = svc.metadata.name ?? '';
    const externalPolicyLocal = externallyAccessible(spec) && spec.externalTrafficPolicy === 'Local';
    const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
    const clientIPAffinity = spec.sessionAffinity === 'ClientIP';
    const status = (svc.status ?? {}) as Json;
    const ingress: Array<{ ip?: string; ipMode?: string }> = status.loadBalancer?.ingress ?? [];
    for (const port of (spec.ports ?? []) as Array<Json>) {
      const name = servicePortNameString(namespace, service, port.name ?? '');
      const protocol = port.protocol ?? 'TCP';
      const proto = protocol.toLowerCase();
      out.push({
        name,
        namespace,
        service,
        protocol,
        proto,
        clusterIP,
        port: port.port,
        nodePort: port.nodePort ?? 0,
        externalIPs: (spec.externalIPs ?? []).filter(isIPv4),
        // IsVIPMode: an ingress without ipMode, or ipMode VIP, is a VIP
        loadBalancerVIPs: ingress
          .filter((i) => i.ip && (i.ipMode === undefined || i.ipMode === 'VIP') && isIPv4(i.ip))
          .map((i) => i.ip as string),
        sourceRanges: ((spec.loadBalancerSourceRanges ?? []) as string[])
          .map(canonicalCIDR)
          .filter((c): c is string => c !== null),
        healthCheckNodePort:
          spec.type === 'LoadBalancer' && externalPolicyLocal ? (spec.healthCheckNodePort ?? 0) : 0,
        externalPolicyLocal,
        internalPolicyLocal,
        clientIPAffinity,
        stickyMaxAgeSeconds: clientIPAffinity
          ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800)
          : 0,
        chains: serviceChains(name, proto),
      });
    }
  }
  return out;
}

/** Endpoints per "name/protocol" key of a service port, from the IPv4 EndpointSlices. */
export function endpointsByServicePort(slices: KubeObject[], nodeName: string): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    const s = slice as Json;
    if (s.addressType !== 'IPv4') continue;
    const service = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!service) continue;
    const namespace = slice.metadata.namespace ?? 'default';
    for (const port of (s.ports ?? []) as Array<Json>) {
      if (port.name === undefined || port.name === null) continue;
      if (!port.port) continue;
      const name = servicePortNameString(namespace, service, port.name);
      const protocol = port.protocol ?? 'TCP';
      const key = `${name}/${protocol}`;
      const set = sets.get(key) ?? new Map<string, EndpointInfo>();
      sets.set(key, set);
      for (const ep of (s.endpoints ?? []) as Array<Json>) {
        const ip = ep.addresses?.[0];
        if (!ip) continue;
        const c = ep.conditions ?? {};
        const terminating = c.terminating === true;
        const epKey = `${ip}:${port.port}`;
        const info: EndpointInfo = {
          ip,
          port: port.port,
          key: epKey,
          local: !!nodeName && ep.nodeName === nodeName,
          ready: c.ready !== false,
          serving: c.serving !== false,
          terminating,
          chain: endpointChain(name, protocol.toLowerCase(), epKey),
        };
        if (!set.has(epKey) || !terminating) set.set(epKey, info);
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) {
    if (!set.size) continue;
    out.set(
      key,
      [...set.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
  }
  return out;
}

/** The key endpointsByServicePort files a service port's endpoints under. */
export function servicePortKey(sp: ServicePortInfo): string {
  return `${sp.name}/${sp.protocol}`;
}
