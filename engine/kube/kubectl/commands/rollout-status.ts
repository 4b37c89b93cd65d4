// kubectl rollout status's viewers for DaemonSets and StatefulSets: the line printed for each
// state and whether the rollout is done (k8s.io/kubectl pkg/polymorphichelpers/rollout_status.go).
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../context.ts';

/** The next status line and whether the rollout has finished. */
export type StatusLine = [string, boolean];

/** DaemonSetStatusViewer.Status (the error names the StatefulSet strategy constant, as upstream). */
export function daemonSetStatus(ds: KubeObject): StatusLine {
  const name = ds.metadata.name ?? '';
  const s = ds.status ?? {};
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return ['Waiting for daemon set spec update to be observed...\n', false];
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  if (updated < desired)
    return [
      `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
      false,
    ];
  if (available < desired)
    return [
      `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`,
      false,
    ];
  return [`daemon set "${name}" successfully rolled out\n`, true];
}

/** StatefulSetStatusViewer.Status. */
export function statefulSetStatus(sts: KubeObject): StatusLine {
  const s = sts.status ?? {};
  const strategy = sts.spec?.updateStrategy ?? {};
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate')
    throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  const observed = s.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed)
    return ['Waiting for statefulset spec update to be observed...\n', false];
  const replicas: number | undefined = sts.spec?.replicas;
  const ready = s.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas)
    return [`Waiting for ${replicas - ready} pods to be ready...\n`, false];
  const updated = s.updatedReplicas ?? 0;
  if (strategy.rollingUpdate) {
    const partition: number | undefined = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition)
      return [
        `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`,
        false,
      ];
    return [`partitioned roll out complete: ${updated} new pods have been updated...\n`, true];
  }
  if (s.updateRevision !== s.currentRevision)
    return [
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${s.updateRevision}...\n`,
      false,
    ];
  return [
    `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`,
    true,
  ];
}
