// The StatefulSet controller (pkg/controller/statefulset, v1.32 stateful_set_control.go,
// stateful_pod_control.go, stateful_set_utils.go): pods <set>-<ordinal> with stable hostnames and
// claims <template>-<set>-<ordinal>, created in order and removed from the highest ordinal
// (OrderedReady) or all at once (Parallel), ControllerRevisions, RollingUpdate with partition and
// OnDelete, the PVC retention policy, and the set's status.
import type { KubeObject } from '../api/types.ts';
import { type Cluster, controllerOf, controllerRef } from '../cluster.ts';
import { availableAt, isPodAvailable, isPodReady, podFromTemplate } from '../workloads/pods.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';
import { equalRevision, newRevision, templateOf } from './statefulset-revisions.ts';

const SOURCE = { component: 'statefulset-controller' };
/** apps/v1 label keys. */
const REVISION_LABEL = 'controller-revision-hash';
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** statefulPodRegex "(.*)-([0-9]+)$": the parent name and ordinal, or -1. */
function parentAndOrdinal(pod: KubeObject): [string, number] {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata.name ?? '');
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return n <= 2147483647 ? [m[1], n] : [m[1], -1];
}

const ordinalOf = (pod: KubeObject) => parentAndOrdinal(pod)[1];
const isCreated = (pod: KubeObject) => Boolean(pod.status?.phase);
const isTerminating = (pod: KubeObject) => Boolean(pod.metadata.deletionTimestamp);
const isRunningAndReady = (pod: KubeObject) => pod.status?.phase === 'Running' && isPodReady(pod);
const revisionOf = (pod: KubeObject) => pod.metadata.labels?.[REVISION_LABEL] ?? '';

