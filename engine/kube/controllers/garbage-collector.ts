// The garbage collector (pkg/controller/garbagecollector): dependents of a deleted owner are
// deleted in the background, or first with foreground deletion, after which the owner's
// foregroundDeletion finalizer is removed. It keeps an index from owner uid to dependents.
import type { ResourceType } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { WorkQueue } from './queue.ts';

interface Ref {
  type: ResourceType;
  namespace: string;
  name: string;
}

export function startGarbageCollector(cluster: Cluster): void {
  const dependents = new Map<string, Map<string, Ref>>();
  const live = new Map<string, Ref>();
  const queue = new WorkQueue();

  const refKey = (r: Ref) => `${r.type.group}/${r.type.resource}/${r.namespace}/${r.name}`;

  cluster.store.watch((event) => {
    const obj = event.object;
    const ref: Ref = {
      type: event.resource,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name ?? '',
    };
    const uid = obj.metadata.uid ?? '';
    for (const o of event.old?.metadata.ownerReferences ?? []) dependents.get(o.uid)?.delete(refKey(ref));
    if (event.type === 'DELETED') {
      live.delete(uid);
      for (const o of obj.metadata.ownerReferences ?? []) {
        dependents.get(o.uid)?.delete(refKey(ref));
        queue.add(`owner:${o.uid}`);
      }
      queue.add(`orphaned:${uid}`);
      return;
    }
    live.set(uid, ref);
    for (const o of obj.metadata.ownerReferences ?? []) {
      let deps = dependents.get(o.uid);
      if (!deps) {
        deps = new Map();
        dependents.set(o.uid, deps);
      }
      deps.set(refKey(ref), ref);
      // an owner that is already gone: the dependent is garbage
      if (!live.has(o.uid)) queue.add(`orphaned:${o.uid}`);
    }
    if (obj.metadata.deletionTimestamp && obj.metadata.finalizers?.includes('foregroundDeletion'))
      queue.add(`owner:${uid}`);
  });

  cluster.runtime.addQueue(() => {
    const key = queue.take();
    if (key === undefined) return false;
    const [what, uid] = key.split(':');
    if (what === 'orphaned') collectDependents(uid);
    else finishForeground(uid);
    return true;
  });

  function collectDependents(ownerUid: string): void {
    if (live.has(ownerUid)) return;
    for (const dep of [...(dependents.get(ownerUid)?.values() ?? [])]) {
      const obj = cluster.store.peek(dep.type, dep.namespace, dep.name);
      if (!obj || obj.metadata.deletionTimestamp) continue;
      // a dependent with another owner that still exists only loses this reference
      const others = (obj.metadata.ownerReferences ?? []).filter(
        (r) => r.uid !== ownerUid && live.has(r.uid),
      );
      if (others.length > 0) {
        cluster.store.mutate(
          dep.type,
          dep.namespace,
          dep.name,
          (o) => {
            o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => r.uid !== ownerUid);
          },
          { manager: 'kube-controller-manager' },
        );
        continue;
      }
      cluster.store.delete(dep.type, dep.namespace, dep.name, { propagationPolicy: 'Background' });
    }
  }

  function finishForeground(ownerUid: string): void {
    const ref = live.get(ownerUid);
    if (!ref) return;
    const owner: KubeObject | undefined = cluster.store.peek(ref.type, ref.namespace, ref.name);
    if (!owner?.metadata.deletionTimestamp || !owner.metadata.finalizers?.includes('foregroundDeletion'))
      return;
    const deps = [...(dependents.get(ownerUid)?.values() ?? [])].filter((d) =>
      cluster.store.peek(d.type, d.namespace, d.name),
    );
    for (const dep of deps) {
      const obj = cluster.store.peek(dep.type, dep.namespace, dep.name);
      if (obj && !obj.metadata.deletionTimestamp)
        cluster.store.delete(dep.type, dep.namespace, dep.name, { propagationPolicy: 'Foreground' });
    }
    if (deps.length > 0) return;
    cluster.store.mutate(
      ref.type,
      ref.namespace,
      ref.name,
      (o) => {
        o.metadata.finalizers = o.metadata.finalizers?.filter((f) => f !== 'foregroundDeletion');
        if (o.metadata.finalizers?.length === 0) delete o.metadata.finalizers;
      },
      { manager: 'kube-controller-manager' },
    );
  }
}
