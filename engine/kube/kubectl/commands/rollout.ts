// kubectl rollout status|history|undo|restart|pause|resume for Deployments, with the texts of
// kubectl's polymorphichelpers (rollout_status.go, history.go, rollback.go).
import type { ResourceType } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../api/types.ts';
import { controllerOf } from '../../cluster.ts';
import { revisionOf, templateWithoutHash } from '../../controllers/deployment.ts';
import { describePodTemplate } from '../../describe/pod.ts';
import { PrefixWriter } from '../../describe/writer.ts';
import { TABBED_STRING_TABWRITER, tabulateRows } from '../../text/tabwriter.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { type ParsedFlags, str } from '../flags.ts';
import { nameOf } from '../print.ts';
import { parseResourceArgs } from '../resources.ts';
import { daemonSetStatus, type StatusLine, statefulSetStatus } from './rollout-status.ts';

const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function statusLine(d: KubeObject): StatusLine {
  const name = d.metadata.name;
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return ['Waiting for deployment spec update to be observed...\n', false];
  const progressing = (s.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    throw new KubectlError(`error: deployment "${name}" exceeded its progress deadline`);
  const replicas = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < replicas)
    return [
      `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
      false,
    ];
  if ((s.replicas ?? 0) > updated)
    return [
      `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`,
      false,
    ];
  if ((s.availableReplicas ?? 0) < updated)
    return [
      `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
      false,
    ];
  return [`deployment "${name}" successfully rolled out\n`, true];
}

/** The status viewers of the kinds other than Deployment. */
const STATUS_VIEWERS: Record<string, (obj: KubeObject) => StatusLine> = {
  DaemonSet: daemonSetStatus,
  StatefulSet: statefulSetStatus,
};

/** status.go: prints each new status line until the viewer says done (watching up to ten minutes). */
function watchStatus(
  k: Kubectl,
  type: ResourceType,
  name: string,
  viewer: (obj: KubeObject) => StatusLine,
): void {
  const cluster = k.cluster();
  let last = '';
  cluster.runtime.runUntil(cluster.now() + 600_000, () => {
    const [line, done] = viewer(cluster.store.get(type, k.namespace, name));
    if (line !== last) k.out(line);
    last = line;
    return done;
  });
}

