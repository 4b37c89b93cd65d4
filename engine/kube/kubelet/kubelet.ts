// The kubelet of one node: it starts the pods bound to the node (sandbox, image pulls,
// containers in order, init containers first), runs their processes in simulated time,
// restarts them by restartPolicy with CrashLoopBackOff, probes them (liveness kills,
// readiness and startup gate Ready), runs their lifecycle hooks, OOM-kills those over their
// memory limit, reports pod status, and terminates pods being deleted after their grace period.
// `docker stop NODE` stops it: no more node heartbeats or pod status until `docker start`.

import { quantityValue } from '../api/quantity.ts';
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { LeaseHeartbeat } from '../controllers/lease-heartbeat.ts';
import { isCoreDnsImage, podDnsFiles, startCoreDns, stopCoreDns } from '../dns/index.ts';
import { containerEnv, type Lookup, mountedFiles } from './container-env.ts';
import { ContainerFs } from './container-fs.ts';
import { type HandlerTarget, runAction } from './handlers.ts';
import { POST_START_FAILED, POST_START_KILL_MESSAGE, PRE_STOP_FAILED, runHook } from './hooks.ts';
import {
  behaviourOf,
  goDuration,
  type ImageRef,
  imageDirs,
  listenerOf,
  memoryDemand,
  parseImage,
} from './images.ts';
import { nodeLease } from './node-lease.ts';
import { type ContainerNet, NodeCni } from './pod-network.ts';
import { type ContainerRun, type PodRun, podStatus } from './pod-status.ts';
import { type ProbeKind, ProbeWorker } from './probes.ts';
import { canRun, type LogLine, type ProcessRun, runProcess } from './process.ts';
import { ImagePuller } from './pulls.ts';
import { type ContainerServers, imageProgram, servedPorts, startServers } from './servers.ts';

export interface NodeInfo {
  name: string;
  ip: string;
  /** First three octets of the pod CIDR, e.g. "10.244.1". */
  podPrefix: string;
}

// biome-ignore lint/suspicious/noExplicitAny: container specs are open JSON
type Json = any;

