// The kubelet's view of its pods in the API server: objects, container specs, env, events and status writes.

import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { containerEnv, type Lookup } from './container-env.ts';
import type { ContainerFs } from './container-fs.ts';
import type { HandlerTarget } from './handlers.ts';
import type { NodeInfo } from './node-status.ts';
import { type ContainerRun, type PodRun, podStatus } from './pod-status.ts';

// biome-ignore lint/suspicious/noExplicitAny: container specs are open JSON
export type Json = any;

/** Environment every container gets for the default kubernetes Service. */
const SERVICE_ENV: Record<string, string> = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
};

/** Ready: running, started, and the readiness probe (if any) has settled on success. */
export function updateReady(c: ContainerRun, spec: Record<string, Json> | undefined): void {
  c.ready = !c.init && 'running' in c.state && c.startupPassed && (!spec?.readinessProbe || c.readyByProbe);
}

export class PodAccess {
  private readonly cluster: Cluster;
  private readonly node: NodeInfo;
  /** Whether the node is stopped: a stopped kubelet records no events and writes no status. */
  private readonly stopped: () => boolean;
  readonly source: { component: string; host: string };

  constructor(cluster: Cluster, node: NodeInfo, stopped: () => boolean) {
    this.cluster = cluster;
    this.node = node;
    this.stopped = stopped;
    this.source = { component: 'kubelet', host: node.name };
  }

  podType() {
    return this.cluster.type('pods');
  }

  lookup(): Lookup {
    return {
      configMap: (ns, name) => this.cluster.store.peek(this.cluster.type('configmaps'), ns, name),
      secret: (ns, name) => this.cluster.store.peek(this.cluster.type('secrets'), ns, name),
    };
  }

  current(run: PodRun): KubeObject | undefined {
    return this.cluster.store.peek(this.podType(), run.namespace, run.name);
  }

  spec(run: PodRun, c: ContainerRun): Record<string, Json> | undefined {
    const pod = this.current(run);
    const list = c.init ? pod?.spec?.initContainers : pod?.spec?.containers;
    return list?.find((x: { name: string }) => x.name === c.name);
  }

  envOf(run: PodRun, c: ContainerRun): Record<string, string> {
    const pod = this.current(run);
    const spec = this.spec(run, c);
    return { ...SERVICE_ENV, ...(pod && spec ? containerEnv(pod, spec, this.lookup()) : {}) };
  }

  /** What probes and hooks act on: this container as it is now. */
  target(run: PodRun, c: ContainerRun, spec: Record<string, Json>): HandlerTarget {
    const now = this.cluster.now();
    return {
      podIP: run.ip,
      spec,
      env: this.envOf(run, c),
      fs: c.fs as ContainerFs,
      listener: c.listener ?? null,
      uptimeMs: now - (c.startedAt ?? now),
      nowMs: now,
    };
  }

  event(run: PodRun, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
    const pod = this.current(run);
    if (!pod || this.stopped()) return;
    const fieldPath = container
      ? `spec.${run.containers.find((c) => c.name === container)?.init ? 'initContainers' : 'containers'}{${container}}`
      : undefined;
    this.cluster.events.record({ object: pod, type, reason, message, source: this.source, fieldPath });
  }

  writeStatus(run: PodRun): void {
    const pod = this.current(run);
    if (!pod || run.terminating || this.stopped()) return;
    const status = podStatus(pod, run, this.node.ip, this.cluster.now(), (c) => this.spec(run, c));
    if (JSON.stringify(status) === JSON.stringify(pod.status)) return;
    this.cluster.store.mutate(
      this.podType(),
      run.namespace,
      run.name,
      (o) => {
        o.status = status;
      },
      { manager: 'kubelet', status: true },
    );
  }
}
