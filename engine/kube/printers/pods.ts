// Pod and PodTemplate rows (printPod / printPodTemplate in kubernetes
// pkg/printers/internalversion/printers.go, 1.32): the READY/STATUS/RESTARTS logic of
// `kubectl get pods`, including init containers, sidecars and terminating pods.
// biome-ignore-all lint/suspicious/noExplicitAny: pod status fields are open JSON

import { humanDuration, translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { formatLabels, int, layoutContainerCells, str } from './format.ts';
import { ageColumn, type Cell, column, type KindPrinter, nameColumn, type PrintContext } from './table.ts';

/** node.NodeUnreachablePodReason (pkg/util/node). */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const podColumns = [
  nameColumn(),
  column('Ready', 'string', {
    description: 'The aggregate readiness state of this pod for accepting traffic.',
  }),
  column('Status', 'string', { description: 'The aggregate status of the containers in this pod.' }),
  column('Restarts', 'string', {
    description:
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  }),
  ageColumn(),
  column('IP', 'string', { wide: true }),
  column('Node', 'string', { wide: true }),
  column('Nominated Node', 'string', { wide: true }),
  column('Readiness Gates', 'string', { wide: true }),
];

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always (a sidecar). */
function isRestartable(container: any): boolean {
  return container?.restartPolicy === 'Always';
}

/** The finishedAt of a container's last termination, in ms (-Infinity when unset). */
function lastTerminated(status: any): number {
  const finished = status?.lastState?.terminated?.finishedAt;
  const at = finished ? Date.parse(finished) : Number.NaN;
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

function conditionTrue(pod: KubeObject, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');
}

/** isPodInitializedConditionTrue: the first Initialized condition decides. */
function initializedConditionTrue(pod: KubeObject): boolean {
  const condition = (pod.status?.conditions ?? []).find((c: any) => c.type === 'Initialized');
  return condition?.status === 'True';
}

function printPod(pod: KubeObject, ctx: PrintContext): Cell[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initContainers: any[] = spec.initContainers ?? [];
  const containerStatuses: any[] = status.containerStatuses ?? [];
  const initStatuses: any[] = status.initContainerStatuses ?? [];

  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart = Number.NEGATIVE_INFINITY;
  let lastSidecarRestart = Number.NEGATIVE_INFINITY;

  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated';
  }

  // the spec's init containers by name; a later duplicate name wins, as in a Go map
  const initByName = new Map<string, any>();
  for (const container of initContainers) {
    initByName.set(str(container.name), container);
    if (isRestartable(container)) totalContainers++;
  }

  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const restartCount = int(container.restartCount);
    restarts += restartCount;
    lastRestart = Math.max(lastRestart, lastTerminated(container));
    const restartable = isRestartable(initByName.get(str(container.name)));
    if (restartable) {
      sidecarRestarts += restartCount;
      lastSidecarRestart = Math.max(lastSidecarRestart, lastTerminated(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (!terminated.reason) {
        reason =
          int(terminated.signal) !== 0
            ? `Init:Signal:${int(terminated.signal)}`
            : `Init:ExitCode:${int(terminated.exitCode)}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(pod)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    for (let i = containerStatuses.length - 1; i >= 0; i--) {
      const container = containerStatuses[i];
      restarts += int(container.restartCount);
      lastRestart = Math.max(lastRestart, lastTerminated(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason =
          int(terminated.signal) !== 0
            ? `Signal:${int(terminated.signal)}`
            : `ExitCode:${int(terminated.exitCode)}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // back to "Running" while at least one container still runs
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && Number.isFinite(lastRestart)) {
    restartsText = `${restarts} (${humanDuration(ctx.now - lastRestart)} ago)`;
  }

  // v1 -> internal conversion: a set podIP wins over podIPs[0]
  const podIP = str(status.podIP) || str(status.podIPs?.[0]?.ip) || '<none>';
  const gates: any[] = spec.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = (status.conditions ?? []).find((c: any) => c.type === gate.conditionType);
      if (condition?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    str(pod.metadata.name),
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsText,
    translateTimestampSince(pod.metadata.creationTimestamp, ctx.now),
    podIP,
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates,
  ];
}

const podTemplateColumns = [
  nameColumn(),
  column('Containers', 'string', { description: 'Names of each container in the template.' }),
  column('Images', 'string', { description: 'Images referenced by each container in the template.' }),
  column('Pod Labels', 'string', { description: 'The labels for the pod template.' }),
];

function printPodTemplate(obj: KubeObject): Cell[] {
  const template = (obj as any).template ?? {};
  const [names, images] = layoutContainerCells(template.spec?.containers);
  return [str(obj.metadata.name), names, images, formatLabels(template.metadata?.labels)];
}

export const podPrinters: Record<string, KindPrinter> = {
  Pod: { columns: podColumns, row: printPod },
  PodTemplate: { columns: podTemplateColumns, row: printPodTemplate },
};
