// Describers of Service (ports with their endpoints from EndpointSlices), Endpoints and
// EndpointSlice. Follows describeService, formatEndpointSlices, describeEndpoints and
// describeEndpointSliceV1 in pkg/describe/describe.go (kubectl v0.32.4).
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import { formatLabels, type Json, printAnnotationsMultiline, printLabelsMultiline } from './format.ts';
import { int, str } from './gofmt.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString } from './writer.ts';

export interface ServiceContext extends EventContext {
  showEvents: boolean;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The EndpointSlices a list with LabelSelector kubernetes.io/service-name=<name> returns. */
export function sliceOfService(ctx: ServiceContext, namespace: string, name: string): KubeObject[] {
  return ctx
    .list('endpointslices', namespace)
    .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name);
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * formatEndpointSlices: ready addresses (host:port) of the slices' ports named in `ports` (all
 * ports when null), at most three then "+ N more...".
 */
export function formatEndpointSlices(slices: KubeObject[], ports: Set<string> | null): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (ep: Json) =>
    ep.conditions?.ready === undefined || ep.conditions?.ready === null || ep.conditions.ready;
  for (const slice of slices) {
    const s: Json = slice;
    const endpoints: Json[] = s.endpoints ?? [];
    if ((s.ports ?? []).length === 0) {
      // headless services may have no ports
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (!ready(ep)) continue;
        if (!more) list.push(str(ep.addresses?.[0]));
        count++;
      }
      continue;
    }
    for (const port of s.ports) {
      if (ports !== null && !ports.has(str(port.name))) continue;
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (!ready(ep)) continue;
        if (!more) list.push(joinHostPort(str(ep.addresses?.[0]), port.port ?? 0));
        count++;
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

function loadBalancerIngress(ingress: Json[]): string {
  return ingress
    .map((i) => {
      if (i.ip) return i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip;
      return str(i.hostname);
    })
    .join(', ');
}

export function describeService(svc: KubeObject, ctx: ServiceContext): string {
  const slices = sliceOfService(ctx, svc.metadata.namespace ?? '', svc.metadata.name ?? '');
  const events = ctx.showEvents ? searchEvents(ctx, refOf(svc)) : null;
  const spec: Json = svc.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(svc.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(svc.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${str(spec.type)}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    const families: string[] = spec.ipFamilies ?? [];
    w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${str(spec.clusterIP)}\n`);
    const clusterIPs: string[] = spec.clusterIPs ?? [];
    w.write(LEVEL_0, `IPs:\t${clusterIPs.length > 0 ? clusterIPs.join(',') : '<none>'}\n`);
    if ((spec.externalIPs ?? []).length > 0)
      w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress: Json[] = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${loadBalancerIngress(ingress)}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const proto = str(sp.protocol);
      w.write(LEVEL_0, `Port:\t${name}\t${int(sp.port)}/${proto}\n`);
      const target = sp.targetPort === undefined || sp.targetPort === null ? 0 : sp.targetPort;
      w.write(LEVEL_0, `TargetPort:\t${target}/${proto}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${int(sp.nodePort)}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([str(sp.name)]))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
    if (spec.externalTrafficPolicy)
      w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy)
      w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort)
      w.write(LEVEL_0, `HealthCheck NodePort:\t${int(spec.healthCheckNodePort)}\n`);
    if ((spec.loadBalancerSourceRanges ?? []).length > 0) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeEndpoints(ep: KubeObject, ctx: ServiceContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(ep)) : null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(ep.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(ep.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const subset of (ep.subsets as Json[] | undefined) ?? []) {
      const addresses = (subset.addresses ?? []).map((a: Json) => str(a.ip)).join(',');
      w.write(LEVEL_1, `Addresses:\t${addresses || '<none>'}\n`);
      const notReady = (subset.notReadyAddresses ?? []).map((a: Json) => str(a.ip)).join(',');
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
      if ((subset.ports ?? []).length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const port of subset.ports) {
          w.write(LEVEL_2, `${port.name || '<unset>'}\t${int(port.port)}\t${str(port.protocol)}\n`);
        }
      }
      w.write(LEVEL_0, '\n');
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeEndpointSlice(eps: KubeObject, ctx: ServiceContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(eps)) : null;
  const slice: Json = eps;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(eps.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(eps.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${str(slice.addressType)}\n`);
    const ports: Json[] = slice.ports ?? [];
    if (ports.length === 0) {
      w.write(LEVEL_0, 'Ports: <unset>\n');
    } else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const port of ports) {
        const portNum = port.port === undefined || port.port === null ? '<unset>' : String(port.port);
        w.write(LEVEL_1, `${port.name || '<unset>'}\t${portNum}\t${str(port.protocol)}\n`);
      }
    }
    const endpoints: Json[] = slice.endpoints ?? [];
    if (endpoints.length === 0) {
      w.write(LEVEL_0, 'Endpoints: <none>\n');
    } else {
      w.write(LEVEL_0, 'Endpoints:\n');
      const orUnset = (v: unknown) => (v === undefined || v === null ? '<unset>' : str(v));
      for (const ep of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        const ready = ep.conditions?.ready;
        w.write(LEVEL_3, `Ready:\t${ready === undefined || ready === null ? '<unset>' : String(ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${orUnset(ep.hostname)}\n`);
        if (ep.targetRef)
          w.write(LEVEL_2, `TargetRef:\t${str(ep.targetRef.kind)}/${str(ep.targetRef.name)}\n`);
        w.write(LEVEL_2, `NodeName:\t${orUnset(ep.nodeName)}\n`);
        w.write(LEVEL_2, `Zone:\t${orUnset(ep.zone)}\n`);
      }
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}
