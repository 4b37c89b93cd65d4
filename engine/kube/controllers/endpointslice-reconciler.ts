// The EndpointSlice reconciler (staging/src/k8s.io/endpointslice reconciler.go and utils.go,
// v1.32): turns a Service's selected pods into the slices to create, update and delete —
// slices grouped by port set, at most maxEndpointsPerSlice endpoints each, existing slices
// updated in place, leftovers packed into the fullest slice that fits, and an empty
// placeholder slice when nothing is left.
//
// Go walks its endpoint sets and slice-name sets in map order (random); the engine walks
// pods and slices in the API server's list order (by name) so runs are reproducible.
import {
  type ApiObject,
  findPort,
  HEADLESS_LABEL,
  isServiceIPSet,
  type Json,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpoints-common.ts';

/** discovery.LabelServiceName and discovery.LabelManagedBy. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** controllerQualifiedName of pkg/controller/endpointslice. */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** v1.LabelTopologyZone. */
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface SliceChanges {
  create: ApiObject[];
  update: ApiObject[];
  delete: ApiObject[];
  /** Pods left out because their Node does not exist (the sync is retried). */
  missingNodes: string[];
}

/** getAddressTypesForService: from spec.ipFamilies, else the ClusterIP's family, else both. */
export function addressTypesOf(svc: ApiObject): string[] {
  const families: string[] = svc.spec?.ipFamilies ?? [];
  const types = [...new Set(families.map((f) => (f === 'IPv6' ? 'IPv6' : 'IPv4')))];
  if (types.length > 0) return types;
  if (isServiceIPSet(svc)) return [svc.spec.clusterIP.includes(':') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/** getEndpointPorts: each Service port the pod resolves; none for a headless Service without ports. */
function endpointPorts(svc: ApiObject, pod: ApiObject): Json[] {
  const out: Json[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: Json = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** NewPortMapKey: the port set, independent of order. */
function portMapKey(ports: Json[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => JSON.stringify([p.name ?? null, p.port ?? null, p.protocol ?? null, p.appProtocol ?? null]))
    .sort()
    .join('|');
}

/** hashEndpoint: what identifies an endpoint across syncs (addresses, hostname, pod). */
function endpointKey(ep: Json): string {
  return JSON.stringify([
    [...(ep.addresses ?? [])].sort(),
    ep.hostname ?? '',
    ep.targetRef?.namespace ?? '',
    ep.targetRef?.name ?? '',
  ]);
}

/** EndpointsEqualBeyondHash: nodeName, zone, conditions and targetRef. */
function sameBeyondKey(a: Json, b: Json): boolean {
  const c = (e: Json) => [e.conditions?.ready, e.conditions?.serving, e.conditions?.terminating];
  const ref = (e: Json) =>
    e.targetRef
      ? [e.targetRef.kind, e.targetRef.namespace, e.targetRef.name, e.targetRef.uid, e.targetRef.apiVersion]
      : null;
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    JSON.stringify(c(a)) === JSON.stringify(c(b)) &&
    JSON.stringify(ref(a)) === JSON.stringify(ref(b))
  );
}

/** podToEndpoint: terminating pods stay, ready only with publishNotReadyAddresses. */
function podToEndpoint(
  pod: ApiObject,
  node: ApiObject | undefined,
  svc: ApiObject,
  addressType: string,
): Json {
  const serving =
    pod.status?.conditions?.some((c: Json) => c.type === 'Ready' && c.status === 'True') ?? false;
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ips: string[] = (pod.status?.podIPs ?? []).map((p: Json) => p.ip);
  const ep: Json = {
    addresses: ips.filter((ip) => ip.includes(':') === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = {
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}

/** setEndpointSliceLabels: the Service's labels plus the reserved ones; whether they changed. */
function sliceLabels(slice: ApiObject | null, svc: ApiObject): [Record<string, string>, boolean] {
  const reserved = (k: string) => k === SERVICE_NAME_LABEL || k === MANAGED_BY_LABEL || k === HEADLESS_LABEL;
  const own = Object.entries(slice?.metadata.labels ?? {}).filter(([k]) => !reserved(k));
  const fromService = Object.entries(svc.metadata.labels ?? {}).filter(([k]) => !reserved(k));
  const canon = (e: Array<[string, string]>) => JSON.stringify([...e].sort(([a], [b]) => (a < b ? -1 : 1)));
  const changed = canon(own) !== canon(fromService);
  const labels: Record<string, string> = Object.fromEntries(fromService);
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name ?? '';
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return [labels, changed];
}

/** getEndpointSlicePrefix: "<service>-" unless that is no longer a valid name prefix. */
function slicePrefix(name: string): string {
  return name.length + 1 > 253 ? name : `${name}-`;
}

/** newEndpointSlice: an unnamed slice owned by the Service. */
function newSlice(svc: ApiObject, ports: Json[], addressType: string): ApiObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: slicePrefix(svc.metadata.name ?? ''),
      namespace: svc.metadata.namespace,
      labels: sliceLabels(null, svc)[0],
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: svc.metadata.name ?? '',
          uid: svc.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** ownedBy: an ownerReference to this Service (by UID, kind Service, apiVersion v1). */
export function ownedBy(slice: ApiObject, svc: ApiObject): boolean {
  return (slice.metadata.ownerReferences ?? []).some(
    (o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1',
  );
}

function copySlice(slice: ApiObject): ApiObject {
  return JSON.parse(JSON.stringify(slice));
}

/** Reconcile: the changes that make the existing slices represent `pods`. */
export function reconcileSlices(
  svc: ApiObject,
  pods: ApiObject[],
  existing: ApiObject[],
  nodeOf: (name: string) => ApiObject | undefined,
): SliceChanges {
  const changes: SliceChanges = { create: [], update: [], delete: [], missingNodes: [] };
  const types = addressTypesOf(svc);
  const byType = new Map<string, ApiObject[]>();
  for (const slice of existing) {
    if (!types.includes(slice.addressType)) changes.delete.push(slice);
    else byType.set(slice.addressType, [...(byType.get(slice.addressType) ?? []), slice]);
  }
  for (const type of types) reconcileByAddressType(svc, pods, byType.get(type) ?? [], type, nodeOf, changes);
  return changes;
}

function reconcileByAddressType(
  svc: ApiObject,
  pods: ApiObject[],
  existing: ApiObject[],
  addressType: string,
  nodeOf: (name: string) => ApiObject | undefined,
  out: SliceChanges,
): void {
  const toCreate: ApiObject[] = [];
  const toUpdate: ApiObject[] = [];
  const toDelete: ApiObject[] = [];
  const existingByPorts = new Map<string, ApiObject[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, svc)) {
      toDelete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), slice]);
  }

  const desired = new Map<string, { ports: Json[]; endpoints: Map<string, Json> }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    let group = desired.get(key);
    if (!group) {
      group = { ports, endpoints: new Map() };
      desired.set(key, group);
    }
    const node = nodeOf(pod.spec?.nodeName ?? '');
    if (!node && svc.spec?.publishNotReadyAddresses !== true) {
      out.missingNodes.push(pod.metadata.name ?? '');
      continue;
    }
    const ep = podToEndpoint(pod, node, svc, addressType);
    if (ep.addresses.length > 0) group.endpoints.set(endpointKey(ep), ep);
  }

  for (const [key, group] of desired) {
    const r = reconcileByPortMapping(
      svc,
      existingByPorts.get(key) ?? [],
      group.endpoints,
      group.ports,
      addressType,
    );
    toCreate.push(...r.create);
    toUpdate.push(...r.update);
    toDelete.push(...r.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desired.has(key)) toDelete.push(...slices);

  // with no slice left, an empty placeholder stands for the Service
  if (existing.length === toDelete.length && toCreate.length === 0) {
    const placeholder = newSlice(svc, [], addressType);
    if (toDelete.length === 1 && isPlaceholderOf(toDelete[0], placeholder)) toDelete.length = 0;
    else toCreate.push(placeholder);
  }
  finalize(svc, toCreate, toUpdate, toDelete);
  out.create.push(...toCreate);
  out.update.push(...toUpdate);
  out.delete.push(...toDelete);
}

/** placeholderSliceCompare: same namespace and labels, no endpoints, no ports. */
function isPlaceholderOf(slice: ApiObject, placeholder: ApiObject): boolean {
  const canon = (l: Record<string, string> | undefined) => JSON.stringify(Object.entries(l ?? {}).sort());
  return (
    slice.metadata.namespace === placeholder.metadata.namespace &&
    canon(slice.metadata.labels) === canon(placeholder.metadata.labels) &&
    slice.addressType === placeholder.addressType &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0
  );
}

/** finalize's first step: creates become updates of slices that would be deleted. */
function finalize(svc: ApiObject, toCreate: ApiObject[], toUpdate: ApiObject[], toDelete: ApiObject[]): void {
  for (let i = 0; i < toDelete.length && toCreate.length > 0; ) {
    const doomed = toDelete[i];
    const slice = toCreate[toCreate.length - 1];
    if (doomed.addressType === slice.addressType && ownedBy(doomed, svc)) {
      slice.metadata.name = doomed.metadata.name;
      toCreate.pop();
      toUpdate.push(slice);
      toDelete.splice(i, 1);
    } else i++;
  }
}

function reconcileByPortMapping(
  svc: ApiObject,
  existing: ApiObject[],
  desired: Map<string, Json>,
  ports: Json[],
  addressType: string,
): { create: ApiObject[]; update: ApiObject[]; delete: ApiObject[] } {
  const byName = new Map<string, ApiObject>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();
  const max = MAX_ENDPOINTS_PER_SLICE;

  // 1. keep the endpoints still desired (in their new form), drop the rest
  for (const slice of existing) {
    const name = slice.metadata.name ?? '';
    byName.set(name, slice);
    const kept: Json[] = [];
    let changed = false;
    for (const ep of slice.endpoints ?? []) {
      const key = endpointKey(ep);
      const want = desired.get(key);
      if (!want) continue;
      kept.push(want);
      if (!sameBeyondKey(want, ep)) changed = true;
      desired.delete(key);
    }
    const [labels, labelsChanged] = sliceLabels(slice, svc);
    if (changed || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.add(name);
      else {
        const copy = copySlice(slice);
        copy.endpoints = kept;
        copy.metadata.labels = labels;
        byName.set(name, copy);
        toUpdate.add(name);
      }
    } else if (labelsChanged) {
      const copy = copySlice(slice);
      copy.metadata.labels = labels;
      byName.set(name, copy);
      toUpdate.add(name);
    } else unchanged.add(name);
  }

  const pending = [...desired.values()];
  // 2. top up the slices being updated anyway, fullest first
  if (pending.length > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].map((n) => byName.get(n) as ApiObject);
    slices.sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
    for (const slice of slices) {
      slice.endpoints ??= [];
      while (pending.length > 0 && slice.endpoints.length < max) slice.endpoints.push(pending.shift());
    }
  }

  // 3. the rest goes into the unchanged slice closest to full that fits it all, or new slices
  const create: ApiObject[] = [];
  while (pending.length > 0) {
    let fill: ApiObject | undefined;
    if (pending.length < max && unchanged.size > 0) {
      const candidate = sliceToFill(
        [...unchanged].map((n) => byName.get(n) as ApiObject),
        pending.length,
        max,
      );
      if (candidate) {
        fill = copySlice(candidate);
        byName.set(fill.metadata.name ?? '', fill);
      }
    }
    fill ??= newSlice(svc, ports, addressType);
    fill.endpoints ??= [];
    while (pending.length > 0 && fill.endpoints.length < max) fill.endpoints.push(pending.shift());
    if (fill.metadata.name) {
      toUpdate.add(fill.metadata.name);
      unchanged.delete(fill.metadata.name);
    } else create.push(fill);
  }
  return {
    create,
    update: [...toUpdate].map((n) => byName.get(n) as ApiObject),
    delete: [...toDelete].map((n) => byName.get(n) as ApiObject),
  };
}

/** getSliceToFill: the slice left closest to full after adding `count` endpoints. */
function sliceToFill(slices: ApiObject[], count: number, max: number): ApiObject | undefined {
  let closest = max;
  let best: ApiObject | undefined;
  for (const slice of slices) {
    const diff = max - (count + (slice.endpoints ?? []).length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      best = slice;
      if (diff === 0) break;
    }
  }
  return best;
}
