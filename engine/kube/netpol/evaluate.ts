// The verdict kube-network-policies gives a queued packet (sigs.k8s.io/kube-network-policies@
// 4320aa92e3f0, the version kindnetd v20250214 embeds; pkg/networkpolicy/controller.go
// evaluatePacket, networkpolicy.go evaluator/evaluateIngress/evaluateEgress): the source pod's
// egress policies, then the destination pod's ingress policies. A pod no policy selects in a
// direction is not isolated in it; policies selecting the same pod add up (any rule of any of
// them allows); a policy with no rules for a direction it lists allows nothing.
import { matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { ipBlockMatches, type PacketProtocol, portsMatch, selectorsMatch } from './peers.ts';

// biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy specs are plain JSON
type Json = any;

/** What the agent's informers hold: every NetworkPolicy, Pod and Namespace of the cluster. */
export interface PolicyWorld {
  policies: KubeObject[];
  pods: KubeObject[];
  namespaces: KubeObject[];
}

/** The headers the agent reads of a queued packet (packet.go parsePacket). */
export interface PacketTuple {
  src: string;
  dst: string;
  protocol: PacketProtocol;
  /** 0 for protocols without ports. */
  srcPort: number;
  dstPort: number;
}

type Direction = 'Ingress' | 'Egress';

/** The pod's IPs as the agent's podIPIndex lists them: none for a hostNetwork pod. */
export function indexedPodIPs(pod: KubeObject): string[] {
  const spec = pod.spec as Json;
  const status = pod.status as Json;
  if (spec?.hostNetwork) return [];
  return (status?.podIPs ?? []).map((p: { ip: string }) => p.ip);
}

/** getPodAssignedToIP(): the pod holding the address, a Running one first. */
export function podAssignedToIP(pods: KubeObject[], ip: string): KubeObject | null {
  const holders = pods.filter((p) => indexedPodIPs(p).includes(ip));
  return holders.find((p) => (p.status as Json)?.phase === 'Running') ?? holders[0] ?? null;
}

/** getNetworkPoliciesForPod(): the policies of the pod's namespace whose podSelector selects it. */
export function policiesSelecting(policies: KubeObject[], pod: KubeObject | null): KubeObject[] {
  if (!pod) return [];
  return policies.filter((np) => {
    if (np.metadata.namespace !== pod.metadata.namespace) return false;
    const selector = selectorFromObject((np.spec as Json)?.podSelector ?? {});
    return selector !== null && matches(selector, pod.metadata.labels);
  });
}

/**
 * Whether one policy's rules for a direction let the packet through. `subject` is the pod the
 * policy selects, `peer`/`peerIP` the other end; `port` is the destination port (ingress: on
 * the subject, whose named ports it resolves; egress: on the peer).
 */
function rulesAllow(
  np: KubeObject,
  direction: Direction,
  world: PolicyWorld,
  peer: KubeObject | null,
  peerIP: string,
  portPod: KubeObject | null,
  port: number,
  protocol: PacketProtocol,
): boolean {
  const spec = np.spec as Json;
  const rules: Json[] = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
  for (const rule of rules) {
    if (!portsMatch(rule.ports, portPod, port, protocol)) continue;
    const peers: Json[] = (direction === 'Ingress' ? rule.from : rule.to) ?? [];
    if (peers.length === 0) return true;
    for (const p of peers) {
      if (p.ipBlock) {
        if (ipBlockMatches(p.ipBlock, peerIP)) return true;
        continue;
      }
      // selectors only ever match pods: traffic from or to anything else passes by them
      if (!peer) continue;
      if (
        (p.podSelector || p.namespaceSelector) &&
        selectorsMatch(
          p.podSelector,
          p.namespaceSelector,
          peer,
          np.metadata.namespace ?? '',
          world.namespaces,
        )
      )
        return true;
    }
  }
  return false;
}

/**
 * evaluator(): with policies selecting the pod, traffic in `direction` is denied unless a rule
 * of one of them listing that direction in policyTypes allows it.
 */
function directionAllows(
  selecting: KubeObject[],
  direction: Direction,
  world: PolicyWorld,
  peer: KubeObject | null,
  peerIP: string,
  portPod: KubeObject | null,
  port: number,
  protocol: PacketProtocol,
): boolean {
  let verdict = true;
  for (const np of selecting) {
    const types: string[] = (np.spec as Json)?.policyTypes ?? [];
    if (!types.includes(direction)) continue;
    verdict = false;
    if (rulesAllow(np, direction, world, peer, peerIP, portPod, port, protocol)) return true;
  }
  return verdict;
}

/** evaluatePacket() without admin network policies (kindnetd leaves them off): true to accept. */
export function packetAllowed(world: PolicyWorld, pkt: PacketTuple): boolean {
  const srcPod = podAssignedToIP(world.pods, pkt.src);
  const dstPod = podAssignedToIP(world.pods, pkt.dst);
  const egress = policiesSelecting(world.policies, srcPod);
  if (!directionAllows(egress, 'Egress', world, dstPod, pkt.dst, dstPod, pkt.dstPort, pkt.protocol))
    return false;
  const ingress = policiesSelecting(world.policies, dstPod);
  return directionAllows(ingress, 'Ingress', world, srcPod, pkt.src, dstPod, pkt.dstPort, pkt.protocol);
}

/**
 * getLocalPodsForNetworkPolicy() over every policy: the IPs of the pods on `nodeName` some
 * policy selects (status.podIPs, hostNetwork pods included), which the nftables set
 * podips-v4 holds.
 */
export function localPolicedIPs(world: PolicyWorld, nodeName: string): Set<string> {
  const ips = new Set<string>();
  for (const np of world.policies) {
    const selector = selectorFromObject((np.spec as Json)?.podSelector ?? {});
    if (!selector) continue;
    for (const pod of world.pods) {
      if (pod.metadata.namespace !== np.metadata.namespace) continue;
      if ((pod.spec as Json)?.nodeName !== nodeName || !matches(selector, pod.metadata.labels)) continue;
      for (const p of (pod.status as Json)?.podIPs ?? []) if (p?.ip) ips.add(p.ip);
    }
  }
  return ips;
}
