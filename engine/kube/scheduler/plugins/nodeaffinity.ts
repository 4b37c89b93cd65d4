// The NodeAffinity plugin (pkg/scheduler/framework/plugins/nodeaffinity, v1.32.5) and node selector
// matching (k8s.io/component-helpers/scheduling/corev1/nodeaffinity): nodeSelector plus required
// terms for Filter, preferred terms for Score, metadata.name matchFields for the PreFilter node list.
import type { KubeObject } from '../../api/types.ts';
import { defaultNormalizeScore, type Plugin, type PluginState, status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';

/** nodeaffinity.ErrReasonPod */
export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
const ERR_CONFLICT = 'pod affinity terms conflict';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

interface Term {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

const INT64 = /^[+-]?\d+$/;

/** labels.Requirement validity for the node selector operators (NewRequirement). */
function validRequirement(r: Requirement): boolean {
  const n = r.values?.length ?? 0;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return n > 0;
    case 'Exists':
    case 'DoesNotExist':
      return n === 0;
    case 'Gt':
    case 'Lt':
      return n === 1 && INT64.test(r.values![0]);
    default:
      return false;
  }
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values!.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values!.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !INT64.test(labels[r.key])) return false;
      const have = BigInt(labels[r.key]);
      const want = BigInt(r.values![0]);
      return r.operator === 'Gt' ? have > want : have < want;
    }
  }
  return false;
}

function validField(r: Requirement): boolean {
  return (r.operator === 'In' || r.operator === 'NotIn') && r.values?.length === 1;
}

function isEmptyTerm(t: Term): boolean {
  return (t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0;
}

/** nodeSelectorTerm.match; a term that fails to parse matches nothing. */
export function termMatchesNode(t: Term, node: KubeObject): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (!exprs.every(validRequirement) || !fields.every(validField)) return false;
  const labels = node.metadata.labels ?? {};
  if (exprs.length > 0 && !exprs.every((r) => requirementMatches(r, labels))) return false;
  const name = node.metadata.name ?? '';
  if (fields.length > 0 && name !== '') {
    for (const f of fields) {
      // Only metadata.name is a node field; any other key never equals.
      const value = f.key === 'metadata.name' ? name : undefined;
      if (f.operator === 'In' ? value !== f.values![0] : value === f.values![0]) return false;
    }
  }
  return true;
}

/** LazyErrorNodeSelector.Match: any non-empty term matches. */
export function nodeSelectorMatches(terms: Term[], node: KubeObject): boolean {
  return terms.some((t) => !isEmptyTerm(t) && termMatchesNode(t, node));
}

/** nodeaffinity.RequiredNodeAffinity: spec.nodeSelector and the required node affinity. */
export class RequiredNodeAffinity implements PluginState {
  private readonly selector: [string, string][] | null;
  private readonly terms: Term[] | null;

  constructor(pod: KubeObject) {
    const ns: Record<string, string> = pod.spec?.nodeSelector ?? {};
    this.selector = Object.keys(ns).length > 0 ? Object.entries(ns) : null;
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.terms = required ? ((required.nodeSelectorTerms ?? []) as Term[]) : null;
  }

  matches(node: NodeInfo): boolean {
    if (this.selector) {
      for (const [k, v] of this.selector) if (node.labels[k] !== v) return false;
    }
    return this.terms === null || nodeSelectorMatches(this.terms, node.node);
  }

  clone(): PluginState {
    return this;
  }
}

/** PreferredSchedulingTerms.Score: the sum of the weights of matching terms. */
export function preferredScore(pod: KubeObject, node: KubeObject): number {
  let score = 0;
  for (const p of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    const weight: number = p?.weight ?? 0;
    const term: Term = p?.preference ?? {};
    if (weight === 0 || isEmptyTerm(term)) continue;
    if (termMatchesNode(term, node)) score += weight;
  }
  return score;
}

const PRE_FILTER_KEY = 'PreFilterNodeAffinity';

export const nodeAffinity: Plugin = {
  name: 'NodeAffinity',
  weight: 2,
  preFilter(state, pod) {
    const spec = pod.pod.spec ?? {};
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && (spec.nodeSelector === undefined || spec.nodeSelector === null)) {
      return { status: status('Skip') };
    }
    state.write(PRE_FILTER_KEY, new RequiredNodeAffinity(pod.pod));
    const terms: Term[] = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return { status: null };
    // Terms that all pin metadata.name narrow the nodes to evaluate.
    let names: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key === 'metadata.name' && r.operator === 'In') {
          const s = new Set(r.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
        }
      }
      if (!termNames) return { status: null };
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names && names.size === 0) return { status: status('UnschedulableAndUnresolvable', ERR_CONFLICT) };
    return names && names.size > 0 ? { status: null, nodeNames: names } : { status: null };
  },
  filter(state, pod, node) {
    const req = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? new RequiredNodeAffinity(pod.pod);
    return req.matches(node) ? null : status('UnschedulableAndUnresolvable', ERR_NODE_AFFINITY);
  },
  preScore(_state, pod, nodes) {
    if (nodes.length === 0) return null;
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    return preferred ? null : status('Skip');
  },
  score(_state, pod, node) {
    return preferredScore(pod.pod, node.node);
  },
  normalize(_state, _pod, scores) {
    defaultNormalizeScore(scores, false);
  },
};
