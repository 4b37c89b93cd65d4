// The objects kubectl expose and kubectl autoscale build from an existing object
// (pkg/cmd/expose createService with polymorphichelpers' selector/port/protocol
// introspection, and pkg/cmd/autoscale createHorizontalPodAutoscaler, v0.32.4).
import type { ResourceType } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../context.ts';

const EXPOSABLE = ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'];

interface ContainerPort {
  containerPort: number;
  protocol?: string;
}

function podSpecOf(obj: KubeObject): { containers?: Array<{ ports?: ContainerPort[] }> } | undefined {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** MapBasedSelectorForObject. */
function selectorFor(obj: KubeObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      return { ...(obj.metadata.labels ?? {}) };
    case 'Service':
    case 'ReplicationController':
      return { ...(obj.spec?.selector ?? {}) };
    default: {
      const sel = obj.spec?.selector;
      if (sel?.matchExpressions?.length)
        throw new KubectlError(
          `error: couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`,
        );
      return { ...(sel?.matchLabels ?? {}) };
    }
  }
}

/** PortsForObject and ProtocolsForObject: the ports (as strings) and each port's protocols. */
function portsFor(obj: KubeObject): { ports: string[]; protocols: Map<string, string[]> } {
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  const add = (port: number, protocol: string | undefined) => {
    const key = String(port);
    ports.push(key);
    protocols.set(key, [...(protocols.get(key) ?? []), protocol ?? 'TCP']);
  };
  if (obj.kind === 'Service') {
    for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  } else {
    for (const c of podSpecOf(obj)?.containers ?? [])
      for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  }
  return { ports, protocols };
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new KubectlError(`error: unexpected label spec: ${part}`);
    if (kv[0] === '') throw new KubectlError('error: unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

export interface ExposeOptions {
  port?: string;
  targetPort?: string;
  type?: string;
  name?: string;
  protocol?: string;
  selector?: string;
  labels?: string;
  clusterIP?: string;
  externalIP?: string;
  sessionAffinity?: string;
}

/** The Service kubectl expose creates for `obj`. */
export function buildService(obj: KubeObject, o: ExposeOptions): KubeObject {
  if (!EXPOSABLE.includes(obj.kind)) throw new KubectlError(`error: cannot expose a ${obj.kind}`);
  const selector = o.selector ? parseLabels(o.selector) : selectorFor(obj);
  if (Object.keys(selector).length === 0) throw new KubectlError('error: selector must be specified');
  const headless = o.clusterIP === 'None';
  const introspected = portsFor(obj);
  let portList: string[] = o.port ? [o.port] : introspected.ports;
  if (!o.port && portList.length === 0) {
    if (!headless) throw new KubectlError("error: couldn't find port via --port flag or introspection");
    portList = [];
  }
  const protocolMap = introspected.protocols;
  const servicePorts: Array<Record<string, unknown>> = [];
  portList.forEach((text, i) => {
    const port = Number(text);
    if (!/^-?\d+$/.test(text))
      throw new KubectlError(`error: strconv.Atoi: parsing "${text}": invalid syntax`);
    const name = portList.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = o.protocol;
    if (!protocol) {
      const found = protocolMap.get(text);
      protocol = found?.length === 1 ? found[0] : 'TCP';
      if (found && found.length > 1) {
        for (const p of found)
          servicePorts.push({ name: `port-${i + 1}-${p.toLowerCase()}`, port, protocol: p });
        return;
      }
    }
    servicePorts.push(name ? { name, port, protocol } : { port, protocol });
  });
  for (const p of servicePorts) {
    const target = o.targetPort;
    p.targetPort = target === undefined ? p.port : /^\d+$/.test(target) ? Number(target) : target;
  }
  const labels = o.labels ? parseLabels(o.labels) : obj.metadata.labels;
  const spec: Record<string, unknown> = { ports: servicePorts, selector };
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.type) spec.type = o.type;
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP')
      throw new KubectlError(`error: unknown session affinity: ${o.sessionAffinity}`);
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  // the default name is the object's, cut to a DNS-1035 label's 63 characters
  const name = o.name || (obj.metadata.name ?? '').slice(0, 63);
  const metadata: Record<string, unknown> = { creationTimestamp: null };
  if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
  metadata.name = name;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec: sortKeys(spec), status: { loadBalancer: {} } };
}

function sortKeys(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((k) => [k, map[k]]),
  );
}

export interface AutoscaleOptions {
  min: number;
  max: number;
  cpuPercent: number;
  name?: string;
}

/** The autoscaling/v1 HorizontalPodAutoscaler kubectl autoscale sends. */
export function buildAutoscaler(type: ResourceType, targetName: string, o: AutoscaleOptions): KubeObject {
  const spec: Record<string, unknown> = {
    maxReplicas: o.max,
    ...(o.min > 0 ? { minReplicas: o.min } : {}),
    scaleTargetRef: {
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      kind: type.kind,
      name: targetName,
    },
    ...(o.cpuPercent >= 0 ? { targetCPUUtilizationPercentage: o.cpuPercent } : {}),
  };
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { creationTimestamp: null, name: o.name || targetName },
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}
