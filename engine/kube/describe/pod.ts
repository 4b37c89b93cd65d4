// `kubectl describe pod` and the Pod Template block of workload descriptions, with the QoS
// class computed as kubectl's qos.GetPodQOS does when status.qosClass is empty.
// Follows describePod / DescribePodTemplate in pkg/describe/describe.go and pkg/util/qos/qos.go.

import { Quantity, quantityOf } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { describeContainers, describeResources } from './containers.ts';
import { describeEvents, type EventContext, searchEvents } from './events.ts';
import {
  formatLabelSelector,
  type Json,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './format.ts';
import { int, str } from './gofmt.ts';
import { goSort } from './gosort.ts';
import { formatRFC1123Z, parseGoTime, since } from './time.ts';
import { describeVolumes } from './volumes.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer.ts';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface PodContext extends EventContext {
  showEvents: boolean;
}

export function describePod(pod: KubeObject, ctx: PodContext): string {
  let events: KubeObject[] | null = null;
  if (ctx.showEvents) {
    // the reference loses its kind; mirror pods are found by their static pod's UID
    const mirror = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION];
    events = searchEvents(ctx, {
      name: pod.metadata.name ?? '',
      namespace: pod.metadata.namespace ?? '',
      uid: mirror !== undefined ? mirror : pod.metadata.uid,
    });
  }
  const spec: Json = pod.spec ?? {};
  const status: Json = pod.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(pod.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(pod.metadata.namespace)}\n`);
    if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${str(status.hostIP)}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(parseGoTime(status.startTime))}\n`);
    printLabelsMultiline(w, 'Labels', pod.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(
        LEVEL_0,
        `Status:\tTerminating (lasts ${since(parseGoTime(pod.metadata.deletionTimestamp), ctx.now)})\n`,
      );
      w.write(LEVEL_0, `Termination Grace Period:\t${int(pod.metadata.deletionGracePeriodSeconds)}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${str(status.phase)}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (seccomp.type === 'Localhost')
        w.write(LEVEL_0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    w.write(LEVEL_0, `IP:\t${str(status.podIP)}\n`);
    const podIPs: Json[] = status.podIPs ?? [];
    if (podIPs.length === 0) {
      w.write(LEVEL_0, 'IPs:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${str(ip.ip)}\n`);
    }
    const controlledBy = printController(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec.resources, w, LEVEL_1);
    }
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, pod, w, '');
    }
    describeContainers('Containers', spec.containers, status.containerStatuses, pod, w, '');
    if ((spec.ephemeralContainers ?? []).length > 0) {
      describeContainers(
        'Ephemeral Containers',
        spec.ephemeralContainers,
        status.ephemeralContainerStatuses,
        pod,
        w,
        '',
      );
    }
    const conditions: Json[] = status.conditions ?? [];
    if ((spec.readinessGates ?? []).length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const gate of spec.readinessGates) {
        const cond = conditions.find((c) => c.type === gate.conditionType);
        w.write(LEVEL_1, `${str(gate.conditionType)} \t${cond ? str(cond.status) : '<none>'} \n`);
      }
    }
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** Topology spread constraints sorted by topology key, one per line. */
function describeTopologySpreadConstraints(tscs: Json[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = goSort([...tscs], (a, b) => str(a.topologyKey) < str(b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((tsc, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${str(tsc.topologyKey)}:`);
    w.write(LEVEL_0, str(tsc.whenUnsatisfiable));
    w.write(LEVEL_0, ` when max skew ${int(tsc.maxSkew)} is exceeded`);
    if (tsc.labelSelector) w.write(LEVEL_0, ` for selector ${formatLabelSelector(tsc.labelSelector)}`);
    w.write(LEVEL_0, '\n');
  });
}

/** DescribePodTemplate: the "Pod Template:" block of workload descriptions. */
export function describePodTemplate(template: Json | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) {
    describeContainers('Init Containers', spec.initContainers, undefined, null, w, '  ');
  }
  describeContainers('Containers', spec.containers, undefined, null, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** qos.GetPodQOS: status.qosClass, else computed from the containers' requests and limits. */
export function podQOS(pod: KubeObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const zero = Quantity.zero();
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  const accumulate = (into: Map<string, Quantity>, list: Json) => {
    for (const [name, raw] of Object.entries(list ?? {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const q = quantityOf(raw);
      if (q.cmp(zero) <= 0) continue;
      const prev = into.get(name);
      into.set(name, prev ? q.add(prev) : q);
    }
  };
  const limitsCoverBoth = (list: Json) =>
    ['cpu', 'memory'].every((name) => list?.[name] !== undefined && quantityOf(list[name]).cmp(zero) > 0);
  let guaranteed = true;
  const spec: Json = pod.spec ?? {};
  if (spec.resources) {
    if (spec.resources.requests) accumulate(requests, spec.resources.requests);
    if (spec.resources.limits) {
      accumulate(limits, spec.resources.limits);
      if (!limitsCoverBoth(spec.resources.limits)) guaranteed = false;
    }
  } else {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      accumulate(requests, c.resources?.requests);
      accumulate(limits, c.resources?.limits);
      if (!limitsCoverBoth(c.resources?.limits)) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim?.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