export function startStatefulSetController(cluster: Cluster): void {
  const queue = new WorkQueue();
  const setType = cluster.type('statefulsets');
  const podType = cluster.type('pods');
  const pvcType = cluster.type('persistentvolumeclaims');
  const revType = cluster.type('controllerrevisions');
  const timers = new Map<string, number>();

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.resource === setType) {
      if (event.type !== 'DELETED') queue.add(keyOf(obj.metadata.namespace, obj.metadata.name));
    } else if (event.resource === podType || event.resource === revType) {
      const owner = controllerOf(obj) ?? (event.old ? controllerOf(event.old) : undefined);
      if (owner?.kind === 'StatefulSet') queue.add(keyOf(obj.metadata.namespace, owner.name));
    }
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const [ns, name] = splitKey(key);
    const set = cluster.store.peek(setType, ns, name);
    if (set) sync(set);
    return true;
  });

  const isAvailable = (pod: KubeObject, set: KubeObject) =>
    isRunningAndReady(pod) && isPodAvailable(pod, set.spec?.minReadySeconds ?? 0, cluster.now());
  const isUnavailable = (pod: KubeObject, set: KubeObject) => isTerminating(pod) || !isAvailable(pod, set);

  function record(set: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    cluster.events.record({ object: set, type, reason, message, source: SOURCE });
  }

  function ownedPods(set: KubeObject): KubeObject[] {
    return cluster.store
      .scan(podType, set.metadata.namespace)
      .filter(
        (p) => controllerOf(p)?.uid === set.metadata.uid && parentAndOrdinal(p)[0] === set.metadata.name,
      );
  }

  function ownedRevisions(set: KubeObject): KubeObject[] {
    return cluster.store
      .scan(revType, set.metadata.namespace)
      .filter((r) => controllerOf(r)?.uid === set.metadata.uid)
      .sort((a, b) => (a.revision as number) - (b.revision as number));
  }

  /** getStatefulSetRevisions: the current and update revisions, creating or re-numbering one. */
  function revisionsFor(set: KubeObject, revisions: KubeObject[]) {
    let collisionCount: number = set.status?.collisionCount ?? 0;
    const next = revisions.length === 0 ? 1 : (revisions[revisions.length - 1].revision as number) + 1;
    let update = newRevision(set, next, collisionCount);
    const equal = revisions.filter((r) => equalRevision(r, update));
    const last = revisions[revisions.length - 1];
    if (equal.length > 0 && last && equalRevision(last, equal[equal.length - 1])) {
      update = last;
    } else if (equal.length > 0) {
      const older = equal[equal.length - 1];
      update = cluster.store.mutate(
        revType,
        older.metadata.namespace ?? '',
        older.metadata.name ?? '',
        (o) => {
          o.revision = next;
        },
        { manager: 'kube-controller-manager' },
      );
    } else {
      // CreateControllerRevision: a name taken by other data bumps the collision count
      for (;;) {
        const existing = cluster.store.peek(
          revType,
          update.metadata.namespace ?? '',
          update.metadata.name ?? '',
        );
        if (!existing) {
          update = cluster.create(update);
          break;
        }
        if (equalRevision(existing, update) && controllerOf(existing)?.uid === set.metadata.uid) {
          update = existing;
          break;
        }
        collisionCount++;
        update = newRevision(set, next, collisionCount);
      }
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
    const selectorLabels = set.spec?.selector?.matchLabels ?? {};
    return (set.spec?.volumeClaimTemplates ?? []).map((t: KubeObject) => {
      const claim = structuredClone(t);
      claim.apiVersion = 'v1';
      claim.kind = 'PersistentVolumeClaim';
      delete claim.status;
      claim.metadata = {
        ...(claim.metadata ?? {}),
        name: `${t.metadata?.name}-${set.metadata.name}-${ordinal}`,
        namespace: set.metadata.namespace,
        labels: { ...(claim.metadata?.labels ?? {}), ...selectorLabels },
      };
      delete claim.metadata.creationTimestamp;
      return claim;
    });
  }

  /** newVersionedStatefulSetPod: ordinals below the partition stay at the current revision. */
  function newPod(set: KubeObject, current: KubeObject, update: KubeObject, ordinal: number): KubeObject {
    const rolling = set.spec?.updateStrategy?.type === 'RollingUpdate';
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition;
    const start = set.spec?.ordinals?.start ?? 0;
    const useCurrent =
      (rolling && partition === undefined && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
      (partition !== undefined && ordinal < start + partition);
    const revision = useCurrent ? current : update;
    const template = templateOf(revision);
    const name = `${set.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(template, `${set.metadata.name}-`, set.metadata.namespace ?? 'default', [
      controllerRef(set),
    ]);
    pod.metadata.name = name;
    pod.metadata.labels = {
      ...(pod.metadata.labels ?? {}),
      [POD_NAME_LABEL]: name,
      [POD_INDEX_LABEL]: String(ordinal),
      [REVISION_LABEL]: revision.metadata.name ?? '',
    };
    pod.spec.hostname = name;
    if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
    // updateStorage: the claim volumes first, then the template's other volumes
    const templates: KubeObject[] = set.spec?.volumeClaimTemplates ?? [];
    const names = new Set(templates.map((t) => t.metadata?.name));
    const claimVolumes = templates.map((t) => ({
      name: t.metadata?.name,
      persistentVolumeClaim: { claimName: `${t.metadata?.name}-${set.metadata.name}-${ordinal}` },
    }));
    const others = (pod.spec.volumes ?? []).filter((v: { name: string }) => !names.has(v.name));
    if (claimVolumes.length + others.length > 0) pod.spec.volumes = [...claimVolumes, ...others];
    return pod;
  }

  /** createPersistentVolumeClaims; false when a claim could not be had. */
  function createClaims(set: KubeObject, pod: KubeObject): string | null {
    const ordinal = ordinalOf(pod);
    const errors: string[] = [];
    for (const claim of claimsFor(set, ordinal)) {
      const existing = cluster.store.peek(pvcType, claim.metadata.namespace ?? '', claim.metadata.name ?? '');
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(`pvc ${claim.metadata.name} is being deleted`);
        continue;
      }
      if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete')
        claim.metadata.ownerReferences = [controllerRef(set)];
      try {
        cluster.store.create(claim, { manager: 'kube-controller-manager' });
        record(
          set,
          'Normal',
          'SuccessfulCreate',
          `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`,
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        errors.push(`failed to create PVC ${claim.metadata.name}: ${message}`);
        record(
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${message}`,
        );
      }
    }
    return errors.length > 0 ? errors.join(', ') : null;
  }

  /** CreateStatefulPod; false on failure. */
  function createPod(set: KubeObject, pod: KubeObject): boolean {
    const claimError = createClaims(set, pod);
    let error = claimError;
    if (!error) {
      try {
        cluster.store.create(pod, { manager: 'kube-controller-manager' });
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }
    if (error)
      record(
        set,
        'Warning',
        'FailedCreate',
        `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error}`,
      );
    else
      record(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      );
    return !error;
  }

  function deletePod(set: KubeObject, pod: KubeObject): void {
    const ns = pod.metadata.namespace ?? '';
    // whenScaled: Delete — a condemned pod's claims become the pod's, so they go with it
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete' && !inRange(set, pod)) {
      for (const claim of claimsFor(set, ordinalOf(pod))) {
        const existing = cluster.store.peek(pvcType, ns, claim.metadata.name ?? '');
        if (!existing || existing.metadata.ownerReferences?.some((r) => r.uid === pod.metadata.uid)) continue;
        cluster.store.mutate(
          pvcType,
          ns,
          claim.metadata.name ?? '',
          (o) => {
            const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
            o.metadata.ownerReferences = [...refs, controllerRef(pod)];
          },
          { manager: 'kube-controller-manager' },
        );
      }
    }
    cluster.store.delete(podType, ns, pod.metadata.name ?? '');
    record(
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
    );
  }

  function inRange(set: KubeObject, pod: KubeObject): boolean {
    const start = set.spec?.ordinals?.start ?? 0;
    const ord = ordinalOf(pod);
    return ord >= start && ord < start + (set.spec?.replicas ?? 1);
  }

  function sync(set: KubeObject): void {
    const pods = ownedPods(set);
    const revisions = ownedRevisions(set);
    const { current, update, collisionCount } = revisionsFor(set, revisions);
    const status = reconcile(set, pods, current, update);
    status.collisionCount = collisionCount;
    writeStatus(set, status, current, update);
    truncateHistory(set, revisions, current, update);
    wakeForAvailability(set);
  }

  interface Counts {
    replicas: number;
    ready: number;
    available: number;
    current: number;
    updated: number;
    collisionCount?: number;
  }

  function count(set: KubeObject, pods: KubeObject[], current: KubeObject, update: KubeObject): Counts {
    const c: Counts = { replicas: 0, ready: 0, available: 0, current: 0, updated: 0 };
    for (const pod of pods) {
      if (isCreated(pod)) c.replicas++;
      if (isRunningAndReady(pod)) {
        c.ready++;
        if (isAvailable(pod, set)) c.available++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        if (revisionOf(pod) === current.metadata.name) c.current++;
        if (revisionOf(pod) === update.metadata.name) c.updated++;
      }
    }
    return c;
  }

  /** updateStatefulSet: creates, deletes and updates pods; returns the status counts. */
  function reconcile(set: KubeObject, pods: KubeObject[], current: KubeObject, update: KubeObject): Counts {
    const start = set.spec?.ordinals?.start ?? 0;
    const replicaCount = set.spec?.replicas ?? 1;
    const replicas: (KubeObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: KubeObject[] = [];
    for (const pod of pods) {
      if (inRange(set, pod)) replicas[ordinalOf(pod) - start] = pod;
      else if (ordinalOf(pod) >= 0) condemned.push(pod);
    }
    const live = () => [
      ...replicas.filter((p): p is KubeObject => p !== undefined && isCreated(p)),
      ...condemned,
    ];
    if (set.metadata.deletionTimestamp) return count(set, pods, current, update);
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    let firstUnavailable: KubeObject | undefined;
    for (const p of replicas) if (p && isUnavailable(p, set)) firstUnavailable ??= p;
    for (let i = condemned.length - 1; i >= 0; i--)
      if (isUnavailable(condemned[i], set)) firstUnavailable ??= condemned[i];

    // processReplica over each ordinal in range
    for (let i = 0; i < replicaCount; i++) {
      let pod = replicas[i];
      if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
        if (!isTerminating(pod)) deletePod(set, pod);
        if (monotonic) return count(set, live(), current, update);
        continue;
      }
      if (!pod) {
        pod = newPod(set, current, update, start + i);
        const created = createPod(set, pod);
        if (monotonic || !created) return count(set, live(), current, update);
        continue;
      }
      if (pod.status?.phase === 'Pending') createClaims(set, pod);
      if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isAvailable(pod, set)))
        return count(set, live(), current, update);
    }
    // processCondemned, highest ordinal first
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return count(set, live(), current, update);
        continue;
      }
      if (monotonic && !isAvailable(pod, set) && pod !== firstUnavailable)
        return count(set, live(), current, update);
      deletePod(set, pod);
      if (monotonic) return count(set, live(), current, update);
    }
    const status = count(set, live(), current, update);
    if (set.spec?.updateStrategy?.type === 'OnDelete') return status;
    // RollingUpdate: delete the highest ordinal not at the update revision, down to the partition
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= partition; target--) {
      const pod = replicas[target];
      if (!pod) continue;
      if (revisionOf(pod) !== update.metadata.name && !isTerminating(pod)) {
        deletePod(set, pod);
        status.current--;
        return status;
      }
      if (isUnavailable(pod, set)) return status;
    }
    return status;
  }

  /** updateStatefulSetStatus with completeRollingUpdate. */
  function writeStatus(set: KubeObject, c: Counts, current: KubeObject, update: KubeObject): void {
    const want = set.spec?.replicas ?? 1;
    let currentRevision = current.metadata.name;
    let currentReplicas = c.current;
    if (
      set.spec?.updateStrategy?.type === 'RollingUpdate' &&
      c.updated === want &&
      c.ready === want &&
      c.replicas === want
    ) {
      currentReplicas = c.updated;
      currentRevision = update.metadata.name;
    }
    const status: Record<string, unknown> = {};
    if (set.metadata.generation) status.observedGeneration = set.metadata.generation;
    status.replicas = c.replicas;
    if (c.ready) status.readyReplicas = c.ready;
    if (currentReplicas) status.currentReplicas = currentReplicas;
    if (c.updated) status.updatedReplicas = c.updated;
    status.currentRevision = currentRevision;
    status.updateRevision = update.metadata.name;
    status.collisionCount = c.collisionCount ?? 0;
    if (set.status?.conditions) status.conditions = set.status.conditions;
    status.availableReplicas = c.available;
    if (JSON.stringify(status) === JSON.stringify(set.status ?? {})) return;
    cluster.store.mutate(
      setType,
      set.metadata.namespace ?? '',
      set.metadata.name ?? '',
      (o) => {
        o.status = status;
      },
      { manager: 'kube-controller-manager', status: true },
    );
  }

  /** truncateHistory: non-live revisions beyond revisionHistoryLimit go, oldest first. */
  function truncateHistory(
    set: KubeObject,
    revisions: KubeObject[],
    current: KubeObject,
    update: KubeObject,
  ): void {
    const live = new Set([current.metadata.name, update.metadata.name, ...ownedPods(set).map(revisionOf)]);
    const history = revisions.filter((r) => !live.has(r.metadata.name));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit))
      cluster.store.delete(revType, r.metadata.namespace ?? '', r.metadata.name ?? '');
  }

  /** Requeue when a ready pod turns available (minReadySeconds). */
  function wakeForAvailability(set: KubeObject): void {
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady === 0) return;
    const key = keyOf(set.metadata.namespace, set.metadata.name);
    const now = cluster.now();
    for (const pod of ownedPods(set)) {
      const at = availableAt(pod, minReady);
      if (at !== undefined && at > now && timers.get(key) !== at) {
        timers.set(key, at);
        cluster.runtime.after(at - now, `sts-available ${key}`, () => queue.add(key));
      }
    }
  }
}
