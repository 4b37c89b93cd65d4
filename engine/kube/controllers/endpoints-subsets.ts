// RepackSubsets (pkg/api/v1/endpoints/util.go): folds one-address, one-port subsets into the
// canonical Endpoints layout — addresses that offer the same set of ports share a subset, an
// address not ready on any port of the set is listed under notReadyAddresses.
//
// Kubernetes orders ports and subsets by the MD5 of their spew dump; the engine keeps ports
// in the Service's order and orders subsets by their JSON text. Addresses are sorted as
// Kubernetes does: by IP (bytewise), then targetRef UID.
import type { Json } from './endpoints-common.ts';

export interface SubsetEntry {
  address: Json;
  /** null for a headless Service without ports (RepackSubsets' Port -1 sentinel). */
  port: Json | null;
  ready: boolean;
}

function addressKey(a: Json): string {
  return `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
}

/** LessEndpointAddress: by IP bytes, then an address without targetRef first, then by UID. */
export function compareAddresses(a: Json, b: Json): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  const ua = a.targetRef.uid ?? '';
  const ub = b.targetRef.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

export function repackSubsets(entries: SubsetEntry[]): Json[] {
  const addresses = new Map<string, Json>();
  const byPort = new Map<string, { port: Json | null; ready: Map<string, boolean> }>();
  for (const { address, port, ready } of entries) {
    const key = addressKey(address);
    if (!addresses.has(key)) addresses.set(key, address);
    const portKey = port === null ? '' : JSON.stringify(port);
    let slot = byPort.get(portKey);
    if (!slot) {
      slot = { port, ready: new Map() };
      byPort.set(portKey, slot);
    }
    // not ready on any entry wins over ready
    if (slot.ready.get(key) !== false) slot.ready.set(key, ready);
  }

  // ports offered by exactly the same addresses (with the same readiness) share a subset
  const groups = new Map<string, { ready: Map<string, boolean>; ports: Json[] }>();
  for (const { port, ready } of byPort.values()) {
    const groupKey = [...ready.entries()]
      .map(([k, r]) => `${k}\u0000${r}`)
      .sort()
      .join('\u0001');
    let group = groups.get(groupKey);
    if (!group) {
      group = { ready, ports: [] };
      groups.set(groupKey, group);
    }
    if (port !== null) group.ports.push(port);
  }

  const subsets: Json[] = [];
  for (const { ready, ports } of groups.values()) {
    const readyList: Json[] = [];
    const notReadyList: Json[] = [];
    for (const [key, isReady] of ready) {
      const address = addresses.get(key) as Json;
      (isReady ? readyList : notReadyList).push(address);
    }
    const subset: Json = {};
    if (readyList.length > 0) subset.addresses = readyList.sort(compareAddresses);
    if (notReadyList.length > 0) subset.notReadyAddresses = notReadyList.sort(compareAddresses);
    if (ports.length > 0) subset.ports = ports;
    subsets.push(subset);
  }
  const text = subsets.map((s) => JSON.stringify(s));
  return subsets
    .map((s, i) => ({ s, t: text[i] }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
    .map(({ s }) => s);
}
