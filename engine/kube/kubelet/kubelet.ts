// The kubelet of one node: it starts the pods bound to the node (sandbox, image pulls,
// containers in order, init containers first), runs their processes in simulated time,
// restarts them by restartPolicy with CrashLoopBackOff, reports pod status, and
// terminates pods being deleted after their grace period.
import { type KubeObject, rfc3339 } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { containerEnv, type Lookup, mountedFiles } from './container-env.ts';
import { behaviourOf, goDuration, imageSize, parseImage, pullMillis } from './images.ts';
import { type ContainerRun, type PodRun, podStatus } from './pod-status.ts';
import { canRun, type LogLine, runProcess } from './process.ts';

export interface NodeInfo {
  name: string;
  ip: string;
  /** First three octets of the pod CIDR, e.g. "10.244.1". */
  podPrefix: string;
}

// biome-ignore lint/suspicious/noExplicitAny: container specs are open JSON
type Json = any;

const SETTLING_EXIT_MS = 60_000;
const LOG_LIMIT_MS = 3_600_000;

export class Kubelet {
  readonly node: NodeInfo;
  private readonly cluster: Cluster;
  private readonly pods = new Map<string, PodRun>();
  private readonly pulled = new Set<string>();
  private nextIp = 2;
  private readonly source: { component: string; host: string };

