// The status a kubelet reports for a pod it runs (pkg/kubelet/status and kubelet_pods.go):
// phase, the five pod conditions with their reasons, and container statuses from the
// kubelet's own record of each container.
import type { Condition, KubeObject } from '../api/types.ts';
import { rfc3339 } from '../api/types.ts';
import type { Timer } from '../runtime.ts';
import type { ContainerFs } from './container-fs.ts';
import { imageDigest, type Listener, parseImage } from './images.ts';
import type { LogLine, ProcessRun } from './process.ts';

export interface ContainerRun {
  name: string;
  init: boolean;
  restartCount: number;
  state: Record<string, unknown>;
  lastState: Record<string, unknown>;
  ready: boolean;
  started: boolean;
  containerID?: string;
  log: LogLine[];
  previousLog: LogLine[];
  startedAt?: number;
  run?: ProcessRun;
  timers: Timer[];
  /** Counts (re)starts, so probe workers notice a new container. */
  instance: number;
  /** The startup probe has succeeded, or there is none: status `started`. */
  startupPassed: boolean;
  /** The readiness probe's settled result (false until its first success). */
  readyByProbe: boolean;
  /** Being stopped by the kubelet (liveness failure, failed hook): the process is going. */
  killing: boolean;
  fs?: ContainerFs;
  listener?: Listener | null | 'any';
}

export interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  ip: string;
  containers: ContainerRun[];
  startTime: number;
  terminating: boolean;
  /** Probe workers of the pod's containers. */
  workers: Array<{ stop(): void }>;
}

export function podStatus(
  pod: KubeObject,
  run: PodRun,
  hostIP: string,
  nowMs: number,
  // biome-ignore lint/suspicious/noExplicitAny: container specs are open JSON
  specOf: (c: ContainerRun) => Record<string, any> | undefined,
): Record<string, unknown> {
  const now = rfc3339(nowMs);
  const apps = run.containers.filter((c) => !c.init);
  const inits = run.containers.filter((c) => c.init);
  const initialized = inits.every(
    (c) => 'terminated' in c.state && (c.state.terminated as { exitCode: number }).exitCode === 0,
  );
  const allReady = apps.every((c) => c.ready);
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let phase = 'Pending';
  const terminatedApps = apps.filter((c) => 'terminated' in c.state);
  if (apps.some((c) => 'running' in c.state || c.restartCount > 0)) phase = 'Running';
  if (terminatedApps.length === apps.length && apps.length > 0 && policy !== 'Always') {
    const failed = terminatedApps.some((c) => (c.state.terminated as { exitCode: number }).exitCode !== 0);
    if (policy === 'Never' || !failed) phase = failed ? 'Failed' : 'Succeeded';
  }
  if (
    inits.some(
      (c) => 'terminated' in c.state && (c.state.terminated as { exitCode: number }).exitCode !== 0,
    ) &&
    policy === 'Never'
  )
    phase = 'Failed';
  const old: Condition[] = pod.status?.conditions ?? [];
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const prev = old.find((c) => c.type === type);
    const status = ok ? 'True' : 'False';
    const c: Condition = {
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      status,
      type,
    } as Condition;
    if (!ok && reason) {
      c.reason = reason;
      if (message) c.message = message;
    }
    if (ok && (phase === 'Succeeded' || phase === 'Failed') && reason === 'PodCompleted')
      c.reason = 'PodCompleted';
    return c;
  };
  const sandboxReady =
    run.containers.some((c) => c.started || c.restartCount > 0 || 'terminated' in c.state) ||
    nowMs - run.startTime >= 500;
  const unready = apps.filter((c) => !c.ready).map((c) => c.name);
  const notReadyMsg = `containers with unready status: [${unready.join(' ')}]`;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const conditions: Condition[] = [
    cond('PodReadyToStartContainers', sandboxReady && !finished),
    cond(
      'Initialized',
      initialized,
      'ContainersNotInitialized',
      `containers with incomplete status: [${inits
        .filter((c) => !('terminated' in c.state))
        .map((c) => c.name)
        .join(' ')}]`,
    ),
    cond(
      'Ready',
      allReady,
      finished ? 'PodCompleted' : 'ContainersNotReady',
      finished ? undefined : notReadyMsg,
    ),
    cond(
      'ContainersReady',
      allReady,
      finished ? 'PodCompleted' : 'ContainersNotReady',
      finished ? undefined : notReadyMsg,
    ),
    old.find((c) => c.type === 'PodScheduled') ?? cond('PodScheduled', true),
  ];
  const statusOf = (c: ContainerRun) => {
    const spec = specOf(c);
    const ref = spec ? parseImage(spec.image) : null;
    const s: Record<string, unknown> = {};
    if (c.containerID) s.containerID = c.containerID;
    s.image = ref?.full ?? spec?.image;
    s.imageID = ref && c.containerID ? imageDigest(ref) : '';
    s.lastState = c.lastState;
    s.name = c.name;
    s.ready = c.ready;
    s.restartCount = c.restartCount;
    s.started = 'running' in c.state && c.startupPassed;
    s.state = c.state;
    return s;
  };
  const status: Record<string, unknown> = {
    conditions,
    containerStatuses: apps.map(statusOf),
    hostIP: hostIP,
    hostIPs: [{ ip: hostIP }],
    phase,
    podIP: run.ip,
    podIPs: [{ ip: run.ip }],
    qosClass: pod.status?.qosClass,
    startTime: rfc3339(run.startTime),
  };
  if (inits.length > 0) status.initContainerStatuses = inits.map(statusOf);
  return status;
}
