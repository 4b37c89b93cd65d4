// What one NetworkPolicy rule matches, as kube-network-policies (the agent kindnetd v20250214
// embeds, sigs.k8s.io/kube-network-policies@4320aa92e3f0 pkg/networkpolicy/networkpolicy.go)
// decides it: a peer's pod and namespace selectors, an ipBlock with its exceptions, and the
// port list (numbers, ranges up to endPort, names looked up in the pod's container ports).

import { inSubnet, parseIpv4, parseIpv4Prefix } from '../../net/inet.ts';
import { matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';

/** The protocol of a packet as the agent's parsePacket() names it; '' for anything but TCP, UDP, SCTP. */
export type PacketProtocol = 'TCP' | 'UDP' | 'SCTP' | '';

// biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy and Pod specs are plain JSON
type Json = any;

/**
 * evaluateIPBlocks(): the address lies in the CIDR and in none of the exceptions. Like Go's
 * net.ParseCIDR, an IPv6 CIDR never holds an IPv4 address, and text that does not parse as a
 * CIDR (the API server refuses it) counts as a match.
 */
export function ipBlockMatches(ipBlock: Json, ip: string): boolean {
  if (!ipBlock) return true;
  const addr = parseIpv4(ip);
  const holds = (cidr: string): boolean | null => {
    if (typeof cidr !== 'string' || !cidr.includes('/')) return null;
    if (cidr.includes(':')) return false;
    const net = parseIpv4Prefix(cidr);
    if (!net) return null;
    return addr !== null && inSubnet(addr, net.addr, net.prefix);
  };
  const inCidr = holds(ipBlock.cidr);
  if (inCidr === null) return true;
  if (!inCidr) return false;
  for (const except of ipBlock.except ?? []) {
    const inExcept = holds(except);
    if (inExcept === null) return true;
    if (inExcept) return false;
  }
  return true;
}

/**
 * evaluateSelectors(): a podSelector alone selects pods of the policy's own namespace; with a
 * namespaceSelector, pods of the namespaces it selects (an empty one selects every namespace).
 */
export function selectorsMatch(
  podSelector: Json,
  namespaceSelector: Json,
  pod: KubeObject,
  policyNamespace: string,
  namespaces: KubeObject[],
): boolean {
  if (podSelector) {
    const selector = selectorFromObject(podSelector);
    if (selector && !matches(selector, pod.metadata.labels)) return false;
    if (!namespaceSelector) return pod.metadata.namespace === policyNamespace;
  }
  if (namespaceSelector) {
    const selector = selectorFromObject(namespaceSelector);
    if (!selector || selector.length === 0) return true;
    return namespaces.some(
      (ns) => ns.metadata.name === pod.metadata.namespace && matches(selector, ns.metadata.labels),
    );
  }
  return true;
}

/** A port given as a number or a numeric string, as intstr.IntValue() reads it (0 for a name). */
function intValue(port: number | string): number {
  if (typeof port === 'number') return port;
  return /^[+-]?\d+$/.test(port) ? Number(port) : 0;
}

/**
 * evaluatePorts(): an empty list matches every port; otherwise one entry must match the
 * protocol and then the port: any port, the same number, a container port of `pod` with that
 * name (and protocol), or a number above `port` up to `endPort`.
 */
export function portsMatch(
  ports: Json[] | undefined,
  pod: KubeObject | null,
  port: number,
  protocol: PacketProtocol,
): boolean {
  if (!ports || ports.length === 0) return true;
  for (const p of ports) {
    // SetDefaults_NetworkPolicy gives every port a protocol (TCP)
    if (protocol !== (p.protocol ?? 'TCP')) continue;
    if (p.port === undefined || p.port === null) return true;
    const number = intValue(p.port);
    if (port === number) return true;
    if (pod && typeof p.port === 'string' && p.port !== '') {
      for (const c of (pod.spec as Json)?.containers ?? [])
        for (const cp of c.ports ?? [])
          if (cp.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol)
            return true;
    }
    if (typeof p.endPort === 'number' && port > number && port <= p.endPort) return true;
  }
  return false;
}