  constructor(cluster: Cluster, node: NodeInfo, preloaded: string[] = []) {
    this.cluster = cluster;
    this.node = node;
    this.source = { component: 'kubelet', host: node.name };
    for (const image of preloaded) this.pulled.add(parseImage(image)?.full ?? image);
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
      if (!run) this.admit(pod);
      else if (pod.metadata.deletionTimestamp && !run.terminating) this.terminate(run, pod);
    });
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
    if (!pod) return;
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
      ip: pod.spec?.hostNetwork ? this.node.ip : `${this.node.podPrefix}.${this.nextIp++}`,
      containers: [
        ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => this.newContainer(c.name, true)),
        ...(pod.spec?.containers ?? []).map((c: { name: string }) => this.newContainer(c.name, false)),
      ],
      startTime: this.cluster.now(),
      terminating: false,
    };
    this.pods.set(run.uid, run);
    this.writeStatus(run);
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
      if (!c.started && !('running' in c.state)) this.pullAndStart(run, c, () => {});
      return;
    }
    const apps = run.containers.filter(
      (c) => !c.init && !c.started && !('running' in c.state) && !('terminated' in c.state),
    );
    const chain = (i: number) => {
      if (i < apps.length) this.pullAndStart(run, apps[i], () => chain(i + 1));
    };
    chain(0);
  }

  private pullAndStart(run: PodRun, c: ContainerRun, next: () => void): void {
    const spec = this.spec(run, c);
    if (!spec) return;
    const ref = parseImage(spec.image);
    if (!ref) {
      c.state = {
        waiting: {
          reason: 'InvalidImageName',
          message: `Failed to apply default image tag "${spec.image}": couldn't parse image name "${spec.image}": invalid reference format`,
        },
      };
      this.event(
        run,
        'Warning',
        'InspectFailed',
        `Failed to apply default image tag "${spec.image}": couldn't parse image name "${spec.image}": invalid reference format`,
        c.name,
      );
      this.event(run, 'Warning', 'Failed', 'Error: InvalidImageName', c.name);
      this.writeStatus(run);
      next();
      return;
    }
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.pulled.has(ref.full);
    if (policy === 'Never' && !present) {
      c.state = {
        waiting: {
          reason: 'ErrImageNeverPull',
          message: `Container image "${spec.image}" is not present with pull policy of Never`,
        },
      };
      this.event(
        run,
        'Warning',
        'ErrImageNeverPull',
        `Container image "${spec.image}" is not present with pull policy of Never`,
        c.name,
      );
      this.writeStatus(run);
      next();
      return;
    }
    if (present && policy !== 'Always') {
      this.event(
        run,
        'Normal',
        'Pulled',
        `Container image "${spec.image}" already present on machine`,
        c.name,
      );
      this.start(run, c, spec);
      next();
      return;
    }
    this.event(run, 'Normal', 'Pulling', `Pulling image "${spec.image}"`, c.name);
    const ms = present ? 400 + (pullMillis(ref) % 600) : pullMillis(ref);
    this.cluster.runtime.after(ms, `pull ${spec.image}`, () => {
      if (run.terminating) return;
      this.pulled.add(ref.full);
      this.event(
        run,
        'Normal',
        'Pulled',
        `Successfully pulled image "${spec.image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${imageSize(ref)} bytes.`,
        c.name,
      );
      this.start(run, c, spec);
      next();
    });
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
    const behaviour = behaviourOf(ref);
    const explicit = spec.command !== undefined || spec.args !== undefined;
    const argv: string[] = [
      ...(spec.command ?? (explicit ? behaviour.defaultArgv.slice(0, 1) : behaviour.defaultArgv)),
      ...(spec.args ?? []),
    ];
    if ((explicit || !behaviour.daemon) && canRun(argv)) {
      const env = containerEnv(pod, spec, this.lookup());
      c.run = runProcess({
        argv,
        env,
        hostname: pod.metadata.name ?? '',
        startMs: now,
        files: mountedFiles(pod, spec, this.lookup()),
        seed: `${pod.metadata.uid}/${c.name}/${c.restartCount}`,
        limitMs: LOG_LIMIT_MS,
      });
      c.log = c.run.log;
      if (c.run.exitCode !== null) {
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
    } else {
      c.log = [];
      c.run = undefined;
    }
    c.ready = !c.init && !spec.readinessProbe;
    if (!c.init && spec.readinessProbe) {
      const delay = (spec.readinessProbe.initialDelaySeconds ?? 0) * 1000;
      c.timers.push(
        this.cluster.runtime.after(delay, `ready ${c.name}`, () => {
          if (!('running' in c.state)) return;
          c.ready = true;
          this.writeStatus(run);
        }),
      );
    }
    this.writeStatus(run);
  }

  private exited(run: PodRun, c: ContainerRun, exitCode: number): void {
    if (run.terminating) return;
    const pod = this.current(run);
    if (!pod) return;
    const now = this.cluster.now();
    const terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: rfc3339(c.startedAt ?? now),
      finishedAt: rfc3339(now),
      containerID: c.containerID,
    };
    c.state = { terminated };
    c.ready = false;
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
    } else this.pullAndStart(run, c, () => {});
  }

  private terminate(run: PodRun, pod: KubeObject): void {
    run.terminating = true;
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    let longest = 0;
    for (const c of run.containers) {
      for (const t of c.timers) this.cluster.runtime.cancel(t);
      if (!('running' in c.state)) continue;
      this.event(run, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name);
      // a daemon handles SIGTERM at once; a shell or sleep as PID 1 ignores it until SIGKILL
      const spec = this.spec(run, c);
      const ref = spec ? parseImage(spec.image) : null;
      const daemon =
        ref && spec && spec.command === undefined && spec.args === undefined && behaviourOf(ref).daemon;
      longest = Math.max(longest, daemon ? Math.min(grace, 200) : grace);
    }
    this.cluster.runtime.after(longest, `terminated ${run.name}`, () => {
      const current = this.current(run);
      if (current) this.cluster.store.remove(this.podType(), current);
    });
  }

  private forget(run: PodRun): void {
    for (const c of run.containers) for (const t of c.timers) this.cluster.runtime.cancel(t);
    this.pods.delete(run.uid);
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.cluster.random.int(16).toString(16);
    return s;
  }

  private writeStatus(run: PodRun): void {
    const pod = this.current(run);
    if (!pod || run.terminating) return;
    const status = podStatus(pod, run, this.node.ip, this.cluster.now(), (c) => this.spec(run, c));
    if (JSON.stringify(status) === JSON.stringify(pod.status)) return;
    this.cluster.store.mutate(
      this.podType(),
      run.namespace,
      run.name,
      (o) => {
        o.status = status;
      },
      { status: true },
    );
  }
}
