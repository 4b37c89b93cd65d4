// The Service strategy: SetDefaults_Service (pkg/apis/core/v1/defaults.go), the REST storage's
// IP family initialisation and ClusterIP / NodePort allocation (pkg/registry/core/service/storage:
// initIPFamilyFields, allocIPs, initNodePorts, patchAllocatedValues) and ValidateService.
import { type FieldError, invalid as invalidError } from '../errors.ts';
import { registerStrategy, type StrategyContext } from '../strategy.ts';
import { markCreating, takeCreating } from './creating.ts';
import { goQuote, goStrings, invalid } from './field.ts';
import { type Json, sameJson, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNS1035Label } from './names.ts';
import {
  allocateIP,
  allocateNextIP,
  allocateNextPort,
  allocatePort,
  releaseIP,
  releasePort,
} from './serviceAlloc.ts';
import {
  externallyAccessible,
  validateServiceSpec,
  validateServiceUpdateRules,
} from './serviceValidation.ts';

/** The ClusterIPs kind gives its bootstrap Services (kubeadm: first and tenth of the range). */
const WELL_KNOWN_IPS: Record<string, string> = {
  'default/kubernetes': '10.96.0.1',
  'kube-system/kube-dns': '10.96.0.10',
};

/** SetDefaults_Service. */
function defaultService(svc: Json): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/** normalizeClusterIPs: clusterIP and clusterIPs[0] carry the same address. */
function normalizeClusterIPs(spec: Json): void {
  if (spec.clusterIP && !(spec.clusterIPs ?? []).length) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && (spec.clusterIPs ?? []).length) spec.clusterIP = spec.clusterIPs[0];
}

/** initIPFamilyFields (pkg/registry/core/service/storage/alloc.go) for a single-stack IPv4 cluster. */
function initIPFamilies(svc: Json): FieldError[] {
  const spec = svc.spec;
  // alloc.go initIPFamilyFields: "can not do anything here" for ExternalName; validation rejects set fields.
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  if (spec.ipFamilyPolicy === 'RequireDualStack') {
    errs.push(
      invalid(
        'spec.ipFamilyPolicy',
        goQuote('RequireDualStack'),
        'this cluster is not configured for dual-stack services',
      ),
    );
  }
  (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
    if (f !== 'IPv4')
      errs.push(invalid(`spec.ipFamilies[${i}]`, goQuote(f), 'not configured on this cluster'));
  });
  if (errs.length > 0) return errs;
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (!(spec.ipFamilies ?? []).length) spec.ipFamilies = ['IPv4'];
  return [];
}

function needsNodePorts(spec: Json): boolean {
  return (
    spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)
  );
}

function needsClusterIP(spec: Json): boolean {
  return spec.type !== 'ExternalName';
}

/** needsNodePort of storage.go: by type only. */
function typeNeedsNodePort(spec: Json): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer';
}

function needsHCNodePort(spec: Json): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

function nodePortSet(spec: Json): Set<number> {
  return new Set<number>((spec.ports ?? []).map((p: Json) => p.nodePort).filter(Boolean));
}

