// Describers of networking.k8s.io objects: Ingress (rules with resolved backends), IngressClass
// and NetworkPolicy. Follows describeIngressV1, describeIngressClassV1 and describeNetworkPolicy
// in pkg/describe/describe.go (kubectl v0.32.4).
import type { KubeObject } from '../api/types.ts';
import { describeEvents, refOf, searchEvents } from './events.ts';
import { formatLabelSelector, type Json, printAnnotationsMultiline, printLabelsMultiline } from './format.ts';
import { str } from './gofmt.ts';
import { sortStrings } from './gosort.ts';
import { formatEndpointSlices, type ServiceContext, sliceOfService } from './service.ts';
import { formatGoTimeString, parseGoTime } from './time.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, type PrefixWriter, tabbedString } from './writer.ts';

export interface NetworkingContext extends ServiceContext {
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
}

/** describeBackendV1: "svc:port (endpoints)", a resource reference, or "". */
function describeBackend(ns: string, backend: Json, ctx: NetworkingContext): string {
  if (backend?.service) {
    const svcRef = backend.service;
    const port = svcRef.port ?? {};
    const sb = `${str(svcRef.name)}:${port.number ? port.number : str(port.name)}`;
    const slices = sliceOfService(ctx, ns, str(svcRef.name));
    const service = ctx.get('services', ns, str(svcRef.name));
    if (!service) return `${sb} (<error: services "${str(svcRef.name)}" not found>)`;
    let spName = '';
    for (const sp of service.spec?.ports ?? []) {
      if (port.number && port.number === sp.port) spName = str(sp.name);
      else if (port.name && port.name === sp.name) spName = str(sp.name);
    }
    return `${sb} (${formatEndpointSlices(slices, new Set([spName]))})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    const group = r.apiGroup === undefined || r.apiGroup === null ? '<none>' : str(r.apiGroup);
    return `APIGroup: ${group}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
  }
  return '';
}

/** ingressLoadBalancerStatusStringerV1 (wide): sorted unique IPs or hostnames. */
function ingressAddress(status: Json): string {
  const set = new Set<string>();
  for (const i of status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return sortStrings([...set]).join(',');
}

export function describeIngress(ing: KubeObject, ctx: NetworkingContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(ing)) : null;
  const ns = ing.metadata.namespace ?? '';
  const spec: Json = ing.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(ing.metadata.name)}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${ingressAddress(ing.status)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const defaultBackend = spec.defaultBackend ? describeBackend(ns, spec.defaultBackend, ctx) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    if ((spec.tls ?? []).length > 0) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of spec.tls) {
        const hosts = (t.hosts ?? []).join(',');
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${hosts}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${hosts}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
      for (const path of rule.http.paths ?? []) {
        w.write(LEVEL_2, `\t${str(path.path)} \t${describeBackend(ns, path.backend, ctx)}\n`);
      }
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeIngressClass(ic: KubeObject, ctx: NetworkingContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(ic)) : null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(ic.metadata.name)}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${str(ic.spec?.controller)}\n`);
    const params = ic.spec?.parameters;
    if (params) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (params.apiGroup !== undefined && params.apiGroup !== null)
        w.write(LEVEL_1, `APIGroup:\t${str(params.apiGroup)}\n`);
      w.write(LEVEL_1, `Kind:\t${str(params.kind)}\n`);
      w.write(LEVEL_1, `Name:\t${str(params.name)}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

function printPorts(ports: Json[], indent: string, w: PrefixWriter): void {
  if (ports.length === 0) {
    w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const port of ports) {
    const proto = port.protocol ?? 'TCP';
    const p = port.port === undefined || port.port === null ? '<nil>' : String(port.port);
    if (port.endPort === undefined || port.endPort === null)
      w.write(LEVEL_0, `${indent}To Port: ${p}/${proto}\n`);
    else w.write(LEVEL_0, `${indent}To Port Range: ${p}-${port.endPort}/${proto}\n`);
  }
}

function printPeers(peers: Json[], label: 'From' | 'To', indent: string, w: PrefixWriter): void {
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${label}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${str(peer.ipBlock.cidr)}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

function printRules(rules: Json[], direction: 'ingress' | 'egress', indent: string, w: PrefixWriter): void {
  if (rules.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    printPorts(rule.ports ?? [], indent, w);
    const peers: Json[] = (direction === 'ingress' ? rule.from : rule.to) ?? [];
    if (peers.length === 0) {
      const what =
        direction === 'ingress'
          ? 'From: <any> (traffic not restricted by source)'
          : 'To: <any> (traffic not restricted by destination)';
      w.write(LEVEL_0, `${indent}${what}\n`);
    } else {
      printPeers(peers, direction === 'ingress' ? 'From' : 'To', indent, w);
    }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KubeObject): string {
  const spec: Json = np.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(np.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(np.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Created on:\t${formatGoTimeString(parseGoTime(np.metadata.creationTimestamp))}\n`);
    printLabelsMultiline(w, 'Labels', np.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
    w.write(LEVEL_0, 'Spec:\n');
    w.write(LEVEL_1, 'PodSelector: ');
    const sel = spec.podSelector ?? {};
    if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
    } else {
      w.write(LEVEL_2, `${formatLabelSelector(sel)}\n`);
    }
    const types: string[] | undefined = spec.policyTypes;
    if ((types ?? []).includes('Ingress')) {
      w.write(LEVEL_1, 'Allowing ingress traffic:\n');
      printRules(spec.ingress ?? [], 'ingress', '    ', w);
    } else {
      w.write(LEVEL_1, 'Not affecting ingress traffic\n');
    }
    if ((types ?? []).includes('Egress')) {
      w.write(LEVEL_1, 'Allowing egress traffic:\n');
      printRules(spec.egress ?? [], 'egress', '    ', w);
    } else {
      w.write(LEVEL_1, 'Not affecting egress traffic\n');
    }
    w.write(LEVEL_1, `Policy Types: ${types ? types.join(', ') || '<none>' : '<none>'}\n`);
  });
}
