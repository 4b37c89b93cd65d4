// Networking rows: Service, Ingress, IngressClass, Endpoints, EndpointSlice, NetworkPolicy
// (printService, printIngress, printIngressClass, printEndpoints, printEndpointSlice,
// printNetworkPolicy in kubernetes pkg/printers/internalversion/printers.go, 1.32).
// biome-ignore-all lint/suspicious/noExplicitAny: service specs are open JSON

import { translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { compareBytes, formatLabelSelector, formatLabels, int, listWithMore, str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

/** loadBalancerWidth: the non-wide clip of load balancer addresses. */
const LOAD_BALANCER_WIDTH = 16;

/**
 * loadBalancerStatusStringer: the distinct IPs (or hostnames) sorted and comma-joined,
 * clipped to 16 bytes unless wide. The API server always prints wide, so `kubectl get`
 * never shows the clipped form.
 */
export function loadBalancerStatusString(status: any, wide: boolean): string {
  const addresses = new Set<string>();
  for (const ingress of status?.ingress ?? []) {
    if (ingress.ip) addresses.add(ingress.ip);
    else if (ingress.hostname) addresses.add(ingress.hostname);
  }
  let result = [...addresses].sort(compareBytes).join(',');
  if (!wide && result.length > LOAD_BALANCER_WIDTH) result = `${result.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return result;
}

/** getServiceExternalIP. */
export function serviceExternalIP(service: KubeObject, wide: boolean): string {
  const spec = service.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIPs = loadBalancerStatusString(service.status?.loadBalancer, wide);
      if (externalIPs.length > 0) return [...(lbIPs ? lbIPs.split(',') : []), ...externalIPs].join(',');
      return lbIPs || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** makePortString: "80/TCP", or "80:30007/TCP" with a node port. */
export function servicePorts(ports: any[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const protocol = str(p.protocol);
      return int(p.nodePort) > 0
        ? `${int(p.port)}:${int(p.nodePort)}/${protocol}`
        : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

const serviceColumns = [
  nameColumn(),
  column('Type', 'string'),
  column('Cluster-IP', 'string'),
  column('External-IP', 'string'),
  column('Port(s)', 'string'),
  ageColumn(),
  column('Selector', 'string', { wide: true }),
];

function printService(service: KubeObject, ctx: PrintContext): Cell[] {
  const spec = service.spec ?? {};
  const clusterIP = str(spec.clusterIPs?.[0]) || str(spec.clusterIP) || '<none>';
  return [
    str(service.metadata.name),
    str(spec.type),
    clusterIP,
    serviceExternalIP(service, true),
    servicePorts(spec.ports) || '<none>',
    translateTimestampSince(service.metadata.creationTimestamp, ctx.now),
    formatLabels(spec.selector),
  ];
}

const ingressColumns = [
  nameColumn(),
  column('Class', 'string', {
    description: 'The name of the IngressClass resource that should be used for additional configuration',
  }),
  column('Hosts', 'string', {
    description: 'Hosts that incoming requests are matched against before the ingress rule',
  }),
  column('Address', 'string', {
    description: 'Address is a list containing ingress points for the load-balancer',
  }),
  column('Ports', 'string', { description: 'Ports of TLS configurations that open' }),
  ageColumn(),
];

/** formatHosts: up to three rule hosts, "*" when none, "+ N more..." counting rules. */
function formatHosts(rules: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const joined = list.join(',');
  return more ? `${joined} + ${(rules ?? []).length - max} more...` : joined;
}

function printIngress(ingress: KubeObject, ctx: PrintContext): Cell[] {
  const spec = ingress.spec ?? {};
  return [
    str(ingress.metadata.name),
    typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
    formatHosts(spec.rules),
    loadBalancerStatusString(ingress.status?.loadBalancer, true),
    (spec.tls ?? []).length > 0 ? '80, 443' : '80',
    translateTimestampSince(ingress.metadata.creationTimestamp, ctx.now),
  ];
}

const ingressClassColumns = [
  nameColumn(),
  column('Controller', 'string', { description: 'Controller that is responsible for handling this class' }),
  column('Parameters', 'string', { description: 'A reference to a resource with additional parameters' }),
  ageColumn(),
];

function printIngressClass(obj: KubeObject, ctx: PrintContext): Cell[] {
  const params = obj.spec?.parameters;
  let parameters = '<none>';
  if (params) {
    parameters = str(params.kind);
    if (typeof params.apiGroup === 'string') parameters += `.${params.apiGroup}`;
    parameters += `/${str(params.name)}`;
  }
  return [
    str(obj.metadata.name),
    str(obj.spec?.controller),
    parameters,
    translateTimestampSince(obj.metadata.creationTimestamp, ctx.now),
  ];
}

/** net.JoinHostPort: IPv6 addresses are bracketed. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints(endpoints, nil): up to three ip:port pairs, then " + N more...". */
export function formatEndpoints(subsets: any[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses: any[] = subset.addresses ?? [];
    const ports: any[] = subset.ports ?? [];
    // headless services may have no ports: print bare IPs
    const targets = ports.length === 0 ? [null] : ports;
    for (const port of targets) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(port === null ? str(address.ip) : joinHostPort(str(address.ip), int(port.port)));
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

function printEndpoints(obj: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(obj.metadata.name),
    formatEndpoints((obj as { subsets?: any[] }).subsets),
    translateTimestampSince(obj.metadata.creationTimestamp, ctx.now),
  ];
}

const endpointSliceColumns = [
  nameColumn(),
  column('AddressType', 'string'),
  column('Ports', 'string'),
  column('Endpoints', 'string'),
  ageColumn(),
];

function printEndpointSlice(obj: KubeObject, ctx: PrintContext): Cell[] {
  const slice = obj as { addressType?: string; ports?: any[]; endpoints?: any[] };
  const ports = (slice.ports ?? []).map((p) =>
    typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*',
  );
  const addresses = (slice.endpoints ?? []).flatMap((e) => (e.addresses ?? []) as string[]);
  return [
    str(obj.metadata.name),
    str(slice.addressType),
    listWithMore(ports, 3),
    listWithMore(addresses, 3),
    translateTimestampSince(obj.metadata.creationTimestamp, ctx.now),
  ];
}

const networkPolicyColumns = [nameColumn(), column('Pod-Selector', 'string'), ageColumn()];

function printNetworkPolicy(obj: KubeObject, ctx: PrintContext): Cell[] {
  return [
    str(obj.metadata.name),
    formatLabelSelector(obj.spec?.podSelector ?? {}),
    translateTimestampSince(obj.metadata.creationTimestamp, ctx.now),
  ];
}

export const servicePrinters: Record<string, KindPrinter> = {
  Service: { columns: serviceColumns, row: printService },
  Ingress: { columns: ingressColumns, row: printIngress },
  IngressClass: { columns: ingressClassColumns, row: printIngressClass },
  Endpoints: {
    columns: [nameColumn(), column('Endpoints', 'string'), ageColumn()],
    row: printEndpoints,
  },
  EndpointSlice: { columns: endpointSliceColumns, row: printEndpointSlice },
  NetworkPolicy: { columns: networkPolicyColumns, row: printNetworkPolicy },
};
