// Describers of the pod controllers: Deployment (with its new and old ReplicaSets), ReplicaSet,
// ReplicationController, StatefulSet and DaemonSet.
// Follows pkg/describe/describe.go and pkg/util/deployment/deployment.go (kubectl v0.32.4).

import { quantityOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { claimClass } from './claims.ts';
import { describeEvents, refOf, searchEvents } from './events.ts';
import {
  controllerOf,
  formatLabelSelector,
  formatLabels,
  type Json,
  listedBySelector,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printLabelsMultilineWithIndent,
  selectorString,
} from './format.ts';
import { goSlice, int, str } from './gofmt.ts';
import { goSort } from './gosort.ts';
import { describePodTemplate, type PodContext } from './pod.ts';
import { formatRFC1123Z, parseGoTime } from './time.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer.ts';

export type WorkloadContext = PodContext;

function eventsFor(obj: KubeObject, ctx: WorkloadContext): KubeObject[] | null {
  return ctx.showEvents ? searchEvents(ctx, refOf(obj)) : null;
}

/** getPodStatusForController: phases of the pods the selector lists that `uid` controls. */
export function podPhaseCounts(
  ctx: WorkloadContext,
  namespace: string,
  selects: (labels: Record<string, string> | undefined) => boolean,
  uid: string | undefined,
): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of ctx.list('pods', namespace)) {
    if (!selects(pod.metadata.labels)) continue;
    const ref = controllerOf(pod);
    if (!ref || ref.uid !== uid) continue;
    const phase = pod.status?.phase as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function describeConditions(w: PrefixWriter, conditions: Json[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

/** equalIgnoreHash: pod templates equal apart from the pod-template-hash label. */
function equalIgnoreHash(a: Json, b: Json): boolean {
  const strip = (t: Json): Json => {
    const copy = structuredClone(t ?? {});
    if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
    return copy;
  };
  return semanticEqual(strip(a), strip(b));
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/** apiequality.Semantic.DeepEqual on JSON: absent, null and empty collections compare equal. */
function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!semanticEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return a === b;
}

/** GetAllReplicaSets: the deployment's new ReplicaSet and all its old ones. */
function replicaSetsOf(
  d: KubeObject,
  ctx: WorkloadContext,
): { oldRSs: KubeObject[]; newRS: KubeObject | null } {
  const owned = ctx
    .list('replicasets', d.metadata.namespace ?? '')
    .filter((rs) => listedBySelector(d.spec?.selector, rs.metadata.labels))
    .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
  const time = (rs: KubeObject) => parseGoTime(rs.metadata.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
  goSort(owned, (a, b) =>
    time(a) === time(b) ? (a.metadata.name ?? '') < (b.metadata.name ?? '') : time(a) < time(b),
  );
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template)) ?? null;
  const oldRSs = owned.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return { oldRSs, newRS };
}

function replicaSetsByLabels(list: KubeObject[]): string {
  const text = list
    .map(
      (rs) => `${rs.metadata.name} (${int(rs.status?.replicas)}/${int(rs.spec?.replicas)} replicas created)`,
    )
    .join(', ');
  return text || '<none>';
}

export function describeDeployment(d: KubeObject, ctx: WorkloadContext): string {
  const events = eventsFor(d, ctx);
  const { oldRSs, newRS } = replicaSetsOf(d, ctx);
  const spec: Json = d.spec ?? {};
  const status: Json = d.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(d.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(d.metadata.namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(parseGoTime(d.metadata.creationTimestamp))}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${int(spec.replicas)} desired | ${int(status.updatedReplicas)} updated | ${int(status.replicas)} total | ` +
        `${int(status.availableReplicas)} available | ${int(status.unavailableReplicas)} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${str(spec.strategy?.type)}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${int(spec.minReadySeconds)}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) {
      const show = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));
      w.write(
        LEVEL_0,
        `RollingUpdateStrategy:\t${show(ru.maxUnavailable)} max unavailable, ${show(ru.maxSurge)} max surge\n`,
      );
    }
    describePodTemplate(spec.template ?? {}, w);
    describeConditions(w, status.conditions);
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeReplicaSet(rs: KubeObject, ctx: WorkloadContext): string {
  const spec: Json = rs.spec ?? {};
  const podsStatus = podPhaseCounts(
    ctx,
    rs.metadata.namespace ?? '',
    (labels) => listedBySelector(spec.selector, labels),
    rs.metadata.uid,
  );
  const events = eventsFor(rs, ctx);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(rs.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(rs.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const controlledBy = printController(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${int(rs.status?.replicas)} current / ${int(spec.replicas)} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podsStatus}\n`);
    describePodTemplate(spec.template ?? {}, w);
    describeConditions(w, rs.status?.conditions);
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeReplicationController(rc: KubeObject, ctx: WorkloadContext): string {
  const spec: Json = rc.spec ?? {};
  const selector: Record<string, string> = spec.selector ?? {};
  const selects = (labels: Record<string, string> | undefined) =>
    Object.entries(selector).every(([k, v]) => labels?.[k] === v);
  const podsStatus = podPhaseCounts(ctx, rc.metadata.namespace ?? '', selects, rc.metadata.uid);
  const events = eventsFor(rc, ctx);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(rc.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(rc.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(selector)}\n`);
    printLabelsMultiline(w, 'Labels', rc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${int(rc.status?.replicas)} current / ${int(spec.replicas)} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatus}\n`);
    describePodTemplate(spec.template, w);
    describeConditions(w, rc.status?.conditions);
    if (events) describeEvents(events, w, ctx.now);
  });
}

function describeVolumeClaimTemplates(templates: Json[] | undefined, w: PrefixWriter): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${str(pvc.metadata?.name)}\n`);
    w.write(LEVEL_1, `StorageClass:\t${claimClass(pvc)}\n`);
    printLabelsMultilineWithIndent(w, '  ', 'Labels', '\t', pvc.metadata?.labels);
    printLabelsMultilineWithIndent(w, '  ', 'Annotations', '\t', pvc.metadata?.annotations);
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage === undefined ? '<default>' : String(quantityOf(storage))}\n`);
    w.write(LEVEL_1, `Access Modes:\t${goSlice(pvc.spec?.accessModes)}\n`);
  }
}

export function describeStatefulSet(ss: KubeObject, ctx: WorkloadContext): string {
  const spec: Json = ss.spec ?? {};
  const podsStatus = podPhaseCounts(
    ctx,
    ss.metadata.namespace ?? '',
    (labels) => listedBySelector(spec.selector, labels),
    ss.metadata.uid,
  );
  const events = eventsFor(ss, ctx);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(ss.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(ss.metadata.namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(parseGoTime(ss.metadata.creationTimestamp))}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', ss.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${int(spec.replicas)} desired | ${int(ss.status?.replicas)} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${str(spec.updateStrategy?.type)}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${int(ru.partition)}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
      }
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatus}\n`);
    describePodTemplate(spec.template ?? {}, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describeDaemonSet(ds: KubeObject, ctx: WorkloadContext): string {
  const spec: Json = ds.spec ?? {};
  const status: Json = ds.status ?? {};
  const podsStatus = podPhaseCounts(
    ctx,
    ds.metadata.namespace ?? '',
    (labels) => listedBySelector(spec.selector, labels),
    ds.metadata.uid,
  );
  const events = eventsFor(ds, ctx);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(ds.metadata.name)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${int(status.desiredNumberScheduled)}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${int(status.currentNumberScheduled)}\n`);
    w.write(
      LEVEL_0,
      `Number of Nodes Scheduled with Up-to-date Pods: ${int(status.updatedNumberScheduled)}\n`,
    );
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${int(status.numberAvailable)}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${int(status.numberMisscheduled)}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatus}\n`);
    describePodTemplate(spec.template ?? {}, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}
