// One scheduling cycle (pkg/scheduler/schedule_one.go, v1.32.5): PreFilter, Filter over the nodes
// from where the last cycle stopped until enough feasible nodes are found, Score, and selectHost's
// reservoir sampling among the best; on failure the FitError message and preemption.
import { type Diagnosis, fitErrorMessage, newDiagnosis, statusMessage, truncateMessage } from './fiterror.ts';
import { CycleState, type Snapshot } from './framework.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';
import { preempt } from './preemption.ts';
import { prioritize, runFilterPlugins, runPreFilterPlugins } from './profile.ts';

/** ErrNoNodesAvailable */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

export interface Random {
  int(n: number): number;
}

export type ScheduleResult =
  | { node: string }
  | {
      unschedulable: true;
      /** The FailedScheduling event message (truncated to 1024 bytes like the real event note). */
      message: string;
      /** The PodScheduled condition message (never truncated). */
      conditionMessage: string;
      /** Set when preemption chose a node: the pod's status.nominatedNodeName... */
      nominatedNode?: string;
      /** ...and the pods to delete (each gets a DisruptionTarget condition first). */
      victims?: { namespace: string; name: string; uid?: string }[];
    };

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind with percentageOfNodesToScore 0 (adaptive). */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = 50 - Math.trunc(numAllNodes / 125);
  if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

export interface CycleOptions {
  /** nextStartNodeIndex of the previous cycle. */
  startIndex: number;
  random?: Random;
}

export interface CycleOutcome {
  result: ScheduleResult;
  /** The nextStartNodeIndex for the following cycle. */
  nextStartIndex: number;
}

function unschedulable(message: string, extra?: Partial<ScheduleResult>): ScheduleResult {
  return {
    unschedulable: true,
    message: truncateMessage(message),
    conditionMessage: message,
    ...extra,
  } as ScheduleResult;
}

/**
 * selectHost: the highest total; among the nodes sharing it, reservoir sampling (each later tie
 * replaces the choice when random.int(count) is 0), or the first one without a random source.
 */
function selectHost(nodes: NodeInfo[], totals: number[], random?: Random): string {
  let max = Number.NEGATIVE_INFINITY;
  for (const t of totals) if (t > max) max = t;
  let selected = -1;
  let count = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (totals[i] !== max) continue;
    count++;
    if (count === 1) selected = i;
    else if (random && random.int(count) === 0) selected = i;
  }
  return nodes[selected].name;
}

/** schedulingCycle up to the assume step: a node name or the failure to report. */
export function scheduleOne(snap: Snapshot, pod: PodInfo, opts: CycleOptions): CycleOutcome {
  const all = snap.nodes;
  if (all.length === 0) return { result: unschedulable(NO_NODES_MESSAGE), nextStartIndex: opts.startIndex };
  const state = new CycleState();
  const d: Diagnosis = newDiagnosis();
  let nextStartIndex = opts.startIndex;
  const feasible: NodeInfo[] = [];

  const pre = runPreFilterPlugins(state, pod, snap);
  if (pre.status && pre.status.code === 'Error') {
    return { result: unschedulable(statusMessage(pre.status)), nextStartIndex };
  }
  if (pre.status) {
    d.absentStatus = pre.status;
    d.preFilterMsg = statusMessage(pre.status);
  } else {
    // evaluateNominatedNode: a node nominated by an earlier preemption is tried first, alone.
    const nominated = snap.get(pod.pod.status?.nominatedNodeName ?? '');
    if (nominated) {
      const st = runFilterPlugins(state, pod, nominated, snap);
      if (st === null) return { result: { node: nominated.name }, nextStartIndex };
      d.nodeToStatus.set(nominated.name, st);
    }
    let nodes = all;
    if (pre.nodeNames) {
      nodes = all.filter((n) => pre.nodeNames!.has(n.name));
      d.absentStatus = {
        code: 'UnschedulableAndUnresolvable',
        reasons: [`node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`],
      };
    }
    // findNodesThatPassFilters, sequentially: stop once enough feasible nodes are found.
    const toFind = numFeasibleNodesToFind(nodes.length);
    for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
      const node = nodes[(opts.startIndex + i) % nodes.length];
      const st = runFilterPlugins(state, pod, node, snap);
      if (st === null) feasible.push(node);
      else d.nodeToStatus.set(node.name, st);
    }
    // Every cycle resumes where the last one stopped, so all nodes get their turn.
    const processed = feasible.length + d.nodeToStatus.size;
    nextStartIndex = (opts.startIndex + processed) % all.length;
    const errored = [...d.nodeToStatus.values()].find((s) => s.code === 'Error');
    if (errored) return { result: unschedulable(statusMessage(errored)), nextStartIndex };
  }

  if (feasible.length === 1) return { result: { node: feasible[0].name }, nextStartIndex };
  if (feasible.length > 1) {
    const totals = prioritize(state, pod, feasible, snap);
    return { result: { node: selectHost(feasible, totals, opts.random) }, nextStartIndex };
  }

  const outcome = preempt(state, pod, d, snap, opts.random);
  d.postFilterMsg = outcome.message;
  const message = fitErrorMessage(all.length, d);
  const victims = outcome.victims?.map((v) => ({
    namespace: v.namespace,
    name: v.name,
    uid: v.pod.metadata.uid,
  }));
  return {
    result: unschedulable(
      message,
      outcome.nominatedNode ? { nominatedNode: outcome.nominatedNode, victims } : {},
    ),
    nextStartIndex,
  };
}
