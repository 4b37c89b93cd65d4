// The resource usage of running containers: an idle baseline per image, overrides a note sets
// with setUsage(), and the cumulative CPU counters (per container and per node) that the kubelet's
// resource metrics endpoint reports and metrics-server turns into rates.
import { Quantity } from '../api/quantity.ts';
import { matches, parseLabelSelector, type Selector } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import { parseTime } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { parseImage } from '../kubelet/images.ts';

const Mi = 1024 * 1024;

/** What a container uses: CPU in millicores, memory (working set) in bytes. */
export interface Usage {
  cpu: number;
  memory: number;
}

/**
 * Idle usage per image repository. These are this simulator's choices, not measurements:
 * small, fixed values in the range `kubectl top` shows for these images at rest on kind.
 */
export const IDLE_USAGE: Record<string, Usage> = {
  'docker.io/library/nginx': { cpu: 0, memory: 3 * Mi },
  'docker.io/library/httpd': { cpu: 1, memory: 6 * Mi },
  'docker.io/library/redis': { cpu: 2, memory: 4 * Mi },
  'docker.io/library/busybox': { cpu: 0, memory: 0.5 * Mi },
  'docker.io/library/alpine': { cpu: 0, memory: 0.5 * Mi },
  'registry.k8s.io/hpa-example': { cpu: 1, memory: 10 * Mi },
  'registry.k8s.io/pause': { cpu: 0, memory: 0.25 * Mi },
  'registry.k8s.io/coredns/coredns': { cpu: 2, memory: 13 * Mi },
  'registry.k8s.io/etcd': { cpu: 18, memory: 32 * Mi },
  'registry.k8s.io/kube-apiserver': { cpu: 40, memory: 210 * Mi },
  'registry.k8s.io/kube-controller-manager': { cpu: 14, memory: 48 * Mi },
  'registry.k8s.io/kube-scheduler': { cpu: 3, memory: 20 * Mi },
  'registry.k8s.io/kube-proxy': { cpu: 1, memory: 14 * Mi },
  'docker.io/kindest/kindnetd': { cpu: 1, memory: 10 * Mi },
  'docker.io/kindest/local-path-provisioner': { cpu: 1, memory: 8 * Mi },
  'registry.k8s.io/metrics-server/metrics-server': { cpu: 3, memory: 18 * Mi },
};

/** Any other image at rest. */
export const DEFAULT_IDLE: Usage = { cpu: 1, memory: 8 * Mi };

/** A node's own usage besides its pods (kubelet, containerd, systemd in the kind container). */
export const NODE_SYSTEM_USAGE: Usage = { cpu: 55, memory: 420 * Mi };

export interface UsageOverride {
  namespace?: string;
  /** A label selector (kubectl syntax) choosing the pods; or `pod` for one pod. */
  selector?: string;
  pod?: string;
  /** The container given the usage; by default the pod's first container. */
  container?: string;
  /** Millicores, or a quantity such as "500m" or "1". */
  cpu?: number | string;
  /** Bytes, or a quantity such as "64Mi". */
  memory?: number | string;
  /** The cpu and memory are a total shared evenly by the matching running pods (a load generator). */
  shared?: boolean;
}

interface Rule {
  namespace: string;
  selector: Selector | null;
  pod?: string;
  container?: string;
  cpu?: number;
  memory?: number;
  shared: boolean;
}

export interface RunningContainer {
  /** uid/container/startedAt: a restart starts a new counter. */
  key: string;
  pod: KubeObject;
  container: string;
  node: string;
  startedAt: number;
}

interface Account {
  /** Cumulative CPU in millicore-milliseconds. */
  cum: number;
  usage: Usage;
  node: string;
}

function cpuMillis(value: number | string): number {
  if (typeof value === 'number') return Math.round(value);
  return Number(Quantity.parse(value).milliValue());
}

function bytes(value: number | string): number {
  if (typeof value === 'number') return Math.round(value);
  return Number(Quantity.parse(value).intValue());
}

/** Containers whose status says they are running, in store order. */
export function runningContainers(cluster: Cluster): RunningContainer[] {
  const out: RunningContainer[] = [];
  for (const pod of cluster.store.scan(cluster.type('pods'))) {
    const node = pod.spec?.nodeName;
    if (!node) continue;
    for (const s of pod.status?.containerStatuses ?? []) {
      const started = s.state?.running?.startedAt;
      if (!started) continue;
      out.push({
        key: `${pod.metadata.uid}/${s.name}/${started}`,
        pod,
        container: s.name,
        node,
        startedAt: parseTime(started),
      });
    }
  }
  return out;
}