/** patchAllocatedValues (pkg/registry/core/service/storage/storage.go): omitted allocated values keep the old ones. */
function patchAllocatedValues(spec: Json, prev: Json): void {
  if (needsClusterIP(prev) && needsClusterIP(spec)) {
    if (!spec.clusterIP) spec.clusterIP = prev.clusterIP;
    if (!(spec.clusterIPs ?? []).length && (prev.clusterIPs ?? []).length) spec.clusterIPs = prev.clusterIPs;
  }
  if (typeNeedsNodePort(prev) && typeNeedsNodePort(spec)) {
    const newPorts = nodePortSet(spec);
    const used = new Set([...nodePortSet(prev)].filter((p) => newPorts.has(p)));
    const byName = new Map<string, number>();
    for (const p of prev.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const oldVal = byName.get(p.name ?? '') ?? 0;
      if (oldVal && !used.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHCNodePort(prev) && needsHCNodePort(spec) && !spec.healthCheckNodePort)
    spec.healthCheckNodePort = prev.healthCheckNodePort;
}

/** updateNodePorts (pkg/registry/core/service/storage/alloc.go): new values are allocated, kept ones are not. */
function updateNodePorts(svc: Json, prev: Json, ctx: StrategyContext): void {
  const spec = svc.spec;
  const oldPorts = typeNeedsNodePort(prev) ? nodePortSet(prev) : new Set<number>();
  const allocated = new Set<number>();
  (spec.ports ?? []).forEach((p: Json, i: number) => {
    if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === false && !p.nodePort) return;
    if (p.nodePort) {
      if (!oldPorts.has(p.nodePort) && !allocated.has(p.nodePort)) {
        const err = allocatePort(ctx, p.nodePort);
        if (err) fail(svc, [invalid(`spec.ports[${i}].nodePort`, String(p.nodePort), err)]);
        allocated.add(p.nodePort);
      }
      return;
    }
    const port = allocateNextPort(ctx);
    if (!port)
      throw invalidError('', 'Service', svc.metadata.name ?? '', [
        {
          field: 'spec.ports',
          type: 'Internal error',
          detail: 'failed to allocate a nodePort: range is full',
        },
      ]);
    p.nodePort = port;
  });
}

/** dropTypeDependentFields (pkg/registry/core/service/strategy.go): wipes values the type change made moot. */
function dropTypeDependentFields(svc: Json, old: Json): void {
  const spec = svc.spec;
  const prev = old.spec ?? {};
  if (needsClusterIP(prev) && !needsClusterIP(spec)) {
    if (
      sameJson(spec.clusterIPs ?? [], prev.clusterIPs ?? []) &&
      (spec.clusterIP ?? '') === (prev.clusterIP ?? '')
    ) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameJson(spec.ipFamilies ?? [], prev.ipFamilies ?? [])) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === prev.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (typeNeedsNodePort(prev) && !typeNeedsNodePort(spec)) {
    const oldPorts = nodePortSet(prev);
    if ([...nodePortSet(spec)].every((p) => oldPorts.has(p)))
      for (const p of spec.ports ?? []) delete p.nodePort;
    if ((spec.healthCheckNodePort ?? 0) === (prev.healthCheckNodePort ?? 0)) delete spec.healthCheckNodePort;
  }
  if (needsHCNodePort(prev) && !needsHCNodePort(spec)) {
    if ((spec.healthCheckNodePort ?? 0) === (prev.healthCheckNodePort ?? 0)) delete spec.healthCheckNodePort;
  }
  if (prev.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (
      spec.allocateLoadBalancerNodePorts !== undefined &&
      spec.allocateLoadBalancerNodePorts === prev.allocateLoadBalancerNodePorts
    )
      delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass === prev.loadBalancerClass)
      delete spec.loadBalancerClass;
  }
  if (typeNeedsNodePort(prev) && !typeNeedsNodePort(spec)) {
    if (spec.externalTrafficPolicy === prev.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer') svc.status = { ...(svc.status ?? {}), loadBalancer: {} };
}

function fail(svc: Json, errs: FieldError[]): never {
  throw invalidError('', 'Service', svc.metadata.name ?? '', errs);
}

/** Allocates the ClusterIP (given or random) of a new Service. */
function allocateClusterIP(svc: Json, ctx: StrategyContext): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName' || spec.clusterIP === 'None') {
    if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
    return;
  }
  const wellKnown = WELL_KNOWN_IPS[`${svc.metadata.namespace}/${svc.metadata.name}`];
  const requested: string = spec.clusterIP || wellKnown || '';
  if (requested) {
    const err = allocateIP(ctx, requested);
    if (err)
      fail(svc, [
        invalid(
          'spec.clusterIPs',
          goStrings(spec.clusterIPs ?? [requested]),
          `failed to allocate IP ${requested}: ${err}`,
        ),
      ]);
    spec.clusterIP = requested;
  } else {
    const ip = allocateNextIP(ctx);
    if (!ip)
      throw invalidError('', 'Service', svc.metadata.name ?? '', [
        {
          field: 'spec.clusterIPs',
          type: 'Internal error',
          detail: 'failed to allocate a serviceIP: range is full',
        },
      ]);
    spec.clusterIP = ip;
  }
  spec.clusterIPs = [spec.clusterIP];
}

/** initNodePorts: ports sharing a port number share a node port; given ones are reserved. */
function allocateNodePorts(svc: Json, ctx: StrategyContext, keep: Map<number, number> = new Map()): void {
  const spec = svc.spec;
  const byPort = new Map<number, number>();
  const ports: Json[] = spec.ports ?? [];
  ports.forEach((p, i) => {
    if (!p.nodePort && !needsNodePorts(spec)) return;
    const assigned = byPort.get(p.port);
    if (assigned) {
      p.nodePort ||= assigned;
      return;
    }
    const requested =
      p.nodePort || ports.slice(i).find((o) => o.port === p.port && o.nodePort)?.nodePort || 0;
    if (requested) {
      if (keep.get(p.port) !== requested) {
        const err = allocatePort(ctx, requested);
        if (err) fail(svc, [invalid(`spec.ports[${i}].nodePort`, String(requested), err)]);
      }
      p.nodePort = requested;
    } else {
      const port = allocateNextPort(ctx);
      if (!port)
        throw invalidError('', 'Service', svc.metadata.name ?? '', [
          {
            field: 'spec.ports',
            type: 'Internal error',
            detail: 'failed to allocate a nodePort: range is full',
          },
        ]);
      p.nodePort = port;
    }
    byPort.set(p.port, p.nodePort);
  });
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) {
    spec.healthCheckNodePort = allocateNextPort(ctx) ?? 0;
  }
}

