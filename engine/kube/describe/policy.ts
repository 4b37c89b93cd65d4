// Describers of scheduling policy objects: PodDisruptionBudget and PriorityClass.
// Follows describePodDisruptionBudgetV1 / describePriorityClass in pkg/describe/describe.go.
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import { formatLabelSelector, formatLabels, type Json } from './format.ts';
import { int, str } from './gofmt.ts';
import { LEVEL_0, LEVEL_2, tabbedString } from './writer.ts';

export interface PolicyContext extends EventContext {
  showEvents: boolean;
}

export function describePodDisruptionBudget(pdb: KubeObject, ctx: PolicyContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(pdb)) : null;
  const spec: Json = pdb.spec ?? {};
  const status: Json = pdb.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(pdb.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(pdb.metadata.namespace)}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
      w.write(LEVEL_0, `Min available:\t${String(spec.minAvailable)}\n`);
    } else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
      w.write(LEVEL_0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
    }
    if (spec.selector) w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    else w.write(LEVEL_0, 'Selector:\t<unset>\n');
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${int(status.disruptionsAllowed)}\n`);
    w.write(LEVEL_2, `Current:\t${int(status.currentHealthy)}\n`);
    w.write(LEVEL_2, `Desired:\t${int(status.desiredHealthy)}\n`);
    w.write(LEVEL_2, `Total:\t${int(status.expectedPods)}\n`);
    if (events) describeEvents(events, w, ctx.now);
  });
}

export function describePriorityClass(pc: KubeObject, ctx: PolicyContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(pc)) : null;
  const p: Json = pc;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(pc.metadata.name)}\n`);
    w.write(LEVEL_0, `Value:\t${int(p.value)}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${p.globalDefault === true}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${str(p.preemptionPolicy)}\n`);
    w.write(LEVEL_0, `Description:\t${str(p.description)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (events) describeEvents(events, w, ctx.now);
  });
}