/** Per-cluster usage state: the override rules and the CPU counters integrated over time. */
export class UsageModel {
  private readonly cluster: Cluster;
  private readonly rules: Rule[] = [];
  private accounts = new Map<string, Account>();
  private readonly nodeCum = new Map<string, number>();
  private last: number;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
    this.last = cluster.now();
    // rates change when containers start or stop: integrate up to each such moment
    cluster.store.watch((event) => {
      if (event.resource === cluster.type('pods')) this.advance();
    });
  }

  override(input: UsageOverride): void {
    this.advance();
    this.rules.push({
      namespace: input.namespace ?? 'default',
      selector: input.selector !== undefined ? parseLabelSelector(input.selector) : null,
      pod: input.pod,
      container: input.container,
      cpu: input.cpu !== undefined ? cpuMillis(input.cpu) : undefined,
      memory: input.memory !== undefined ? bytes(input.memory) : undefined,
      shared: input.shared ?? false,
    });
    this.rebuild(this.cluster.now());
  }

  private ruleMatches(rule: Rule, c: RunningContainer): boolean {
    const meta = c.pod.metadata;
    if ((meta.namespace ?? 'default') !== rule.namespace) return false;
    if (rule.pod !== undefined && meta.name !== rule.pod) return false;
    if (rule.selector && !matches(rule.selector, meta.labels)) return false;
    const target = rule.container ?? c.pod.spec?.containers?.[0]?.name;
    return c.container === target;
  }

  private usageOf(c: RunningContainer, all: RunningContainer[]): Usage {
    const spec = (c.pod.spec?.containers ?? []).find((s: { name: string }) => s.name === c.container);
    const ref = spec ? parseImage(spec.image) : null;
    const usage = { ...((ref && IDLE_USAGE[ref.repository]) ?? DEFAULT_IDLE) };
    for (const rule of this.rules) {
      if (!this.ruleMatches(rule, c)) continue;
      const share = rule.shared ? all.filter((o) => this.ruleMatches(rule, o)).length : 1;
      if (rule.cpu !== undefined) usage.cpu = rule.cpu / share;
      if (rule.memory !== undefined) usage.memory = Math.floor(rule.memory / share);
    }
    return usage;
  }

  /** Integrates every counter up to now at the rates in force since the last change. */
  advance(): void {
    const now = this.cluster.now();
    const dt = now - this.last;
    if (dt > 0) {
      for (const a of this.accounts.values()) {
        a.cum += a.usage.cpu * dt;
        this.nodeCum.set(a.node, (this.nodeCum.get(a.node) ?? 0) + a.usage.cpu * dt);
      }
      for (const node of this.nodes()) {
        this.nodeCum.set(node, (this.nodeCum.get(node) ?? 0) + NODE_SYSTEM_USAGE.cpu * dt);
      }
    }
    this.rebuild(now);
  }

  private nodes(): string[] {
    return this.cluster.store.scan(this.cluster.type('nodes')).map((n) => n.metadata.name ?? '');
  }

  /** Recomputes the rates from the containers running now; new counters start at their start. */
  private rebuild(now: number): void {
    const running = runningContainers(this.cluster);
    const next = new Map<string, Account>();
    for (const c of running) {
      const usage = this.usageOf(c, running);
      const old = this.accounts.get(c.key);
      if (old) {
        next.set(c.key, { ...old, usage });
        continue;
      }
      // started since the last integration: it ran at this rate from its start
      const since = Math.max(0, now - Math.max(c.startedAt, this.last));
      const cum = usage.cpu * Math.max(0, now - c.startedAt);
      next.set(c.key, { cum, usage, node: c.node });
      this.nodeCum.set(c.node, (this.nodeCum.get(c.node) ?? 0) + usage.cpu * since);
    }
    this.accounts = next;
    this.last = now;
  }

  /** The counters of a running container: cumulative CPU (millicore-ms) and memory now. */
  container(key: string): { cum: number; memory: number } | undefined {
    const a = this.accounts.get(key);
    return a ? { cum: a.cum, memory: a.usage.memory } : undefined;
  }

  /** A node's counters: cumulative CPU (millicore-ms) and memory now, pods and system together. */
  node(name: string): { cum: number; memory: number } {
    let memory = NODE_SYSTEM_USAGE.memory;
    for (const a of this.accounts.values()) if (a.node === name) memory += a.usage.memory;
    return { cum: this.nodeCum.get(name) ?? 0, memory };
  }
}

export function usageModel(cluster: Cluster): UsageModel {
  let model = cluster.components.get('metrics-usage') as UsageModel | undefined;
  if (!model) {
    model = new UsageModel(cluster);
    cluster.components.set('metrics-usage', model);
  }
  return model;
}

/**
 * Sets what matching containers use from now on (a note's stand-in for real load). Later calls
 * win over earlier ones; pods created later that match also get the usage.
 */
export function setUsage(cluster: Cluster, override: UsageOverride): void {
  usageModel(cluster).override(override);
}
