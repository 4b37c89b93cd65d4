// Starting one container: its process, file system, listening sockets, OOM watch and postStart hook.

import { quantityValue } from '../api/quantity.ts';
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { isCoreDnsImage, podDnsFiles, startCoreDns } from '../dns/index.ts';
import { containerEnv, mountedFiles } from './container-env.ts';
import { ContainerFs } from './container-fs.ts';
import { POST_START_FAILED, POST_START_KILL_MESSAGE, runHook } from './hooks.ts';
import { behaviourOf, type ImageRef, imageDirs, listenerOf, memoryDemand, parseImage } from './images.ts';
import type { NodeInfo } from './node-status.ts';
import { type Json, type PodAccess, updateReady } from './pod-access.ts';
import type { ContainerNet, NodeCni } from './pod-network.ts';
import type { ContainerRun, PodRun } from './pod-status.ts';
import { canRun, runProcess } from './process.ts';
import { type ContainerServers, imageProgram, servedPorts, startServers } from './servers.ts';

const SETTLING_EXIT_MS = 60_000;
const LOG_LIMIT_MS = 3_600_000;

/** What happens to a started container next, handled by the kubelet's restart logic. */
export interface StartOutcomes {
  exited(run: PodRun, c: ContainerRun, exitCode: number, reason?: string): void;
  kill(run: PodRun, c: ContainerRun, message: string, restart: boolean): void;
}

export class ContainerStarter {
  private readonly cluster: Cluster;
  private readonly node: NodeInfo;
  private readonly cni: NodeCni;
  private readonly access: PodAccess;
  private readonly outcomes: StartOutcomes;
  /** The sockets each running container's process listens on (servers.ts). */
  private readonly servers = new Map<ContainerRun, ContainerServers>();

  constructor(cluster: Cluster, node: NodeInfo, cni: NodeCni, access: PodAccess, outcomes: StartOutcomes) {
    this.cluster = cluster;
    this.node = node;
    this.cni = cni;
    this.access = access;
    this.outcomes = outcomes;
  }

  start(run: PodRun, c: ContainerRun, spec: Record<string, Json>): void {
    const pod = this.access.current(run);
    if (!pod || run.terminating) return;
    const ref = parseImage(spec.image);
    if (!ref) return;
    const now = this.cluster.now();
    c.containerID = `containerd://${this.hex(64)}`;
    this.access.event(run, 'Normal', 'Created', `Created container: ${c.name}`, c.name);
    this.access.event(run, 'Normal', 'Started', `Started container ${c.name}`, c.name);
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
    const files = { ...podDnsFiles(pod, run.ip), ...mountedFiles(pod, spec, this.access.lookup()) };
    const dirs = imageDirs(ref);
    const net = this.cni.containerNet(run.uid, pod.spec?.hostNetwork === true);
    if ((explicit || !behaviour.daemon) && canRun(argv)) {
      const env = containerEnv(pod, spec, this.access.lookup());
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
        env: containerEnv(pod, spec, this.access.lookup()),
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
          () => this.outcomes.exited(run, c, code),
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
    updateReady(c, spec);
    this.access.writeStatus(run);
    const postStart = spec.lifecycle?.postStart;
    if (postStart && !c.init) {
      const hook = runHook(this.access.target(run, c, spec), postStart);
      if (hook.failed) {
        this.access.event(run, 'Warning', POST_START_FAILED.reason, POST_START_FAILED.message, c.name);
        this.outcomes.kill(
          run,
          c,
          POST_START_KILL_MESSAGE,
          (pod.spec?.restartPolicy ?? 'Always') !== 'Never',
        );
      }
    }
  }

  /** The container's process is gone: nothing listens for it any more. */
  unserve(c: ContainerRun): void {
    this.servers.get(c)?.stop();
    this.servers.delete(c);
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
        mounts: mountedFiles(pod, spec, this.access.lookup()),
        mountPaths: (spec.volumeMounts ?? []).map((m: { mountPath: string }) => m.mountPath),
        startedMs: now,
        env: containerEnv(pod, spec, this.access.lookup()),
      },
      this.cluster,
    );
    const servers = startServers(this.cluster, this.node.name, net, ports);
    if (servers) this.servers.set(c, servers);
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
      this.cluster.runtime.after(200, `oom ${c.name}`, () => this.outcomes.exited(run, c, 137, 'OOMKilled')),
    ];
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.cluster.random.int(16).toString(16);
    return s;
  }
}
