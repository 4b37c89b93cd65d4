// pkg/proxy/topology.go CategorizeEndpoints: which endpoints a service port uses for Cluster
// and Local traffic policy on this node, falling back to serving-terminating endpoints when
// none is ready. Topology hints are not modelled (kind nodes carry no zone label, so
// topologyModeFromHints returns "" there).
import type { EndpointInfo, ServicePortInfo } from './service-ports.ts';

/** BaseServicePortInfo.ExternallyAccessible. */
export function externallyAccessible(sp: ServicePortInfo): boolean {
  return sp.nodePort !== 0 || sp.loadBalancerVIPs.length > 0 || sp.externalIPs.length > 0;
}

export function usesClusterEndpoints(sp: ServicePortInfo): boolean {
  return !sp.internalPolicyLocal || externallyAccessible(sp);
}

export function usesLocalEndpoints(sp: ServicePortInfo): boolean {
  return sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp));
}

export interface Categorized {
  cluster: EndpointInfo[];
  local: EndpointInfo[];
  allReachable: EndpointInfo[];
  hasAny: boolean;
}

export function categorizeEndpoints(endpoints: EndpointInfo[], sp: ServicePortInfo): Categorized {
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(sp)) {
    cluster = endpoints.filter((ep) => ep.ready);
    if (!cluster.length) cluster = endpoints.filter((ep) => ep.serving && ep.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(sp)) return { cluster, local, allReachable: cluster, hasAny };
  let localReady = false;
  let localServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAny = true;
      if (ep.local) localReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAny = true;
      if (ep.local) localServingTerminating = true;
    }
  }
  let servingTerminating = false;
  if (localReady) local = endpoints.filter((ep) => ep.local && ep.ready);
  else if (localServingTerminating) {
    servingTerminating = true;
    local = endpoints.filter((ep) => ep.local && ep.serving && ep.terminating);
  }
  if (!usesClusterEndpoints(sp)) return { cluster, local, allReachable: local, hasAny };
  if (!servingTerminating) return { cluster, local, allReachable: cluster, hasAny };
  // The union; Go builds it from a map (random order), here it is sorted by "ip:port".
  const union = new Map<string, EndpointInfo>();
  for (const ep of [...cluster, ...local]) union.set(ep.key, ep);
  const allReachable = [...union.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { cluster, local, allReachable, hasAny };
}
