// The kubelet of one node: it starts the pods bound to the node (sandbox, image pulls,
// containers in order, init containers first), runs their processes in simulated time,
// restarts them by restartPolicy with CrashLoopBackOff, probes them (liveness kills,
// readiness and startup gate Ready), runs their lifecycle hooks, OOM-kills those over their
// memory limit, reports pod status, and terminates pods being deleted after their grace period.
// `docker stop NODE` stops it: no more node heartbeats or pod status until `docker start`.

import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { LeaseHeartbeat } from '../controllers/lease-heartbeat.ts';
import { stopCoreDns } from '../dns/index.ts';
import { ContainerRestarts } from './container-restarts.ts';
import { ContainerStarter } from './container-start.ts';
import { nodeLease } from './node-lease.ts';
import { type NodeInfo, postNodeReady } from './node-status.ts';
import { PodAccess } from './pod-access.ts';
import { NodeCni } from './pod-network.ts';
import type { ContainerRun, PodRun } from './pod-status.ts';
import { startProbes } from './probing.ts';
import type { LogLine, ProcessRun } from './process.ts';
import { ImagePuller } from './pulls.ts';

export type { NodeInfo } from './node-status.ts';

export class Kubelet {
  readonly node: NodeInfo;
  private readonly cluster: Cluster;
  private readonly pods = new Map<string, PodRun>();
  private readonly puller: ImagePuller;
  /** kindnet's CNI on this node: pod sandboxes' namespaces and host-local addresses. */
  private readonly cni: NodeCni;
  /** Its pods' objects and specs, their events and status writes (pod-access.ts). */
  private readonly access: PodAccess;
  /** Starts containers and keeps the sockets they listen on (container-start.ts). */
  private readonly starter: ContainerStarter;
  /** Exits, kills and restarts with back-off (container-restarts.ts). */
  private readonly restarts: ContainerRestarts;
  /** The node Lease it renews while it runs (node-lease.ts). */
  private readonly lease: LeaseHeartbeat;
  /** When `docker stop` stopped the node, or null while it runs. */
  private stoppedAt: number | null = null;
  /** When `docker start` brought it back, or null if it never stopped. */
  restartedAt: number | null = null;

  constructor(cluster: Cluster, node: NodeInfo, preloaded: string[] = []) {
    this.cluster = cluster;
    this.node = node;
    this.access = new PodAccess(cluster, node, () => this.stoppedAt !== null);
    this.lease = nodeLease(cluster, node.name);
    this.lease.start();
    this.cni = new NodeCni(cluster, node.name, node.podPrefix);
    this.starter = new ContainerStarter(cluster, node, this.cni, this.access, {
      exited: (run, c, exitCode, reason) => this.restarts.exited(run, c, exitCode, reason),
      kill: (run, c, message, restart) => this.restarts.kill(run, c, message, restart),
    });
    this.restarts = new ContainerRestarts(cluster, this.access, {
      start: (run, c, spec) => this.starter.start(run, c, spec),
      unserve: (c) => this.starter.unserve(c),
      startNext: (run) => this.startNext(run),
      puller: () => this.puller,
    });
    this.puller = new ImagePuller(
      {
        cluster,
        spec: (run, c) => this.access.spec(run, c),
        event: (run, type, reason, message, container) =>
          this.access.event(run, type, reason, message, container),
        writeStatus: (run) => this.access.writeStatus(run),
        start: (run, c, spec) => this.starter.start(run, c, spec),
      },
      preloaded,
    );
    const podType = cluster.type('pods');
    cluster.store.watch((event) => {
      if (event.resource !== podType) return;
      const pod = event.object;
      if (pod.spec?.nodeName !== this.node.name) return;
      const run = this.pods.get(pod.metadata.uid ?? '');
      if (event.type === 'DELETED') {
        if (run) this.forget(run);
        return;
      }
      // a stopped kubelet sees nothing; startNode() catches up with the pods bound to the node
      if (this.stoppedAt !== null) return;
      if (!run) this.admit(pod);
      else if (pod.metadata.deletionTimestamp && !run.terminating) this.terminate(run, pod);
    });
  }

  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  /** The node container stops: the kubelet neither heartbeats nor writes status any more. */
  stopNode(): void {
    if (this.stoppedAt === null) this.stoppedAt = this.cluster.now();
    this.lease.stop();
  }

