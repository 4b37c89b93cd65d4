// The kubelet's probe workers per app container (prober_manager.go AddPod) and what their results do.

import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { runAction } from './handlers.ts';
import { type Json, type PodAccess, updateReady } from './pod-access.ts';
import type { ContainerRun, PodRun } from './pod-status.ts';
import { type ProbeKind, ProbeWorker } from './probes.ts';

/** Kills a container, restarting it if asked (ContainerRestarts.kill). */
export type Kill = (run: PodRun, c: ContainerRun, message: string, restart: boolean, probe?: Json) => void;

/** A probe worker per probe of each app container (prober_manager.go AddPod). */
export function startProbes(
  cluster: Cluster,
  access: PodAccess,
  kill: Kill,
  run: PodRun,
  pod: KubeObject,
): void {
  for (const spec of pod.spec?.containers ?? []) {
    const c = run.containers.find((x) => !x.init && x.name === spec.name);
    if (!c) continue;
    const kinds: Array<[ProbeKind, Json]> = [
      ['startup', spec.startupProbe],
      ['readiness', spec.readinessProbe],
      ['liveness', spec.livenessProbe],
    ];
    for (const [kind, probe] of kinds) {
      if (!probe) continue;
      run.workers.push(
        new ProbeWorker(cluster.runtime, kind, probe, {
          instance: () => (c.containerID ? c.instance : null),
          running: () => 'running' in c.state && !c.killing,
          uptimeMs: () => cluster.now() - (c.startedAt ?? cluster.now()),
          started: () => c.startupPassed,
          deleting: () => run.terminating,
          finished: () => {
            const phase = access.current(run)?.status?.phase;
            return phase === 'Succeeded' || phase === 'Failed';
          },
          run: (handler) => {
            const current = access.spec(run, c);
            return current
              ? runAction(access.target(run, c, current), handler)
              : { outcome: 'unknown', output: '' };
          },
          event: (type, reason, message) => access.event(run, type, reason, message, c.name),
          settled: (k, success) => probeSettled(access, kill, run, c, k, success),
        }),
      );
    }
  }
}

function probeSettled(
  access: PodAccess,
  kill: Kill,
  run: PodRun,
  c: ContainerRun,
  kind: ProbeKind,
  success: boolean,
): void {
  const spec = access.spec(run, c);
  if (kind === 'readiness') c.readyByProbe = success;
  else if (kind === 'startup' && success) c.startupPassed = true;
  else if (!success) {
    // computePodActions: a failed liveness/startup probe kills the container
    const restart = (access.current(run)?.spec?.restartPolicy ?? 'Always') !== 'Never';
    const message = `Container ${c.name} failed ${kind} probe`;
    const probe = kind === 'liveness' ? spec?.livenessProbe : spec?.startupProbe;
    kill(run, c, restart ? `${message}, will be restarted` : message, restart, probe);
    return;
  }
  updateReady(c, spec);
  access.writeStatus(run);
}
