// What the scheduler precomputes per pod (framework.PodInfo): requests, parsed pod (anti-)affinity
// terms, priority and host ports. Term semantics from pkg/scheduler/framework/types.go (v1.32.5):
// newAffinityTerm, getNamespacesFromPodAffinityTerm, AffinityTerm.Matches.
import { matches, type Selector, selectorFromObject } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { podNonZeroRequests, podRequests, type Resources } from './resources.ts';

/** framework.AffinityTerm; a null selector is labels.Nothing(), an empty one labels.Everything(). */
export interface AffinityTerm {
  namespaces: Set<string>;
  selector: Selector | null;
  topologyKey: string;
  namespaceSelector: Selector | null;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  pod: KubeObject;
  /** GetPodKey: the UID, or namespace/name for objects without one. */
  key: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  requests: Resources;
  nonZero: { cpuMilli: number; memoryBytes: number };
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** podWithAffinity: has a podAffinity or podAntiAffinity stanza. */
  withAffinity: boolean;
  /** podWithRequiredAntiAffinity */
  withRequiredAntiAffinity: boolean;
  /** corev1helpers.PodPriority: spec.priority, 0 when unset. */
  priority: number;
  /** Container ports (any hostPort); NodeInfo keeps those with hostPort > 0. */
  ports: HostPort[];
}

export function podKey(pod: KubeObject): string {
  return pod.metadata.uid || `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** AffinityTerm.Matches: namespace (by list or selector) and label selector. */
export function termMatches(
  term: AffinityTerm,
  pod: PodInfo,
  nsLabels: Record<string, string> | undefined,
): boolean {
  if (
    term.namespaces.has(pod.namespace) ||
    (term.namespaceSelector !== null && matches(term.namespaceSelector, nsLabels))
  ) {
    return term.selector !== null && matches(term.selector, pod.labels);
  }
  return false;
}

// biome-ignore lint/suspicious/noExplicitAny: pod affinity terms are open JSON
type TermJson = any;

function newTerm(namespace: string, t: TermJson): AffinityTerm {
  const namespaces = new Set<string>();
  const listed: string[] = t?.namespaces ?? [];
  if (listed.length === 0 && (t?.namespaceSelector === undefined || t?.namespaceSelector === null)) {
    namespaces.add(namespace);
  } else {
    for (const n of listed) namespaces.add(n);
  }
  return {
    namespaces,
    selector: selectorFromObject(t?.labelSelector),
    topologyKey: t?.topologyKey ?? '',
    namespaceSelector: selectorFromObject(t?.namespaceSelector),
  };
}

function terms(namespace: string, list: TermJson[] | undefined): AffinityTerm[] {
  return (list ?? []).map((t) => newTerm(namespace, t));
}

function weightedTerms(namespace: string, list: TermJson[] | undefined): WeightedAffinityTerm[] {
  return (list ?? []).map((w) => ({ ...newTerm(namespace, w?.podAffinityTerm), weight: w?.weight ?? 0 }));
}

export function newPodInfo(pod: KubeObject): PodInfo {
  const spec = pod.spec ?? {};
  const namespace = pod.metadata.namespace ?? '';
  const affinity = spec.affinity ?? {};
  const pa = affinity.podAffinity;
  const paa = affinity.podAntiAffinity;
  const ports: HostPort[] = [];
  for (const c of spec.containers ?? []) {
    for (const p of c?.ports ?? []) {
      ports.push({ ip: p?.hostIP ?? '', protocol: p?.protocol ?? '', port: p?.hostPort ?? 0 });
    }
  }
  return {
    pod,
    key: podKey(pod),
    name: pod.metadata.name ?? '',
    namespace,
    labels: pod.metadata.labels ?? {},
    requests: podRequests(pod),
    nonZero: podNonZeroRequests(pod),
    requiredAffinityTerms: terms(namespace, pa?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: terms(namespace, paa?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: weightedTerms(namespace, pa?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weightedTerms(
      namespace,
      paa?.preferredDuringSchedulingIgnoredDuringExecution,
    ),
    withAffinity: Boolean(pa || paa),
    withRequiredAntiAffinity: (paa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0,
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    ports,
  };
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty (interpodaffinity/plugin.go): a non-empty namespaceSelector
 * of the incoming pod's terms is resolved to namespace names once, then matches nothing by itself.
 */
export function resolveTermNamespaces<T extends AffinityTerm>(term: T, namespaces: KubeObject[]): T {
  const sel = term.namespaceSelector;
  if (sel !== null && sel.length === 0) return term; // labels.Everything(): Empty() is true
  const resolved = new Set(term.namespaces);
  if (sel !== null) {
    for (const ns of namespaces) if (matches(sel, ns.metadata.labels)) resolved.add(ns.metadata.name ?? '');
  }
  return { ...term, namespaces: resolved, namespaceSelector: null };
}
