// The mutating admission plugins a kind 1.32 API server runs on new pods: ServiceAccount
// (plugin/pkg/admission/serviceaccount/admission.go: default account and the kube-api-access
// projected volume), DefaultTolerationSeconds and Priority; and the pod's QoS class
// (pkg/apis/core/helper/qos/qos.go) that PrepareForCreate records in status.

import { compareQuantities, parseQuantity, type Quantity } from '../../api/quantity.ts';
import { forbidden } from '../errors.ts';
import type { StrategyContext } from '../strategy.ts';
import type { Json } from './meta.ts';

/** names.SimpleNameGenerator's alphabet (k8s.io/apiserver/pkg/storage/names). */
const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds. */
const TOKEN_EXPIRATION = 3607;

export function randomSuffix(random: StrategyContext['random']): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[random.int(NAME_CHARS.length)];
  return s;
}

/** ServiceAccount admission: serviceAccountName defaults to "default", the token volume is mounted. */
export function admitServiceAccount(pod: Json, ctx: StrategyContext): void {
  const spec = pod.spec;
  const ns = pod.metadata.namespace ?? 'default';
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const sa: Json = ctx.lookup('serviceaccounts', ns, spec.serviceAccountName);
  // The "default" account is created by a controller right after the namespace; the simulator
  // does not fail pods created before it runs.
  if (!sa && spec.serviceAccountName !== 'default') {
    throw forbidden(
      '',
      'pods',
      pod.metadata.name,
      `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  }
  // Pods without pull secrets get the service account's.
  if (!(spec.imagePullSecrets ?? []).length && (sa?.imagePullSecrets ?? []).length) {
    spec.imagePullSecrets = sa.imagePullSecrets.map((s: Json) => ({ name: s.name }));
  }
  const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
  if (!automount) return;
  mountServiceAccountToken(spec, ctx);
}

/** mountServiceAccountToken: every container without a mount at the token path gets one. */
function mountServiceAccountToken(spec: Json, ctx: StrategyContext): void {
  const existing = (spec.volumes ?? []).find((v: Json) => String(v.name).startsWith('kube-api-access-'));
  const name: string = existing?.name ?? `kube-api-access-${randomSuffix(ctx.random)}`;
  let needsVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m: Json) => m.mountPath === SA_MOUNT_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: SA_MOUNT_PATH, name, readOnly: true }];
    needsVolume = true;
  }
  if (existing || !needsVolume) return;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 0o644,
        sources: [
          { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          {
            downwardAPI: {
              items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
            },
          },
        ],
      },
    },
  ];
}

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300s. */
export function admitDefaultTolerations(pod: Json): void {
  const tolerations: Json[] = pod.spec.tolerations ?? [];
  const tolerates = (taint: string) =>
    tolerations.some((t) => (t.key === taint || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const added: Json[] = [];
  for (const taint of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(taint))
      added.push({ effect: 'NoExecute', key: taint, operator: 'Exists', tolerationSeconds: 300 });
  }
  if (added.length > 0) pod.spec.tolerations = [...tolerations, ...added];
}

/** The built-in PriorityClasses (pkg/apis/scheduling: SystemPriorityClasses). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** Priority admission: the integer priority and preemption policy from the class (0 without one). */
export function admitPriority(pod: Json, ctx: StrategyContext): void {
  const spec = pod.spec;
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  const className: string | undefined = spec.priorityClassName;
  if (className) {
    if (className in SYSTEM_PRIORITY_CLASSES) {
      priority = SYSTEM_PRIORITY_CLASSES[className];
    } else {
      const pc: Json = ctx.lookup('priorityclasses', '', className);
      if (!pc)
        throw forbidden('', 'pods', pod.metadata.name, `no PriorityClass with name ${className} was found`);
      priority = pc.value ?? 0;
      policy = pc.preemptionPolicy ?? policy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw forbidden(
      '',
      'pods',
      pod.metadata.name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  if (spec.preemptionPolicy && spec.preemptionPolicy !== policy && className) {
    throw forbidden(
      '',
      'pods',
      pod.metadata.name,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  spec.preemptionPolicy = spec.preemptionPolicy ?? policy;
}

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort from cpu and memory requests and limits. */
export function podQOSClass(spec: Json): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (m: Map<string, Quantity>, name: string, q: Quantity) => {
    const prev = m.get(name);
    m.set(name, prev ? prev.add(q) : q);
  };
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [name, v] of Object.entries(c.resources?.requests ?? {})) {
      const q = parseQuantity(v as string);
      if ((name === 'cpu' || name === 'memory') && q && q.nanos !== 0n) add(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
      const q = parseQuantity(v as string);
      if ((name === 'cpu' || name === 'memory') && q && q.nanos !== 0n) {
        found.add(name);
        add(limits, name, q);
      }
    }
    if (!(found.has('cpu') && found.has('memory'))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