  /**
   * The node container starts again: the kubelet posts its node Ready, finishes the pods
   * deleted while it was away (their containers died with the node), admits pods bound to
   * the node meanwhile and reports the status of the others.
   */
  startNode(): void {
    if (this.stoppedAt === null) return;
    this.stoppedAt = null;
    this.restartedAt = this.cluster.now();
    this.lease.start();
    postNodeReady(this.cluster, this.node.name, this.access.source);
    const podType = this.access.podType();
    for (const pod of this.cluster.store.list(podType)) {
      if (pod.spec?.nodeName !== this.node.name) continue;
      const run = this.pods.get(pod.metadata.uid ?? '');
      if (pod.metadata.deletionTimestamp) {
        if (run) this.forget(run);
        this.cluster.store.remove(podType, pod);
      } else if (!run) this.admit(pod);
      else this.access.writeStatus(run);
    }
  }

  /** Logs of a container: the current run, or the previous one (`kubectl logs -p`). */
  logs(uid: string, container: string, previous = false): LogLine[] | undefined {
    const c = this.pods.get(uid)?.containers.find((x) => x.name === container);
    if (!c) return undefined;
    const now = this.cluster.now();
    const lines = previous ? c.previousLog : c.log;
    const start = c.startedAt ?? now;
    return previous ? lines : lines.filter((l) => start + l.at <= now);
  }

  /**
   * Runs argv inside a running container, in its file system as its process has left it so
   * far (for `kubectl exec`); undefined when the container is not running here.
   */
  exec(uid: string, container: string, argv: string[]): ProcessRun | undefined {
    const run = this.pods.get(uid);
    const c = run?.containers.find((x) => x.name === container);
    if (!run || !c || !('running' in c.state) || !c.fs) return undefined;
    return c.fs.exec(argv, this.access.envOf(run, c), this.cluster.now());
  }

  private admit(pod: KubeObject): void {
    const run: PodRun = {
      uid: pod.metadata.uid ?? '',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      ip: pod.spec?.hostNetwork ? this.node.ip : this.cni.add(pod.metadata.uid ?? '').ip,
      containers: [
        ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => this.newContainer(c.name, true)),
        ...(pod.spec?.containers ?? []).map((c: { name: string }) => this.newContainer(c.name, false)),
      ],
      startTime: this.cluster.now(),
      terminating: false,
      workers: [],
    };
    this.pods.set(run.uid, run);
    this.access.writeStatus(run);
    startProbes(
      this.cluster,
      this.access,
      (r, c, message, restart, probe) => this.restarts.kill(r, c, message, restart, probe),
      run,
      pod,
    );
    this.cluster.runtime.after(500, `sandbox ${run.name}`, () => this.startNext(run));
  }

  private newContainer(name: string, init: boolean): ContainerRun {
    return {
      name,
      init,
      restartCount: 0,
      state: { waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' } },
      lastState: {},
      ready: false,
      started: false,
      log: [],
      previousLog: [],
      timers: [],
      instance: 0,
      startupPassed: false,
      readyByProbe: false,
      killing: false,
    };
  }

  /** Starts the next init container, or all app containers once init containers are done. */
  private startNext(run: PodRun): void {
    if (run.terminating) return;
    const pending = run.containers.filter(
      (c) =>
        c.init && !('terminated' in c.state && (c.state.terminated as { exitCode: number }).exitCode === 0),
    );
    if (pending.length > 0) {
      const c = pending[0];
      if (!c.started && !('running' in c.state)) this.puller.pullAndStart(run, c, () => {});
      return;
    }
    const apps = run.containers.filter(
      (c) => !c.init && !c.started && !('running' in c.state) && !('terminated' in c.state),
    );
    const chain = (i: number) => {
      if (i < apps.length) this.puller.pullAndStart(run, apps[i], () => chain(i + 1));
    };
    chain(0);
  }

  private terminate(run: PodRun, pod: KubeObject): void {
    run.terminating = true;
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    let longest = 0;
    for (const c of run.containers) {
      for (const t of c.timers) this.cluster.runtime.cancel(t);
      if (!('running' in c.state)) continue;
      this.access.event(run, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name);
      const spec = this.access.spec(run, c);
      if (!spec || grace === 0) {
        this.starter.unserve(c);
        continue;
      }
      const { afterMs } = this.restarts.stopTimes(run, c, spec, grace);
      this.cluster.runtime.after(afterMs, `stopped ${c.name}`, () => this.starter.unserve(c));
      longest = Math.max(longest, afterMs);
    }
    this.cluster.runtime.after(longest, `terminated ${run.name}`, () => {
      const current = this.access.current(run);
      if (current && this.stoppedAt === null) this.cluster.store.remove(this.access.podType(), current);
    });
  }

  private forget(run: PodRun): void {
    for (const w of run.workers) w.stop();
    for (const c of run.containers) {
      for (const t of c.timers) this.cluster.runtime.cancel(t);
      this.starter.unserve(c);
    }
    stopCoreDns(this.cluster, run.uid);
    this.cni.del(run.uid);
    this.pods.delete(run.uid);
  }
}
