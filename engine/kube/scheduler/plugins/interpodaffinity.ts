// The InterPodAffinity plugin (pkg/scheduler/framework/plugins/interpodaffinity filtering.go and
// scoring.go, v1.32.5): required pod affinity / anti-affinity of the incoming pod and required
// anti-affinity of existing pods filter nodes by topology domain; preferred terms (both ways) and
// existing pods' required affinity (HardPodAffinityWeight 1) score them.
import type { KubeObject } from '../../api/types.ts';
import { MAX_NODE_SCORE, type Plugin, type PluginState, type Snapshot, status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import {
  type AffinityTerm,
  type PodInfo,
  resolveTermNamespaces,
  termMatches,
  type WeightedAffinityTerm,
} from '../podinfo.ts';
import { pairKey } from './spread-constraints.ts';

export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

/** topologyToMatchedTermCount, keyed by pairKey(topologyKey, value). */
type Counts = Map<string, number>;

function bump(m: Counts, node: NodeInfo, topologyKey: string, value: number): void {
  if (!Object.hasOwn(node.labels, topologyKey)) return;
  const k = pairKey(topologyKey, node.labels[topologyKey]);
  const n = (m.get(k) ?? 0) + value;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

/** podMatchesAllAffinityTerms */
function matchesAllTerms(terms: AffinityTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, undefined)) return false;
  return true;
}

function namespaceLabels(snap: Snapshot, namespace: string): Record<string, string> | undefined {
  return snap.cluster.namespaces?.().find((n) => n.metadata.name === namespace)?.metadata.labels;
}

function allNamespaces(snap: Snapshot): KubeObject[] {
  return snap.cluster.namespaces?.() ?? [];
}

class AffinityFilterState implements PluginState {
  existingAnti: Counts = new Map();
  affinity: Counts = new Map();
  anti: Counts = new Map();
  requiredAffinity: AffinityTerm[] = [];
  requiredAnti: AffinityTerm[] = [];
  incoming!: PodInfo;
  nsLabels: Record<string, string> | undefined;

  clone(): PluginState {
    const c = Object.assign(new AffinityFilterState(), this);
    c.existingAnti = new Map(this.existingAnti);
    c.affinity = new Map(this.affinity);
    c.anti = new Map(this.anti);
    return c;
  }

  updateWithPod(p: PodInfo, node: NodeInfo, multiplier: number): void {
    for (const t of p.requiredAntiAffinityTerms) {
      if (termMatches(t, this.incoming, this.nsLabels))
        bump(this.existingAnti, node, t.topologyKey, multiplier);
    }
    if (matchesAllTerms(this.requiredAffinity, p)) {
      for (const t of this.requiredAffinity) bump(this.affinity, node, t.topologyKey, multiplier);
    }
    for (const t of this.requiredAnti)
      if (termMatches(t, p, undefined)) bump(this.anti, node, t.topologyKey, multiplier);
  }
}

type ScoreMap = Map<string, Map<string, number>>;

function processTerm(
  m: ScoreMap,
  t: AffinityTerm,
  weight: number,
  pod: PodInfo,
  nsLabels: Record<string, string> | undefined,
  node: NodeInfo,
  mult: number,
): void {
  if (!termMatches(t, pod, nsLabels) || !Object.hasOwn(node.labels, t.topologyKey)) return;
  let values = m.get(t.topologyKey);
  if (!values) m.set(t.topologyKey, (values = new Map()));
  const v = node.labels[t.topologyKey];
  values.set(v, (values.get(v) ?? 0) + weight * mult);
}

function processTerms(
  m: ScoreMap,
  terms: WeightedAffinityTerm[],
  pod: PodInfo,
  nsLabels: Record<string, string> | undefined,
  node: NodeInfo,
  mult: number,
): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, nsLabels, node, mult);
}

class AffinityScoreState implements PluginState {
  topologyScore: ScoreMap = new Map();
  clone(): PluginState {
    return this;
  }
}

const FILTER_KEY = 'PreFilterInterPodAffinity';
const SCORE_KEY = 'PreScoreInterPodAffinity';

/** InterPodAffinityArgs.HardPodAffinityWeight default */
const HARD_POD_AFFINITY_WEIGHT = 1;