export function rollout(k: Kubectl, flags: ParsedFlags): number {
  const cluster = k.cluster();
  const [sub, ...targets] = flags.args;
  const requests = parseResourceArgs(cluster.registry, targets);
  if (requests.length === 0) throw new KubectlError('error: required resource not specified');
  const rsType = cluster.type('replicasets');
  for (const req of requests) {
    const viewer = STATUS_VIEWERS[req.type.kind];
    if (sub === 'status' && viewer) {
      for (const name of req.names) watchStatus(k, req.type, name, viewer);
      continue;
    }
    if (req.type.kind !== 'Deployment')
      throw new KubectlError(
        `error: no ${sub === 'history' ? 'history viewer' : sub === 'undo' ? 'rollbacker' : 'status viewer'} has been implemented for "${req.type.kind}"`,
      );
    for (const name of req.names) {
      const d = cluster.store.get(req.type, k.namespace, name);
      const sets = cluster.store
        .scan(rsType, k.namespace)
        .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
      switch (sub) {
        case 'status':
          watchStatus(k, req.type, name, statusLine);
          break;
        case 'history': {
          const revision = Number(str(flags, 'revision') ?? 0);
          const byRevision = new Map(sets.map((rs) => [revisionOf(rs), rs]));
          if (revision > 0) {
            const rs = byRevision.get(revision);
            if (!rs) throw new KubectlError(`error: unable to find the specified revision`);
            k.out(`${nameOf(req.type, d)} with revision #${revision}\n${revisionTemplate(rs)}\n`);
            break;
          }
          const rows = [['REVISION', 'CHANGE-CAUSE']];
          for (const r of [...byRevision.keys()].sort((a, b) => a - b)) {
            rows.push([
              String(r),
              byRevision.get(r)?.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>',
            ]);
          }
          k.out(`${nameOf(req.type, d)} \n${tabulateRows(rows, TABBED_STRING_TABWRITER)}\n`);
          break;
        }
        case 'undo': {
          const toRevision = Number(str(flags, 'to-revision') ?? 0);
          const ordered = [...sets].sort((a, b) => revisionOf(a) - revisionOf(b));
          const current = revisionOf(d);
          const target =
            toRevision > 0
              ? ordered.find((rs) => revisionOf(rs) === toRevision)
              : ordered.filter((rs) => revisionOf(rs) < current).pop();
          if (!target)
            throw new KubectlError(
              toRevision > 0
                ? `error: unable to find specified revision ${toRevision} in history`
                : 'error: no rollout history found for deployment "' + name + '"',
            );
          if (d.spec?.paused)
            throw new KubectlError(
              "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
            );
          const template = templateWithoutHash(target.spec?.template);
          if (JSON.stringify(template) === JSON.stringify(d.spec?.template)) {
            k.out(
              `${nameOf(req.type, d)} skipped rollback (current template already matches revision ${revisionOf(target)})\n`,
            );
            break;
          }
          cluster.store.mutate(
            req.type,
            k.namespace,
            name,
            (o) => {
              o.spec.template = template;
              const annotations: Record<string, string> = {};
              for (const [key, v] of Object.entries(o.metadata.annotations ?? {}))
                if (SKIP.has(key)) annotations[key] = v;
              for (const [key, v] of Object.entries(target.metadata.annotations ?? {}))
                if (!SKIP.has(key)) annotations[key] = v;
              o.metadata.annotations = annotations;
            },
            { manager: 'kubectl' },
          ); // rollback.go sends no field manager: the User-Agent's
          k.out(`${nameOf(req.type, d)} rolled back\n`);
          break;
        }
        case 'restart':
          cluster.store.mutate(
            req.type,
            k.namespace,
            name,
            (o) => {
              o.spec.template.metadata ??= {};
              o.spec.template.metadata.annotations = {
                ...(o.spec.template.metadata.annotations ?? {}),
                'kubectl.kubernetes.io/restartedAt': rfc3339(cluster.now()).replace('Z', '+00:00'),
              };
            },
            { manager: str(flags, 'field-manager') ?? 'kubectl-rollout' },
          );
          k.out(`${nameOf(req.type, d)} restarted\n`);
          break;
        case 'pause':
        case 'resume': {
          const paused = sub === 'pause';
          if ((d.spec?.paused ?? false) === paused)
            throw new KubectlError(
              `error: ${nameOf(req.type, d)} is already ${paused ? 'paused' : 'resumed'}`,
            );
          cluster.store.mutate(
            req.type,
            k.namespace,
            name,
            (o) => {
              if (paused) o.spec.paused = true;
              else delete o.spec.paused;
            },
            { manager: str(flags, 'field-manager') ?? 'kubectl-rollout' },
          );
          k.out(`${nameOf(req.type, d)} ${paused ? 'paused' : 'resumed'}\n`);
          break;
        }
        default:
          throw new KubectlError(`error: unknown command "${sub}" for "kubectl rollout"`);
      }
    }
  }
  cluster.runtime.settle();
  return 0;
}

/**
 * One revision's pod template as history.go printTemplate writes it: DescribePodTemplate into a
 * plain buffer (tabs left unaligned), with the ReplicaSet's change-cause among the annotations.
 */
function revisionTemplate(rs: KubeObject): string {
  const template = structuredClone(rs.spec?.template ?? {});
  const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
  template.metadata ??= {};
  if (cause)
    template.metadata.annotations = {
      ...(template.metadata.annotations ?? {}),
      'kubernetes.io/change-cause': cause,
    };
  let text = '';
  describePodTemplate(
    template,
    new PrefixWriter((chunk) => {
      text += chunk;
    }),
  );
  return text;
}
