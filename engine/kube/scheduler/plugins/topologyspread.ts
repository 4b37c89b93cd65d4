// The PodTopologySpread plugin (pkg/scheduler/framework/plugins/podtopologyspread filtering.go and
// scoring.go, v1.32.5): hard constraints filter nodes by skew against the least-loaded domain, soft
// constraints (and the system defaults) score nodes by how many matching pods their domains hold.
import { MAX_NODE_SCORE, type Plugin, type PluginState, status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';
import { RequiredNodeAffinity } from './nodeaffinity.ts';
import {
  countMatching,
  LABEL_HOSTNAME,
  matchesInclusionPolicies,
  nodeHasAllKeys,
  pairKey,
  podSpreadConstraints,
  type SpreadConstraint,
  selectorMatches,
} from './spread-constraints.ts';

/** podtopologyspread.ErrReasonConstraintsNotMatch */
export const ERR_SPREAD = "node(s) didn't match pod topology spread constraints";
/** podtopologyspread.ErrReasonNodeLabelNotMatch */
export const ERR_SPREAD_LABEL = `${ERR_SPREAD} (missing required label)`;

const MAX_INT32 = 2147483647;

/** criticalPaths: the two domains with the fewest matching pods, updated incrementally. */
class CriticalPaths {
  paths: [{ value: string; num: number }, { value: string; num: number }] = [
    { value: '', num: MAX_INT32 },
    { value: '', num: MAX_INT32 },
  ];

  update(value: string, num: number): void {
    const p = this.paths;
    if (value === p[0].value || value === p[1].value) {
      (value === p[0].value ? p[0] : p[1]).num = num;
      if (p[0].num > p[1].num) this.paths = [p[1], p[0]];
    } else if (num < p[0].num) {
      this.paths = [{ value, num }, p[0]];
    } else if (num < p[1].num) {
      p[1] = { value, num };
    }
  }

  copy(): CriticalPaths {
    const c = new CriticalPaths();
    c.paths = [{ ...this.paths[0] }, { ...this.paths[1] }];
    return c;
  }
}

class SpreadFilterState implements PluginState {
  constraints: SpreadConstraint[] = [];
  criticalPaths = new Map<string, CriticalPaths>();
  domainsNum = new Map<string, number>();
  matchNum = new Map<string, number>();
  required!: RequiredNodeAffinity;

  clone(): PluginState {
    const c = new SpreadFilterState();
    c.constraints = this.constraints;
    c.domainsNum = this.domainsNum;
    c.required = this.required;
    for (const [k, v] of this.criticalPaths) c.criticalPaths.set(k, v.copy());
    c.matchNum = new Map(this.matchNum);
    return c;
  }

  /** minMatchNum: 0 when fewer domains than minDomains; undefined when the key has no domain. */
  minMatchNum(key: string, minDomains: number): number | undefined {
    const paths = this.criticalPaths.get(key);
    const domains = this.domainsNum.get(key);
    if (!paths || domains === undefined) return undefined;
    return domains < minDomains ? 0 : paths.paths[0].num;
  }

  /** updateWithPod, for preemption's AddPod/RemovePod. */
  updateWithPod(updated: PodInfo, pod: PodInfo, node: NodeInfo, delta: number): void {
    if (updated.namespace !== pod.namespace || !nodeHasAllKeys(node.labels, this.constraints)) return;
    for (const c of this.constraints) {
      if (!selectorMatches(c.selector, updated.labels)) continue;
      if (!matchesInclusionPolicies(c, pod, node, this.required)) continue;
      const value = node.labels[c.topologyKey];
      const key = pairKey(c.topologyKey, value);
      const n = (this.matchNum.get(key) ?? 0) + delta;
      this.matchNum.set(key, n);
      this.criticalPaths.get(c.topologyKey)?.update(value, n);
    }
  }
}

class SpreadScoreState implements PluginState {
  constraints: SpreadConstraint[] = [];
  ignored = new Set<string>();
  pairCounts = new Map<string, number>();
  weights: number[] = [];
  clone(): PluginState {
    return this;
  }
}

const FILTER_KEY = 'PreFilterPodTopologySpread';
const SCORE_KEY = 'PreScorePodTopologySpread';

export const podTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preFilter(state, pod, snap) {
    const constraints = podSpreadConstraints(pod, 'DoNotSchedule', snap.cluster);
    if (constraints.length === 0) return { status: status('Skip') };
    const s = new SpreadFilterState();
    s.constraints = constraints;
    s.required = new RequiredNodeAffinity(pod.pod);
    for (const node of snap.nodes) {
      if (!nodeHasAllKeys(node.labels, constraints)) continue;
      const perNode = new Map<string, number>();
      for (const c of constraints) {
        if (!matchesInclusionPolicies(c, pod, node, s.required)) continue;
        perNode.set(
          pairKey(c.topologyKey, node.labels[c.topologyKey]),
          countMatching(node.pods, c.selector, pod.namespace),
        );
      }
      for (const [k, n] of perNode) s.matchNum.set(k, (s.matchNum.get(k) ?? 0) + n);
    }
    for (const k of s.matchNum.keys()) {
      const key = k.slice(0, k.indexOf('\u0000'));
      s.domainsNum.set(key, (s.domainsNum.get(key) ?? 0) + 1);
    }
    for (const c of constraints) s.criticalPaths.set(c.topologyKey, new CriticalPaths());
    for (const [k, n] of s.matchNum) {
      const sep = k.indexOf('\u0000');
      s.criticalPaths.get(k.slice(0, sep))?.update(k.slice(sep + 1), n);
    }
    state.write(FILTER_KEY, s);
    return { status: null };
  },
  filter(state, pod, node) {
    const s = state.read<SpreadFilterState>(FILTER_KEY);
    if (!s || s.constraints.length === 0) return null;
    for (const c of s.constraints) {
      if (!Object.hasOwn(node.labels, c.topologyKey))
        return status('UnschedulableAndUnresolvable', ERR_SPREAD_LABEL);
      const min = s.minMatchNum(c.topologyKey, c.minDomains);
      if (min === undefined) continue; // an internal error in Go: logged, constraint skipped
      const self = selectorMatches(c.selector, pod.labels) ? 1 : 0;
      const matchNum = s.matchNum.get(pairKey(c.topologyKey, node.labels[c.topologyKey])) ?? 0;
      if (matchNum + self - min > c.maxSkew) return status('Unschedulable', ERR_SPREAD);
    }
    return null;
  },
  addPod(state, pod, added, node) {
    state.read<SpreadFilterState>(FILTER_KEY)?.updateWithPod(added, pod, node, 1);
  },
  removePod(state, pod, removed, node) {
    state.read<SpreadFilterState>(FILTER_KEY)?.updateWithPod(removed, pod, node, -1);
  },
  preScore(state, pod, filtered, snap) {
    if (snap.nodes.length === 0) return status('Skip');
    const s = new SpreadScoreState();
    s.constraints = podSpreadConstraints(pod, 'ScheduleAnyway', snap.cluster);
    if (s.constraints.length === 0) return status('Skip');
    // The system defaults tolerate nodes without the topology labels.
    const requireAll = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    const topoSize = s.constraints.map(() => 0);
    for (const node of filtered) {
      if (requireAll && !nodeHasAllKeys(node.labels, s.constraints)) {
        s.ignored.add(node.name);
        continue;
      }
      s.constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const k = pairKey(c.topologyKey, node.labels[c.topologyKey] ?? '');
        if (!s.pairCounts.has(k)) {
          s.pairCounts.set(k, 0);
          topoSize[i]++;
        }
      });
    }
    s.weights = s.constraints.map((c, i) => {
      const size = c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignored.size : topoSize[i];
      return Math.log(size + 2);
    });
    const required = new RequiredNodeAffinity(pod.pod);
    for (const node of snap.nodes) {
      if (requireAll && !nodeHasAllKeys(node.labels, s.constraints)) continue;
      for (const c of s.constraints) {
        if (!matchesInclusionPolicies(c, pod, node, required)) continue;
        const k = pairKey(c.topologyKey, node.labels[c.topologyKey] ?? '');
        const cur = s.pairCounts.get(k);
        if (cur === undefined) continue;
        s.pairCounts.set(k, cur + countMatching(node.pods, c.selector, pod.namespace));
      }
    }
    state.write(SCORE_KEY, s);
    return null;
  },
  score(state, pod, node) {
    const s = state.read<SpreadScoreState>(SCORE_KEY)!;
    if (s.ignored.has(node.name)) return 0;
    let score = 0;
    s.constraints.forEach((c, i) => {
      if (!Object.hasOwn(node.labels, c.topologyKey)) return;
      const cnt =
        c.topologyKey === LABEL_HOSTNAME
          ? countMatching(node.pods, c.selector, pod.namespace)
          : (s.pairCounts.get(pairKey(c.topologyKey, node.labels[c.topologyKey])) ?? 0);
      // scoreForCount
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  },
  normalize(state, _pod, scores, nodes) {
    const s = state.read<SpreadScoreState>(SCORE_KEY);
    if (!s) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    const invalid = nodes.map((n) => s.ignored.has(n.name));
    scores.forEach((v, i) => {
      if (invalid[i]) return;
      if (v < min) min = v;
      if (v > max) max = v;
    });
    for (let i = 0; i < scores.length; i++) {
      if (invalid[i]) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  },
};