export const interPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preFilter(state, pod, snap) {
    const s = new AffinityFilterState();
    s.incoming = pod;
    const namespaces = allNamespaces(snap);
    s.requiredAffinity = pod.requiredAffinityTerms.map((t) => resolveTermNamespaces(t, namespaces));
    s.requiredAnti = pod.requiredAntiAffinityTerms.map((t) => resolveTermNamespaces(t, namespaces));
    s.nsLabels = namespaceLabels(snap, pod.namespace);
    for (const node of snap.withRequiredAntiAffinityPods()) {
      for (const existing of node.podsWithRequiredAntiAffinity) {
        for (const t of existing.requiredAntiAffinityTerms) {
          if (termMatches(t, pod, s.nsLabels)) bump(s.existingAnti, node, t.topologyKey, 1);
        }
      }
    }
    if (s.requiredAffinity.length > 0 || s.requiredAnti.length > 0) {
      for (const node of snap.nodes) {
        for (const existing of node.pods) {
          if (matchesAllTerms(s.requiredAffinity, existing)) {
            for (const t of s.requiredAffinity) bump(s.affinity, node, t.topologyKey, 1);
          }
          for (const t of s.requiredAnti)
            if (termMatches(t, existing, undefined)) bump(s.anti, node, t.topologyKey, 1);
        }
      }
    }
    if (s.existingAnti.size === 0 && s.requiredAffinity.length === 0 && s.requiredAnti.length === 0) {
      return { status: status('Skip') };
    }
    state.write(FILTER_KEY, s);
    return { status: null };
  },
  filter(state, pod, node) {
    const s = state.read<AffinityFilterState>(FILTER_KEY);
    if (!s) return null;
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of s.requiredAffinity) {
      if (!Object.hasOwn(node.labels, t.topologyKey))
        return status('UnschedulableAndUnresolvable', ERR_AFFINITY);
      if ((s.affinity.get(pairKey(t.topologyKey, node.labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
    }
    // The first pod of a group that matches its own affinity may go anywhere.
    if (!podsExist && !(s.affinity.size === 0 && matchesAllTerms(s.requiredAffinity, pod))) {
      return status('UnschedulableAndUnresolvable', ERR_AFFINITY);
    }
    // satisfyPodAntiAffinity
    if (s.anti.size > 0) {
      for (const t of s.requiredAnti) {
        if (!Object.hasOwn(node.labels, t.topologyKey)) continue;
        if ((s.anti.get(pairKey(t.topologyKey, node.labels[t.topologyKey])) ?? 0) > 0) {
          return status('Unschedulable', ERR_ANTI_AFFINITY);
        }
      }
    }
    // satisfyExistingPodsAntiAffinity
    if (s.existingAnti.size > 0) {
      for (const key in node.labels) {
        if ((s.existingAnti.get(pairKey(key, node.labels[key])) ?? 0) > 0) {
          return status('Unschedulable', ERR_EXISTING_ANTI_AFFINITY);
        }
      }
    }
    return null;
  },
  addPod(state, _pod, added, node) {
    state.read<AffinityFilterState>(FILTER_KEY)?.updateWithPod(added, node, 1);
  },
  removePod(state, _pod, removed, node) {
    state.read<AffinityFilterState>(FILTER_KEY)?.updateWithPod(removed, node, -1);
  },
  preScore(state, pod, nodes, snap) {
    if (nodes.length === 0) return status('Skip');
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    const namespaces = allNamespaces(snap);
    const preferred = pod.preferredAffinityTerms.map((t) => resolveTermNamespaces(t, namespaces));
    const preferredAnti = pod.preferredAntiAffinityTerms.map((t) => resolveTermNamespaces(t, namespaces));
    const nsLabels = namespaceLabels(snap, pod.namespace);
    const s = new AffinityScoreState();
    let any = false;
    for (const node of hasConstraints ? snap.nodes : snap.withAffinityPods()) {
      const pods = hasConstraints ? node.pods : node.podsWithAffinity;
      if (pods.length === 0) continue;
      const m: ScoreMap = new Map();
      for (const existing of pods) {
        // processExistingPod
        if (Object.keys(node.labels).length === 0) continue;
        processTerms(m, preferred, existing, undefined, node, 1);
        processTerms(m, preferredAnti, existing, undefined, node, -1);
        for (const t of existing.requiredAffinityTerms)
          processTerm(m, t, HARD_POD_AFFINITY_WEIGHT, pod, nsLabels, node, 1);
        processTerms(m, existing.preferredAffinityTerms, pod, nsLabels, node, 1);
        processTerms(m, existing.preferredAntiAffinityTerms, pod, nsLabels, node, -1);
      }
      if (m.size === 0) continue;
      any = true;
      for (const [key, values] of m) {
        const into = s.topologyScore.get(key);
        if (!into) s.topologyScore.set(key, values);
        else for (const [v, n] of values) into.set(v, (into.get(v) ?? 0) + n);
      }
    }
    if (!any) return status('Skip');
    state.write(SCORE_KEY, s);
    return null;
  },
  score(state, _pod, node) {
    const s = state.read<AffinityScoreState>(SCORE_KEY)!;
    let score = 0;
    for (const [key, values] of s.topologyScore) {
      if (Object.hasOwn(node.labels, key)) score += values.get(node.labels[key]) ?? 0;
    }
    return score;
  },
  normalize(state, _pod, scores) {
    const s = state.read<AffinityScoreState>(SCORE_KEY);
    if (!s || s.topologyScore.size === 0) return;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of scores) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
    }
  },
};