function allocatedPorts(svc: Json): number[] {
  const ports = (svc.spec?.ports ?? []).map((p: Json) => p.nodePort).filter(Boolean);
  if (svc.spec?.healthCheckNodePort) ports.push(svc.spec.healthCheckNodePort);
  return [...new Set<number>(ports)];
}

function release(svc: Json, ctx: StrategyContext): void {
  for (const ip of svc.spec?.clusterIPs ?? []) if (ip !== 'None') releaseIP(ctx, ip);
  for (const port of allocatedPorts(svc)) releasePort(ctx, port);
}

/** Services allocated by prepareForCreate whose validation then failed are released. */
const pending = new WeakMap<object, StrategyContext>();
/** Updates between prepareForUpdate and validateUpdate, with the Service they replace. */
const updates = new WeakMap<object, { ctx: StrategyContext; old: Json }>();

registerStrategy('Service', {
  generation: false,
  prepareForCreate(svc, ctx) {
    defaultService(svc);
    normalizeClusterIPs(svc.spec);
    const familyErrs = initIPFamilies(svc);
    if (familyErrs.length > 0) fail(svc, familyErrs);
    // An existing name fails later with AlreadyExists; do not leak addresses for it.
    if (!ctx.lookup('services', svc.metadata.namespace ?? 'default', svc.metadata.name ?? '')) {
      allocateClusterIP(svc, ctx);
      try {
        if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') allocateNodePorts(svc, ctx);
      } catch (e) {
        release(svc, ctx);
        throw e;
      }
      pending.set(svc, ctx);
    }
    svc.status = { loadBalancer: {} };
    markCreating(svc);
  },
  prepareForUpdate(svc, old, ctx) {
    // storage.go beginUpdate runs before the strategy's PrepareForUpdate (generic store Update).
    defaultService(svc);
    const spec = svc.spec;
    const prev = old.spec ?? {};
    patchAllocatedValues(spec, prev);
    normalizeClusterIPs(spec);
    if (needsClusterIP(spec)) {
      if (!needsClusterIP(prev) || (!spec.clusterIP && !(spec.clusterIPs ?? []).length)) {
        const errs = initIPFamilies(svc);
        if (errs.length > 0) fail(svc, errs);
        allocateClusterIP(svc, ctx);
      } else {
        spec.ipFamilies ??= prev.ipFamilies;
        spec.ipFamilyPolicy ??= prev.ipFamilyPolicy;
      }
    }
    if (typeNeedsNodePort(spec)) updateNodePorts(svc, prev, ctx);
    if (needsHCNodePort(spec) && !spec.healthCheckNodePort)
      spec.healthCheckNodePort = allocateNextPort(ctx) ?? 0;
    dropTypeDependentFields(svc, old);
    updates.set(svc, { ctx, old });
  },
  validate(svc) {
    // ValidateServiceUpdate runs its own checks before ValidateService: updates validate there.
    if (!takeCreating(svc)) return [];
    const errs = [...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label), ...validateServiceSpec(svc)];
    const ctx = pending.get(svc);
    pending.delete(svc);
    if (ctx && errs.length > 0) release(svc, ctx);
    return errs;
  },
  validateUpdate(svc, old) {
    const errs = [
      ...validateObjectMetaUpdate(svc.metadata, old.metadata),
      ...validateServiceUpdateRules(svc, old),
      ...validateServiceSpec(svc),
    ];
    const pendingUpdate = updates.get(svc);
    updates.delete(svc);
    // The allocator transaction: keep the new values and free the old on success, else undo.
    if (pendingUpdate) {
      const [keep, drop] = errs.length === 0 ? [svc, pendingUpdate.old] : [pendingUpdate.old, svc];
      const kept = new Set([...(keep.spec?.clusterIPs ?? []), ...allocatedPorts(keep).map(String)]);
      for (const ip of drop.spec?.clusterIPs ?? [])
        if (ip !== 'None' && !kept.has(ip)) releaseIP(pendingUpdate.ctx, ip);
      for (const port of allocatedPorts(drop))
        if (!kept.has(String(port))) releasePort(pendingUpdate.ctx, port);
    }
    return errs;
  },
  afterDelete(svc, ctx) {
    release(svc, ctx);
  },
});
