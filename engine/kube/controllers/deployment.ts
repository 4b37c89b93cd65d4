// The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
// named with the pod-template-hash, rolled by RollingUpdate within maxSurge/maxUnavailable
// or by Recreate, with revisions, pause, and the Available/Progressing conditions.
import { matches, selectorFromObject } from '../api/selectors.ts';
import { type Condition, type KubeObject, parseTime, rfc3339 } from '../api/types.ts';
import { type Cluster, controllerOf, controllerRef } from '../cluster.ts';
import { canonical, computeHash } from '../workloads/hash.ts';
import { resolveFenceposts } from '../workloads/int-or-string.ts';
import { isPodActive } from '../workloads/pods.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

/** The template a ReplicaSet runs, without the hash label, for comparison with a Deployment's. */
export function templateWithoutHash(template: KubeObject['spec']): unknown {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

export function revisionOf(obj: KubeObject): number {
  return Number(obj.metadata.annotations?.[REVISION] ?? 0) || 0;
}

export function startDeploymentController(cluster: Cluster): void {
  const queue = new WorkQueue();
  const dType = cluster.type('deployments');
  const rsType = cluster.type('replicasets');
  const podType = cluster.type('pods');
  const source = { component: 'deployment-controller' };

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === dType) queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    else if (event.resource === rsType) {
      const owner = controllerOf(obj);
      if (owner?.kind === 'Deployment') queue.add(keyOf(obj.metadata.namespace, owner.name));
    } else if (event.resource === podType && event.type === 'DELETED') {
      // Recreate waits for old pods to be gone
      const rsRef = controllerOf(obj);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = cluster.store.peek(rsType, obj.metadata.namespace ?? '', rsRef.name);
      const owner = rs && controllerOf(rs);
      if (owner?.kind === 'Deployment') queue.add(keyOf(obj.metadata.namespace, owner.name));
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const [ns, name] = splitKey(key);
    const d = cluster.store.peek(dType, ns, name);
    if (d && !d.metadata.deletionTimestamp) sync(d);
    return true;
  });

  function ownedSets(d: KubeObject): KubeObject[] {
    const selector = selectorFromObject(d.spec?.selector) ?? [];
    const out: KubeObject[] = [];
    for (const rs of cluster.store.scan(rsType, d.metadata.namespace)) {
      const ref = controllerOf(rs);
      if (ref?.uid === d.metadata.uid) out.push(rs);
      else if (!ref && selector.length > 0 && matches(selector, rs.metadata.labels)) {
        cluster.store.mutate(
          rsType,
          rs.metadata.namespace ?? '',
          rs.metadata.name ?? '',
          (o) => {
            o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), controllerRef(d)];
          },
          { manager: 'kube-controller-manager' },
        );
        out.push(cluster.store.peek(rsType, rs.metadata.namespace ?? '', rs.metadata.name ?? '') ?? rs);
      }
    }
    return out.sort(
      (a, b) =>
        parseTime(a.metadata.creationTimestamp) - parseTime(b.metadata.creationTimestamp) ||
        ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1),
    );
  }

  function findNewSet(d: KubeObject, sets: KubeObject[]): KubeObject | undefined {
    // deployment util EqualIgnoreHash: a semantic comparison, whatever the key order
    const want = canonical(d.spec?.template);
    return sets.find((rs) => canonical(templateWithoutHash(rs.spec?.template)) === want);
  }

  function scale(d: KubeObject, rs: KubeObject, replicas: number, maxSurge: number): KubeObject {
    const from = rs.spec?.replicas ?? 0;
    const desired = String(d.spec?.replicas ?? 1);
    const max = String((d.spec?.replicas ?? 1) + maxSurge);
    const annotationsOk =
      rs.metadata.annotations?.[DESIRED] === desired && rs.metadata.annotations?.[MAX] === max;
    if (from === replicas && annotationsOk) return rs;
    const updated = cluster.store.mutate(
      rsType,
      rs.metadata.namespace ?? '',
      rs.metadata.name ?? '',
      (o) => {
        o.spec.replicas = replicas;
        o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DESIRED]: desired, [MAX]: max };
      },
      { manager: 'kube-controller-manager' },
    );
    if (from !== replicas) {
      const verb = replicas > from ? 'up' : 'down';
      cluster.events.record({
        object: d,
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${replicas}`,
        source,
      });
    }
    return updated;
  }

  function createNewSet(d: KubeObject, sets: KubeObject[], replicas: number, maxSurge: number): KubeObject {
    const collision = d.status?.collisionCount;
    const hash = computeHash(d.spec?.template, collision);
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
    const maxRevision = Math.max(0, ...sets.map(revisionOf));
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
      if (k === 'kubectl.kubernetes.io/last-applied-configuration' || k === REVISION) continue;
      annotations[k] = v;
    }
    annotations[DESIRED] = String(d.spec?.replicas ?? 1);
    annotations[MAX] = String((d.spec?.replicas ?? 1) + maxSurge);
    annotations[REVISION] = String(maxRevision + 1);
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec?.template?.metadata?.labels ?? {}), [HASH_LABEL]: hash },
        annotations,
        ownerReferences: [controllerRef(d)],
      },
      spec: { replicas, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    if (!rs.spec.minReadySeconds) delete rs.spec.minReadySeconds;
    const created = cluster.store.create(rs, { manager: 'kube-controller-manager' });
    if (replicas > 0) {
      cluster.events.record({
        object: d,
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
        source,
      });
    }
    return (
      cluster.store.peek(rsType, created.metadata.namespace ?? '', created.metadata.name ?? '') ?? created
    );
  }

  function sync(d: KubeObject): void {
    const desired: number = d.spec?.replicas ?? 1;
    const strategy = d.spec?.strategy ?? {};
    const [maxSurge, maxUnavailable] =
      strategy.type === 'Recreate'
        ? [0, 0]
        : resolveFenceposts(
            strategy.rollingUpdate?.maxSurge,
            strategy.rollingUpdate?.maxUnavailable,
            desired,
          );
    let sets = ownedSets(d);
    let newRS = findNewSet(d, sets);
    const paused = d.spec?.paused === true;
    let created = false;
    if (!newRS && !paused) {
      const oldPods = sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      let initial = desired;
      if (strategy.type === 'Recreate') initial = oldPods > 0 ? 0 : desired;
      else if (oldPods > 0) initial = Math.max(0, Math.min(desired, desired + maxSurge - oldPods));
      newRS = createNewSet(d, sets, initial, maxSurge);
      created = true;
      sets = ownedSets(d);
    } else if (
      newRS &&
      revisionOf(newRS) <= Math.max(0, ...sets.filter((s) => s !== newRS).map(revisionOf))
    ) {
      // rolling back to an old template: the set becomes the newest revision again
      const next = Math.max(0, ...sets.map(revisionOf)) + 1;
      newRS = cluster.store.mutate(
        rsType,
        newRS.metadata.namespace ?? '',
        newRS.metadata.name ?? '',
        (o) => {
          o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [REVISION]: String(next) };
          const cause = d.metadata.annotations?.[CHANGE_CAUSE];
          if (cause) o.metadata.annotations[CHANGE_CAUSE] = cause;
        },
        { manager: 'kube-controller-manager' },
      );
      sets = ownedSets(d);
      newRS = sets.find((s) => s.metadata.uid === newRS?.metadata.uid);
    }
    const olds = sets.filter((s) => s.metadata.uid !== newRS?.metadata.uid);

    if (paused || !newRS) {
      // a paused deployment only scales its sets proportionally; the simplest correct case:
      if (newRS && olds.every((o) => (o.spec?.replicas ?? 0) === 0)) scale(d, newRS, desired, maxSurge);
    } else if (strategy.type === 'Recreate') {
      for (const rs of olds) if ((rs.spec?.replicas ?? 0) > 0) scale(d, rs, 0, 0);
      const oldPodsLeft = olds.some(
        (rs) =>
          cluster.store
            .scan(podType, d.metadata.namespace)
            .some((p) => controllerOf(p)?.uid === rs.metadata.uid && isPodActive(p)) ||
          (rs.status?.replicas ?? 0) > 0,
      );
      if (!oldPodsLeft) newRS = scale(d, newRS, desired, 0);
    } else {
      // reconcileNewReplicaSet
      const current = newRS.spec?.replicas ?? 0;
      if (current > desired) newRS = scale(d, newRS, desired, maxSurge);
      else if (current < desired) {
        const total = sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
        const room = desired + maxSurge - total;
        if (room > 0) newRS = scale(d, newRS, current + Math.min(room, desired - current), maxSurge);
        else scale(d, newRS, current, maxSurge);
      } else scale(d, newRS, current, maxSurge);
      // reconcileOldReplicaSets
      const oldTotal = olds.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
      if (oldTotal > 0) {
        const all = [newRS, ...olds];
        const allPods = all.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
        const minAvailable = desired - maxUnavailable;
        const newUnavailable = (newRS.spec?.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
        let budget = allPods - minAvailable - newUnavailable;
        if (budget > 0) {
          // cleanupUnhealthyReplicas: unavailable old pods go first
          for (const rs of olds) {
            if (budget <= 0) break;
            const replicas = rs.spec?.replicas ?? 0;
            const unhealthy = replicas - (rs.status?.availableReplicas ?? 0);
            if (replicas === 0 || unhealthy <= 0) continue;
            const cut = Math.min(budget, unhealthy);
            scale(d, rs, replicas - cut, maxSurge);
            budget -= cut;
          }
          // then available ones while enough stay available
          const available = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
          let down = available - minAvailable;
          for (const rs of ownedSets(d).filter((s) => s.metadata.uid !== newRS?.metadata.uid)) {
            if (down <= 0) break;
            const replicas = rs.spec?.replicas ?? 0;
            if (replicas === 0) continue;
            const cut = Math.min(down, replicas);
            scale(d, rs, replicas - cut, maxSurge);
            down -= cut;
          }
        }
      }
    }
    cleanupHistory(d);
    updateStatus(d, created);
  }

  function cleanupHistory(d: KubeObject): void {
    const limit: number = d.spec?.revisionHistoryLimit ?? 10;
    const sets = ownedSets(d);
    const newUid = findNewSet(d, sets)?.metadata.uid;
    const idle = sets
      .filter(
        (rs) =>
          rs.metadata.uid !== newUid &&
          (rs.spec?.replicas ?? 0) === 0 &&
          (rs.status?.replicas ?? 0) === 0 &&
          !rs.metadata.deletionTimestamp,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      cluster.store.delete(rsType, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    }
  }

  function updateStatus(d: KubeObject, created: boolean): void {
    const now = rfc3339(cluster.now());
    const sets = ownedSets(d);
    const newRS = findNewSet(d, sets);
    const desired: number = d.spec?.replicas ?? 1;
    const sum = (f: string) => sets.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);
    const replicas = sum('replicas');
    const available = sum('availableReplicas');
    const ready = sum('readyReplicas');
    const updated = newRS?.status?.replicas ?? 0;
    const strategy = d.spec?.strategy ?? {};
    const [, maxUnavailable] =
      strategy.type === 'Recreate'
        ? [0, 0]
        : resolveFenceposts(
            strategy.rollingUpdate?.maxSurge,
            strategy.rollingUpdate?.maxUnavailable,
            desired,
          );
    const conditions: Condition[] = structuredClone(d.status?.conditions ?? []);
    const set = (c: Condition) => {
      const cur = conditions.find((x) => x.type === c.type);
      if (cur && cur.status === c.status && cur.reason === c.reason) return;
      const next = {
        ...c,
        lastUpdateTime: now,
        lastTransitionTime: cur && cur.status === c.status ? cur.lastTransitionTime : now,
      };
      const i = conditions.findIndex((x) => x.type === c.type);
      if (i >= 0) conditions.splice(i, 1);
      conditions.push(next);
    };
    const minAvailable = desired - maxUnavailable;
    if (available >= minAvailable)
      set({
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      });
    else
      set({
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      });
    if (newRS && !d.spec?.paused) {
      const name = newRS.metadata.name;
      const complete =
        updated === desired &&
        replicas === desired &&
        available === desired &&
        (newRS.spec?.replicas ?? 0) === desired;
      if (complete)
        set({
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}" has successfully progressed.`,
        });
      else if (created)
        set({
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetCreated',
          message: `Created new replica set "${name}"`,
        });
      else
        set({
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${name}" is progressing.`,
        });
    } else if (d.spec?.paused) {
      set({
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      });
    }
    const status: Record<string, unknown> = { observedGeneration: d.metadata.generation };
    if (replicas) status.replicas = replicas;
    if (updated) status.updatedReplicas = updated;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    const unavailable = Math.max(0, desired - available);
    if (unavailable) status.unavailableReplicas = unavailable;
    status.conditions = conditions;
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    const revision = newRS ? String(revisionOf(newRS)) : undefined;
    const needsRevision = revision !== undefined && d.metadata.annotations?.[REVISION] !== revision;
    if (needsRevision) {
      cluster.store.mutate(
        dType,
        d.metadata.namespace ?? '',
        d.metadata.name ?? '',
        (o) => {
          o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [REVISION]: revision };
          // sync.go getNewReplicaSet writes the revision annotation with UpdateStatus
        },
        { manager: 'kube-controller-manager', status: true },
      );
      d = cluster.store.peek(dType, d.metadata.namespace ?? '', d.metadata.name ?? '') ?? d;
    }
    if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) return;
    cluster.store.mutate(
      dType,
      d.metadata.namespace ?? '',
      d.metadata.name ?? '',
      (o) => {
        o.status = status;
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }
}
