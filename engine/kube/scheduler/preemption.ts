// DefaultPreemption, the PostFilter that runs when no node fits (framework/preemption/preemption.go and
// plugins/defaultpreemption/default_preemption.go, v1.32.5): on nodes rejected as Unschedulable it
// removes lower-priority pods, re-runs the filters and reprieves as many as possible. Its outcome is
// the "preemption: ..." suffix of the FailedScheduling message, or a node to nominate with victims.
import { matches, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { type Diagnosis, fitErrorMessage, newDiagnosis } from './fiterror.ts';
import type { CycleState, Snapshot, Status } from './framework.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';
import { runFilterPlugins, runPreFilterExtension } from './profile.ts';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface PreemptionOutcome {
  /** The PostFilter status message (already prefixed with "preemption: "), or "" on success. */
  message: string;
  nominatedNode?: string;
  victims?: PodInfo[];
}

interface Candidate {
  node: string;
  victims: PodInfo[];
  pdbViolations: number;
}

function startTime(p: PodInfo, now: number): number {
  const t = Date.parse(p.pod.status?.startTime ?? '');
  return Number.isNaN(t) ? now : t;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
function moreImportant(a: PodInfo, b: PodInfo, now: number): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startTime(a, now) - startTime(b, now);
}

/** podTerminatingByPreemption */
function terminatingByPreemption(p: KubeObject): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = (p.status?.conditions ?? []).find((x: { type: string }) => x.type === 'DisruptionTarget');
  return c !== undefined && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** PodEligibleToPreemptOthers: a reason when the pod may not preempt. */
function ineligibility(pod: PodInfo, d: Diagnosis, snap: Snapshot): string | undefined {
  if (pod.pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated: string = pod.pod.status?.nominatedNodeName ?? '';
  if (nominated === '') return undefined;
  const nominatedStatus = d.nodeToStatus.get(nominated) ?? d.absentStatus;
  if (nominatedStatus.code === 'UnschedulableAndUnresolvable') return undefined;
  const node = snap.get(nominated);
  if (node?.pods.some((p) => p.priority < pod.priority && terminatingByPreemption(p.pod))) {
    return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

/** filterPodsWithPDBViolation: pods whose eviction would exceed a PDB's disruptionsAllowed. */
function splitByPdb(pods: PodInfo[], pdbs: KubeObject[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => (p.status?.disruptionsAllowed as number) ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata.namespace !== p.namespace) return;
        const sel = selectorFromObject(pdb.spec?.selector);
        if (sel === null || sel.length === 0 || !matches(sel, p.labels)) return;
        if (Object.hasOwn(pdb.status?.disruptedPods ?? {}, p.name)) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

interface VictimSelection {
  status: Status | null;
  victims: PodInfo[];
  pdbViolations: number;
}

/** SelectVictimsOnNode */
function selectVictims(
  state: CycleState,
  pod: PodInfo,
  node: NodeInfo,
  snap: Snapshot,
  pdbs: KubeObject[],
): VictimSelection {
  const remove = (p: PodInfo) => {
    node.removePod(p.key);
    runPreFilterExtension('remove', state, pod, p, node);
  };
  const add = (p: PodInfo) => {
    node.addPod(p);
    runPreFilterExtension('add', state, pod, p, node);
  };
  const potential = node.pods.filter((p) => p.priority < pod.priority);
  for (const p of potential) remove(p);
  if (potential.length === 0) {
    return {
      status: { code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] },
      victims: [],
      pdbViolations: 0,
    };
  }
  const st = runFilterPlugins(state, pod, node, snap);
  if (st) return { status: st, victims: [], pdbViolations: 0 };
  potential.sort((a, b) => moreImportant(a, b, snap.now));
  const { violating, nonViolating } = splitByPdb(potential, pdbs);
  const victims: PodInfo[] = [];
  const reprieve = (p: PodInfo): boolean => {
    add(p);
    const fits = runFilterPlugins(state, pod, node, snap) === null;
    if (!fits) {
      remove(p);
      victims.push(p);
    }
    return fits;
  };
  let pdbViolations = 0;
  for (const p of violating) if (!reprieve(p)) pdbViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => moreImportant(a, b, snap.now));
  return { status: null, victims, pdbViolations };
}

/** pickOneNodeForPreemption, with the default score functions in order of precedence. */
function pickOne(candidates: Candidate[], now: number): Candidate {
  const earliestStart = (c: Candidate): number => {
    let max = c.victims[0].priority;
    let earliest = startTime(c.victims[0], now);
    for (const p of c.victims) {
      if (p.priority === max) earliest = Math.min(earliest, startTime(p, now));
      else if (p.priority > max) {
        max = p.priority;
        earliest = startTime(p, now);
      }
    }
    return earliest;
  };
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.pdbViolations,
    (c) => -c.victims[0].priority,
    (c) => -c.victims.reduce((sum, p) => sum + p.priority + 2147483648, 0),
    (c) => -c.victims.length,
    earliestStart,
  ];
  let all = candidates;
  for (const f of scoreFuncs) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/** Evaluator.Preempt followed by DefaultPreemption.PostFilter's "preemption: " prefix. */
export function preempt(
  state: CycleState,
  pod: PodInfo,
  d: Diagnosis,
  snap: Snapshot,
  random?: { int(n: number): number },
): PreemptionOutcome {
  const reason = ineligibility(pod, d, snap);
  if (reason) return { message: `preemption: ${reason}` };

  // NodesForStatusCode(Unschedulable): only nodes whose failure removing pods might fix.
  const potential = snap.nodes.filter(
    (n) => (d.nodeToStatus.get(n.name) ?? d.absentStatus).code === 'Unschedulable',
  );
  const result = newDiagnosis();
  result.absentStatus = { code: 'UnschedulableAndUnresolvable', reasons: [NOT_HELPFUL] };
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    const pdbs = snap.cluster.podDisruptionBudgets?.() ?? [];
    const offset = random ? random.int(potential.length) : 0;
    // calculateNumCandidates: 10% of the nodes, at least 100, at most all.
    const wanted = Math.min(Math.max(Math.trunc((potential.length * 10) / 100), 100), potential.length);
    let nonViolating = 0;
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length].clone();
      const sel = selectVictims(state.clone(), pod, node, snap, pdbs);
      if (!sel.status && sel.victims.length > 0) {
        candidates.push({ node: node.name, victims: sel.victims, pdbViolations: sel.pdbViolations });
        if (sel.pdbViolations === 0) nonViolating++;
        if (nonViolating > 0 && candidates.length >= wanted) break;
        continue;
      }
      const st = sel.status ?? {
        code: 'Error' as const,
        reasons: [`expected at least one victim pod on node "${node.name}"`],
      };
      result.nodeToStatus.set(node.name, st);
    }
  }
  if (candidates.length === 0)
    return { message: `preemption: ${fitErrorMessage(snap.nodes.length, result)}` };
  // Candidates that violate no PDB come first.
  candidates.sort((a, b) => Number(a.pdbViolations > 0) - Number(b.pdbViolations > 0));
  const best = candidates.length === 1 ? candidates[0] : pickOne(candidates, snap.now);
  return { message: '', nominatedNode: best.node, victims: best.victims };
}