const SETTLING_EXIT_MS = 60_000;
/** Servers among the known images: they exit 0 on SIGTERM. */
const KNOWN_SERVERS: Record<string, true> = {
  'docker.io/library/nginx': true,
  'docker.io/library/httpd': true,
  'docker.io/library/redis': true,
  'registry.k8s.io/pause': true,
};
const LOG_LIMIT_MS = 3_600_000;
/** What the kubelet's condition setters report on a healthy node (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY_CONDITIONS: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: {
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  DiskPressure: {
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  PIDPressure: {
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};
/** kuberuntime: minimumGracePeriodInSeconds. */
const MIN_GRACE_MS = 2_000;
/** The API server's default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_S = 30;
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

export class Kubelet {
  readonly node: NodeInfo;
  private readonly cluster: Cluster;
  private readonly pods = new Map<string, PodRun>();
  private readonly puller: ImagePuller;
  /** kindnet's CNI on this node: pod sandboxes' namespaces and host-local addresses. */
  private readonly cni: NodeCni;
  private readonly source: { component: string; host: string };
  /** The node Lease it renews while it runs (node-lease.ts). */
  private readonly lease: LeaseHeartbeat;
  /** When `docker stop` stopped the node, or null while it runs. */
  private stoppedAt: number | null = null;
  /** When `docker start` brought it back, or null if it never stopped. */
  restartedAt: number | null = null;
  /** The sockets each running container's process listens on (servers.ts). */
  private readonly servers = new Map<ContainerRun, ContainerServers>();

  constructor(cluster: Cluster, node: NodeInfo, preloaded: string[] = []) {
    this.cluster = cluster;
    this.node = node;
    this.source = { component: 'kubelet', host: node.name };
    this.lease = nodeLease(cluster, node.name);
    this.lease.start();
    this.cni = new NodeCni(cluster, node.name, node.podPrefix);
    this.puller = new ImagePuller(
      {
        cluster,
        spec: (run, c) => this.spec(run, c),
        event: (run, type, reason, message, container) => this.event(run, type, reason, message, container),
        writeStatus: (run) => this.writeStatus(run),
        start: (run, c, spec) => this.start(run, c, spec),
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
    this.postNodeReady();
    const podType = this.podType();
    for (const pod of this.cluster.store.list(podType)) {
      if (pod.spec?.nodeName !== this.node.name) continue;
      const run = this.pods.get(pod.metadata.uid ?? '');
      if (pod.metadata.deletionTimestamp) {
        if (run) this.forget(run);
        this.cluster.store.remove(podType, pod);
      } else if (!run) this.admit(pod);
      else this.writeStatus(run);
    }
  }

  /**
   * setNodeStatus after a restart: the conditions the node controller set Unknown become
   * healthy again, heartbeats now, transitions now where the status changed
   * (pkg/kubelet/nodestatus/setters.go), and the NodeReady event of recordNodeStatusEvent.
   */
  private postNodeReady(): void {
    const nodeType = this.cluster.type('nodes');
    const node = this.cluster.store.peek(nodeType, '', this.node.name);
    if (!node) return;
    const now = rfc3339(this.cluster.now());
    let becameReady = false;
    this.cluster.store.mutate(
      nodeType,
      '',
      this.node.name,
      (o) => {
        for (const c of o.status?.conditions ?? []) {
          const healthy = HEALTHY_CONDITIONS[c.type as string];
          if (!healthy) continue;
          if (c.status !== healthy.status) {
            c.lastTransitionTime = now;
            if (c.type === 'Ready') becameReady = true;
          }
          c.lastHeartbeatTime = now;
          c.status = healthy.status;
          c.reason = healthy.reason;
          c.message = healthy.message;
        }
      },
      { manager: 'kubelet', status: true },
    );
    if (becameReady) {
      // the kubelet's nodeRef carries the node name as its UID (pkg/kubelet/kubelet.go)
      const ref = { ...node, metadata: { ...node.metadata, uid: this.node.name } };
      this.cluster.events.record({
        object: ref,
        type: 'Normal',
        reason: 'NodeReady',
        message: `Node ${this.node.name} status is now: NodeReady`,
        source: this.source,
      });
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
    return c.fs.exec(argv, this.envOf(run, c), this.cluster.now());
  }

  private envOf(run: PodRun, c: ContainerRun): Record<string, string> {
    const pod = this.current(run);
    const spec = this.spec(run, c);
    return { ...SERVICE_ENV, ...(pod && spec ? containerEnv(pod, spec, this.lookup()) : {}) };
  }

  private podType() {
    return this.cluster.type('pods');
  }

  private lookup(): Lookup {
    return {
      configMap: (ns, name) => this.cluster.store.peek(this.cluster.type('configmaps'), ns, name),
      secret: (ns, name) => this.cluster.store.peek(this.cluster.type('secrets'), ns, name),
    };
  }

  private current(run: PodRun): KubeObject | undefined {
    return this.cluster.store.peek(this.podType(), run.namespace, run.name);
  }

  private event(
    run: PodRun,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    container?: string,
  ): void {
    const pod = this.current(run);
    if (!pod || this.stoppedAt !== null) return;
    const fieldPath = container
      ? `spec.${run.containers.find((c) => c.name === container)?.init ? 'initContainers' : 'containers'}{${container}}`
      : undefined;
    this.cluster.events.record({ object: pod, type, reason, message, source: this.source, fieldPath });
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
    this.writeStatus(run);
    this.startProbes(run, pod);
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

  private spec(run: PodRun, c: ContainerRun): Record<string, Json> | undefined {
    const pod = this.current(run);
    const list = c.init ? pod?.spec?.initContainers : pod?.spec?.containers;
    return list?.find((x: { name: string }) => x.name === c.name);
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

  private start(run: PodRun, c: ContainerRun, spec: Record<string, Json>): void {
    const pod = this.current(run);
    if (!pod || run.terminating) return;
    const ref = parseImage(spec.image);
    if (!ref) return;
    const now = this.cluster.now();
    c.containerID = `containerd://${this.hex(64)}`;
    this.event(run, 'Normal', 'Created', `Created container: ${c.name}`, c.name);
    this.event(run, 'Normal', 'Started', `Started container ${c.name}`, c.name);
    c.state = { running: { startedAt: rfc3339(now) } };
    c.started = true;
    c.startedAt = now;
    c.instance++;
    c.killing = false;
    const behaviour = behaviourOf(ref);
    const explicit = spec.command !== undefined || spec.args !== undefined;
    const argv: string[] = [
      // command replaces ENTRYPOINT and CMD; args alone replace CMD
      ...(spec.command ??
        (explicit ? behaviour.defaultArgv.slice(0, behaviour.entrypoint ?? 0) : behaviour.defaultArgv)),
      ...(spec.args ?? []),
    ];
    const hostname = pod.metadata.name ?? '';
    const seed = `${pod.metadata.uid}/${c.name}/${c.restartCount}`;
    // the kubelet's /etc/hosts and containerd's /etc/resolv.conf, under any mounted files
    const files = { ...podDnsFiles(pod, run.ip), ...mountedFiles(pod, spec, this.lookup()) };
    const dirs = imageDirs(ref);
    const net = this.cni.containerNet(run.uid, pod.spec?.hostNetwork === true);
    if ((explicit || !behaviour.daemon) && canRun(argv)) {
      const env = containerEnv(pod, spec, this.lookup());
      c.run = runProcess({
        argv,
        env,
        hostname,
        startMs: now,
        files,
        seed,
        limitMs: LOG_LIMIT_MS,
        dirs,
        net,
        image: spec.image,
      });
      c.log = c.run.log;
    } else {
      c.log = [];
      c.run = undefined;
      // a batch program an add-on models (servers.ts imageProgram), e.g. kube-webhook-certgen
      const batch = imageProgram(this.cluster, ref.repository)?.run?.(argv, {
        hostname,
        now: () => this.cluster.now(),
        mounts: {},
        mountPaths: [],
        startedMs: now,
        env: containerEnv(pod, spec, this.lookup()),
      });
      if (batch) c.run = { log: [], exitCode: batch.exitCode, exitAfter: batch.exitAfterMs, fsOps: [] };
    }
    if (c.run && c.run.exitCode !== null) {
      const code = c.run.exitCode;
      const after = c.run.exitAfter;
      c.timers.push(
        this.cluster.runtime.after(
          after,
          `exit ${c.name}`,
          () => this.exited(run, c, code),
          after <= SETTLING_EXIT_MS,
        ),
      );
    }
    c.fs = new ContainerFs(hostname, `exec/${seed}`, now, files, c.run, dirs, net, spec.image);
    c.listener = listenerOf(ref, argv, explicit);
    if (isCoreDnsImage(spec.image) && net?.ns) startCoreDns(this.cluster, this.node.name, run.uid, net.ns);
    this.serve(c, ref, argv, explicit, net, pod, spec, now);
    this.watchMemory(run, c, spec, ref, argv);
    c.startupPassed = c.init || !spec.startupProbe;
    c.readyByProbe = false;
    this.updateReady(c, spec);
    this.writeStatus(run);
    const postStart = spec.lifecycle?.postStart;
    if (postStart && !c.init) {
      const hook = runHook(this.target(run, c, spec), postStart);
      if (hook.failed) {
        this.event(run, 'Warning', POST_START_FAILED.reason, POST_START_FAILED.message, c.name);
        this.kill(run, c, POST_START_KILL_MESSAGE, (pod.spec?.restartPolicy ?? 'Always') !== 'Never');
      }
    }
  }

  /** The container's process starts listening (servers.ts), in the pod's network namespace. */
  private serve(
    c: ContainerRun,
    ref: ImageRef,
    argv: string[],
    explicit: boolean,
    net: ContainerNet | undefined,
    pod: KubeObject,
    spec: Record<string, Json>,
    now: number,
  ): void {
    this.unserve(c);
    const ports = servedPorts(
      ref,
      argv,
      explicit,
      {
        hostname: pod.spec?.hostNetwork ? this.node.name : (pod.metadata.name ?? ''),
        now: () => this.cluster.now(),
        mounts: mountedFiles(pod, spec, this.lookup()),
        mountPaths: (spec.volumeMounts ?? []).map((m: { mountPath: string }) => m.mountPath),
        startedMs: now,
        env: containerEnv(pod, spec, this.lookup()),
      },
      this.cluster,
    );
    const servers = startServers(this.cluster, this.node.name, net, ports);
    if (servers) this.servers.set(c, servers);
  }

  /** The container's process is gone: nothing listens for it any more. */
  private unserve(c: ContainerRun): void {
    this.servers.get(c)?.stop();
    this.servers.delete(c);
  }

  /**
   * The cgroup's OOM killer: a process that wants more memory than the container's limit is
   * killed at once, the whole container with it (memory.oom.group), exit status 137.
   */
  private watchMemory(
    run: PodRun,
    c: ContainerRun,
    spec: Record<string, Json>,
    ref: ImageRef,
    argv: string[],
  ): void {
    const demand = memoryDemand(ref, argv);
    const limit = spec.resources?.limits?.memory;
    if (demand === null || limit === undefined || demand <= quantityValue(limit)) return;
    for (const t of c.timers) this.cluster.runtime.cancel(t);
    c.timers = [
      this.cluster.runtime.after(200, `oom ${c.name}`, () => this.exited(run, c, 137, 'OOMKilled')),
    ];
  }

  /** Ready: running, started, and the readiness probe (if any) has settled on success. */
  private updateReady(c: ContainerRun, spec: Record<string, Json> | undefined): void {
    c.ready = !c.init && 'running' in c.state && c.startupPassed && (!spec?.readinessProbe || c.readyByProbe);
  }

  /** What probes and hooks act on: this container as it is now. */
  private target(run: PodRun, c: ContainerRun, spec: Record<string, Json>): HandlerTarget {
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

  /** A probe worker per probe of each app container (prober_manager.go AddPod). */
  private startProbes(run: PodRun, pod: KubeObject): void {
    for (const spec of pod.spec?.containers ?? []) {
      const c = run.containers.find((x) => !x.init && x.name === spec.name);
      if (!c) continue;
      const kinds: Array<[ProbeKind, Json]> = [
        ['startup', spec.startupProbe],
        ['readiness', spec.readinessProbe],
        ['liveness', spec.livenessProbe],
      ];
      for (const [kind, probe] of kinds) {
        if (!probe) continue;
        run.workers.push(
          new ProbeWorker(this.cluster.runtime, kind, probe, {
            instance: () => (c.containerID ? c.instance : null),
            running: () => 'running' in c.state && !c.killing,
            uptimeMs: () => this.cluster.now() - (c.startedAt ?? this.cluster.now()),
            started: () => c.startupPassed,
            deleting: () => run.terminating,
            finished: () => {
              const phase = this.current(run)?.status?.phase;
              return phase === 'Succeeded' || phase === 'Failed';
            },
            run: (handler) => {
              const current = this.spec(run, c);
              return current
                ? runAction(this.target(run, c, current), handler)
                : { outcome: 'unknown', output: '' };
            },
            event: (type, reason, message) => this.event(run, type, reason, message, c.name),
            settled: (k, success) => this.probeSettled(run, c, k, success),
          }),
        );
      }
    }
  }

  private probeSettled(run: PodRun, c: ContainerRun, kind: ProbeKind, success: boolean): void {
    const spec = this.spec(run, c);
    if (kind === 'readiness') c.readyByProbe = success;
    else if (kind === 'startup' && success) c.startupPassed = true;
    else if (!success) {
      // computePodActions: a failed liveness/startup probe kills the container
      const restart = (this.current(run)?.spec?.restartPolicy ?? 'Always') !== 'Never';
      const message = `Container ${c.name} failed ${kind} probe`;
      const probe = kind === 'liveness' ? spec?.livenessProbe : spec?.startupProbe;
      this.kill(run, c, restart ? `${message}, will be restarted` : message, restart, probe);
      return;
    }
    this.updateReady(c, spec);
    this.writeStatus(run);
  }

  /**
   * killContainer: the Killing event, the preStop hook, SIGTERM, and SIGKILL when the grace
   * period runs out; then the container is restarted if asked (the same pod sync starts it).
   */
  private kill(run: PodRun, c: ContainerRun, message: string, restart: boolean, probe?: Json): void {
    const pod = this.current(run);
    const spec = this.spec(run, c);
    if (!pod || !spec || c.killing) return;
    for (const t of c.timers) this.cluster.runtime.cancel(t);
    c.timers = [];
    c.killing = true;
    this.updateReady(c, spec);
    this.writeStatus(run);
    this.event(run, 'Normal', 'Killing', message, c.name);
    const graceS =
      probe?.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_S;
    const { afterMs, exitCode } = this.stopTimes(run, c, spec, graceS * 1000);
    c.timers.push(
      this.cluster.runtime.after(
        afterMs,
        `killed ${c.name}`,
        () => {
          if (run.terminating) return;
          this.unserve(c);
          const terminated = this.terminated(c, exitCode);
          c.state = { terminated };
          c.killing = false;
          c.ready = false;
          this.writeStatus(run);
          if (restart) this.restartLater(run, c, pod, terminated);
        },
        false,
      ),
    );
  }

  /**
   * How a graceful stop goes: preStop first (its time comes off the grace period, which
   * stays at least 2s), then SIGTERM. A server handles SIGTERM and exits 0 at once; an
   * unknown program dies of it (143); a shell or sleep as PID 1 ignores it until SIGKILL (137).
   */
  private stopTimes(
    run: PodRun,
    c: ContainerRun,
    spec: Record<string, Json>,
    graceMs: number,
  ): { afterMs: number; exitCode: number } {
    let hookMs = 0;
    const preStop = spec.lifecycle?.preStop;
    if (preStop && graceMs > 0 && c.fs) {
      const hook = runHook(this.target(run, c, spec), preStop);
      hookMs = Math.min(hook.tookMs, graceMs);
      // the event comes when the hook has finished
      if (hook.failed)
        this.cluster.runtime.after(hook.tookMs, `preStop ${c.name}`, () =>
          this.event(run, 'Warning', PRE_STOP_FAILED.reason, PRE_STOP_FAILED.message, c.name),
        );
    }
    const remaining = Math.max(MIN_GRACE_MS, graceMs - Math.floor(hookMs / 1000) * 1000);
    // a shell or sleep the engine runs is PID 1 without a SIGTERM handler: only SIGKILL ends it
    if (c.run) return { afterMs: hookMs + remaining, exitCode: 137 };
    const ref = parseImage(spec.image);
    const known = ref !== null && ref.repository in KNOWN_SERVERS;
    return { afterMs: hookMs + Math.min(remaining, 200), exitCode: known ? 0 : 143 };
  }

  private terminated(c: ContainerRun, exitCode: number, reason?: string): Record<string, unknown> {
    const now = this.cluster.now();
    return {
      exitCode,
      reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: rfc3339(c.startedAt ?? now),
      finishedAt: rfc3339(now),
      containerID: c.containerID,
    };
  }

  private exited(run: PodRun, c: ContainerRun, exitCode: number, reason?: string): void {
    if (run.terminating) return;
    const pod = this.current(run);
    if (!pod) return;
    const terminated = this.terminated(c, exitCode, reason);
    c.state = { terminated };
    c.ready = false;
    this.unserve(c);
    this.writeStatus(run);
    if (c.init) {
      if (exitCode === 0) this.startNext(run);
      else this.restartLater(run, c, pod, terminated);
      return;
    }
    const policy = pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0))
      this.restartLater(run, c, pod, terminated);
  }

  private restartLater(
    run: PodRun,
    c: ContainerRun,
    pod: KubeObject,
    terminated: Record<string, unknown>,
  ): void {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    if (c.init && policy === 'Never') return;
    // backoff doubles from 10s up to 5 minutes (kubelet's crashloop backoff)
    const backoff = Math.min(300_000, 10_000 * 2 ** c.restartCount);
    const first = c.restartCount === 0;
    c.timers.push(
      this.cluster.runtime.after(0, `backoff ${c.name}`, () => {
        c.previousLog = c.log;
        c.lastState = { terminated };
        c.restartCount++;
        c.started = false;
        if (first) {
          this.restart(run, c);
          return;
        }
        c.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${goDuration(backoff / 2)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          },
        };
        this.event(
          run,
          'Warning',
          'BackOff',
          'Back-off restarting failed container ' +
            c.name +
            ' in pod ' +
            `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          c.name,
        );
        this.writeStatus(run);
        c.timers.push(
          this.cluster.runtime.after(backoff / 2, `restart ${c.name}`, () => this.restart(run, c), false),
        );
      }),
    );
  }

  private restart(run: PodRun, c: ContainerRun): void {
    if (run.terminating) return;
    const spec = this.spec(run, c);
    if (!spec) return;
    const ref = parseImage(spec.image);
    if (ref && (spec.imagePullPolicy ?? 'IfNotPresent') !== 'Always') {
      this.event(
        run,
        'Normal',
        'Pulled',
        `Container image "${spec.image}" already present on machine`,
        c.name,
      );
      this.start(run, c, spec);
    } else this.puller.pullAndStart(run, c, () => {});
  }

  private terminate(run: PodRun, pod: KubeObject): void {
    run.terminating = true;
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    let longest = 0;
    for (const c of run.containers) {
      for (const t of c.timers) this.cluster.runtime.cancel(t);
      if (!('running' in c.state)) continue;
      this.event(run, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name);
      const spec = this.spec(run, c);
      if (!spec || grace === 0) {
        this.unserve(c);
        continue;
      }
      const { afterMs } = this.stopTimes(run, c, spec, grace);
      this.cluster.runtime.after(afterMs, `stopped ${c.name}`, () => this.unserve(c));
      longest = Math.max(longest, afterMs);
    }
    this.cluster.runtime.after(longest, `terminated ${run.name}`, () => {
      const current = this.current(run);
      if (current && this.stoppedAt === null) this.cluster.store.remove(this.podType(), current);
    });
  }

  private forget(run: PodRun): void {
    for (const w of run.workers) w.stop();
    for (const c of run.containers) {
      for (const t of c.timers) this.cluster.runtime.cancel(t);
      this.unserve(c);
    }
    stopCoreDns(this.cluster, run.uid);
    this.cni.del(run.uid);
    this.pods.delete(run.uid);
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.cluster.random.int(16).toString(16);
    return s;
  }

  private writeStatus(run: PodRun): void {
    const pod = this.current(run);
    if (!pod || run.terminating || this.stoppedAt !== null) return;
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
