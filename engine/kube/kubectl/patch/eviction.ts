// The pods/eviction subresource (policy/v1 Eviction) as the API server answers it
// (pkg/registry/core/pod/storage/eviction.go): PodDisruptionBudget checks, 429 when a budget
// forbids the disruption, and the pod's deletion when it is allowed.
import { matches, selectorFromObject } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../api/types.ts';
import { notFound, StatusError } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { scaledValue } from '../../workloads/int-or-string.ts';
import { isPodReady } from '../../workloads/pods.ts';

export interface BudgetStatus {
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  disruptionsAllowed: number;
  observedGeneration: number;
}

/** createTooManyRequestsError / checkAndDecrement's 429 text. */
export const BUDGET_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(): StatusError {
  return new StatusError(429, 'TooManyRequests', BUDGET_VIOLATION);
}

/** The replicas the pod's controller wants (the disruption controller's getExpectedScale finders). */
function controllerScale(cluster: Cluster, pod: KubeObject): { uid: string; replicas: number } | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace ?? '';
  const byKind: Record<string, string> = {
    ReplicaSet: 'replicasets',
    StatefulSet: 'statefulsets',
    ReplicationController: 'replicationcontrollers',
  };
  const resource = byKind[ref.kind];
  if (!resource) return undefined;
  const owner = cluster.store.peek(cluster.type(resource), ns, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const deployRef = owner.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    const deploy = deployRef && cluster.store.peek(cluster.type('deployments'), ns, deployRef.name);
    if (deploy && deploy.metadata.uid === deployRef?.uid)
      return { uid: deploy.metadata.uid ?? '', replicas: deploy.spec?.replicas ?? 1 };
  }
  return { uid: owner.metadata.uid ?? '', replicas: owner.spec?.replicas ?? 1 };
}

/**
 * A budget's status as the disruption controller (pkg/controller/disruption) computes it:
 * healthy pods are ready and not being deleted; the expected count comes from the pods'
 * controllers when the budget is a percentage or maxUnavailable. Used when no controller
 * maintains PodDisruptionBudget status in this cluster.
 */
export function computeBudgetStatus(cluster: Cluster, pdb: KubeObject): BudgetStatus {
  const selector = selectorFromObject(pdb.spec?.selector);
  const pods = selector
    ? cluster.store.scan(cluster.type('pods'), pdb.metadata.namespace, { labelSelector: selector })
    : [];
  const disrupted = pdb.status?.disruptedPods ?? {};
  const currentHealthy = pods.filter(
    (p) => !p.metadata.deletionTimestamp && !((p.metadata.name ?? '') in disrupted) && isPodReady(p),
  ).length;
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  let expectedPods = pods.length;
  let desiredHealthy = 0;
  let failed = false;
  const expectedScale = () => {
    const seen = new Map<string, number>();
    for (const p of pods) {
      const scale = controllerScale(cluster, p);
      if (!scale) failed = true;
      else seen.set(scale.uid, scale.replicas);
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
  if (maxUnavailable !== undefined) {
    expectedPods = expectedScale();
    desiredHealthy = Math.max(0, expectedPods - scaledValue(maxUnavailable, expectedPods, true));
  } else if (typeof minAvailable === 'number') {
    desiredHealthy = minAvailable;
  } else if (typeof minAvailable === 'string') {
    expectedPods = expectedScale();
    desiredHealthy = scaledValue(minAvailable, expectedPods, true);
  }
  const disruptionsAllowed = failed ? 0 : Math.max(0, currentHealthy - desiredHealthy);
  return {
    currentHealthy,
    desiredHealthy,
    expectedPods,
    disruptionsAllowed,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
}

function budgetsFor(cluster: Cluster, pod: KubeObject): KubeObject[] {
  return cluster.store.scan(cluster.type('poddisruptionbudgets'), pod.metadata.namespace).filter((pdb) => {
    const selector = selectorFromObject(pdb.spec?.selector);
    // an empty selector matches nothing here (eviction.go getPodDisruptionBudgets)
    return selector !== null && selector.length > 0 && matches(selector, pod.metadata.labels);
  });
}

/** Terminal, pending or deleting pods are deleted without a budget check (canIgnorePDB). */
function canIgnoreBudget(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return (
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    phase === 'Pending' ||
    Boolean(pod.metadata.deletionTimestamp)
  );
}

export interface EvictOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
}

/** POST pods/NAME/eviction: throws the API server's error, or deletes the pod. */
export function evictPod(
  cluster: Cluster,
  namespace: string,
  name: string,
  options: EvictOptions = {},
): void {
  const podType = cluster.type('pods');
  const pod = cluster.store.peek(podType, namespace, name);
  if (!pod) throw notFound('', 'pods', name);
  const remove = () =>
    cluster.store.delete(podType, namespace, name, {
      dryRun: options.dryRun,
      gracePeriodSeconds: options.gracePeriodSeconds,
    });
  if (canIgnoreBudget(pod)) {
    remove();
    return;
  }
  const budgets = budgetsFor(cluster, pod);
  if (budgets.length > 1)
    throw new StatusError(
      500,
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  const pdb = budgets[0];
  if (pdb) {
    const maintained = pdb.status?.observedGeneration !== undefined;
    const status = maintained ? (pdb.status as BudgetStatus) : computeBudgetStatus(cluster, pdb);
    const unreadyButCovered =
      !isPodReady(pod) && status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0;
    if (!unreadyButCovered) {
      if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests();
      if (status.disruptionsAllowed <= 0) throw tooManyRequests();
      if (maintained && !options.dryRun) {
        cluster.store.mutate(
          cluster.type('poddisruptionbudgets'),
          namespace,
          pdb.metadata.name ?? '',
          (o) => {
            o.status.disruptionsAllowed = status.disruptionsAllowed - 1;
            o.status.disruptedPods = { ...(o.status.disruptedPods ?? {}), [name]: rfc3339(cluster.now()) };
          },
          // the eviction handler's loopback client: "kube-apiserver"
          { status: true, manager: 'kube-apiserver' },
        );
      }
    }
  }
  remove();
}
