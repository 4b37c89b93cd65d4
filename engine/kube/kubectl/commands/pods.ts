// kubectl commands that reach into pods and objects' details: describe and exec (logs has
// its own module, re-exported here).

import { parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { badRequest } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { describe as describeObject } from '../../describe/index.ts';
import { containerEnv, mountedFiles } from '../../kubelet/container-env.ts';
import { kubectlExecStartError } from '../../kubelet/image-tools.ts';
import type { Kubelet } from '../../kubelet/kubelet.ts';
import { runProcess } from '../../kubelet/process.ts';
import { formatError, type Kubectl, KubectlError } from '../context.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import { parseResourceArgs } from '../resources.ts';
import { podSelectorOf, podsForSelector } from './pod-selection.ts';
import { durationFlag } from './typed-flags.ts';

export { LOGS_FLAGS, logs } from './logs.ts';

/** exec.go defaultPodExecTimeout. */
const POD_EXEC_TIMEOUT_MS = 60_000;

export function describe(k: Kubectl, flags: ParsedFlags): number {
  const cluster = k.cluster();
  const requests = parseResourceArgs(cluster.registry, flags.args);
  const sel = str(flags, 'selector');
  const texts: string[] = [];
  let status = 0;
  for (const req of requests) {
    const ns = req.type.namespaced ? k.namespace : '';
    let objects: KubeObject[] = [];
    if (req.names.length === 0)
      objects = cluster.store.list(
        req.type,
        ns || undefined,
        sel ? { labelSelector: parseLabelSelector(sel) } : {},
      );
    for (const name of req.names) {
      const obj = cluster.store.peek(req.type, ns, name);
      if (obj) objects.push(cluster.store.get(req.type, ns, name));
      else {
        // describe matches by name prefix when there is no exact match
        const prefixed = cluster.store
          .list(req.type, ns || undefined)
          .filter((o) => o.metadata.name?.startsWith(name));
        if (prefixed.length === 0) {
          status = 1;
          k.err(
            `${formatError(new KubectlError(`Error from server (NotFound): ${req.type.group ? `${req.type.resource}.${req.type.group}` : req.type.resource} "${name}" not found`))}\n`,
          );
        }
        objects.push(...prefixed);
      }
    }
    for (const obj of objects) {
      texts.push(
        describeObject(req.type.kind, obj, {
          now: cluster.now(),
          list: (resource, namespace) => cluster.store.list(cluster.type(resource), namespace || undefined),
          get: (resource, namespace, name) => cluster.store.peek(cluster.type(resource), namespace, name),
          showEvents: str(flags, 'show-events') !== 'false',
        }),
      );
    }
  }
  k.out(texts.join('\n\n'));
  if (texts.length === 0 && status === 0 && requests.every((r) => r.names.length === 0))
    k.err(`No resources found in ${k.namespace} namespace.\n`);
  return status;
}

/**
 * exec's builder.ResourceNames("pods", arg) and AttachablePodForObject: the named pod, or the
 * pod of a controller or service that a controller would delete last (reverse ActivePods),
 * waiting up to --pod-running-timeout for one.
 */
function findPod(k: Kubectl, flags: ParsedFlags, name: string): KubeObject {
  const cluster = k.cluster();
  const type = cluster.type('pods');
  if (name.includes('/')) {
    const slash = name.indexOf('/');
    const [res, n] = [name.slice(0, slash), name.slice(slash + 1)];
    const t = cluster.registry.resolve(res);
    if (!t) throw new KubectlError(`error: the server doesn't have a resource type "${res}"`);
    if (t.kind !== 'Pod') {
      const owner = cluster.store.get(t, k.namespace, n);
      const selector = podSelectorOf(owner, 'cannot attach to');
      const timeout = durationFlag(flags, 'exec', 'pod-running-timeout', POD_EXEC_TIMEOUT_MS);
      return podsForSelector(cluster, k.namespace, selector, 'active-reversed', timeout)[0];
    }
    name = n;
  }
  return cluster.store.get(type, k.namespace, name);
}

/**
 * exec's container: with -c, the name as given (the API server checks it: strategy.go
 * validateContainer); else podcmd.FindOrDefaultContainerByName: the default-container
 * annotation's or the first one, saying so on stderr when there was a choice (unless -q).
 */
function execContainer(k: Kubectl, pod: KubeObject, flags: ParsedFlags): string {
  const container = str(flags, 'container');
  const spec = pod.spec ?? {};
  const names = (list: Array<{ name: string }> | undefined) => (list ?? []).map((c) => c.name);
  const all = [...names(spec.containers), ...names(spec.initContainers), ...names(spec.ephemeralContainers)];
  if (container) {
    if (!all.includes(container))
      throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    return container;
  }
  if (names(spec.containers).length === 0)
    throw new KubectlError(
      `error: pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`,
    );
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && all.includes(annotated)) return annotated;
  const first = names(spec.containers)[0];
  const quiet = bool(flags, 'quiet');
  if (
    !quiet &&
    (names(spec.containers).length > 1 ||
      names(spec.initContainers).length > 0 ||
      names(spec.ephemeralContainers).length > 0)
  ) {
    const listed = [
      ...names(spec.containers),
      ...names(spec.ephemeralContainers).map((n) => `${n} (ephem)`),
      ...names(spec.initContainers).map((n) => `${n} (init)`),
    ];
    k.err(`Defaulted container "${first}" out of: ${listed.join(', ')}\n`);
  }
  return first;
}

export function exec(k: Kubectl, flags: ParsedFlags): number {
  const [target] = flags.args;
  const command = flags.rest ?? [];
  if (!target)
    throw new KubectlError(
      "error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples",
    );
  if (command.length === 0)
    throw new KubectlError('error: you must specify at least one command for the container');
  const pod = findPod(k, flags, target);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new KubectlError(
      `error: cannot exec into a container in a completed pod; current phase is ${phase}`,
    );
  }
  const container = execContainer(k, pod, flags);
  if (!pod.spec?.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  if (phase !== 'Running') {
    throw new KubectlError(`error: unable to upgrade connection: container not found ("${container}")`);
  }
  // The command runs in the container's own file system, as its kubelet keeps it (files its
  // process, hooks and earlier execs wrote); a pod no kubelet runs gets a fresh container.
  const run = execInContainer(k.cluster(), pod, container, command);
  if (run.startError) throw new KubectlError(kubectlExecStartError(run.startError));
  for (const line of run.log) (line.stream === 'stdout' ? k.out : k.err)(line.text);
  const code = run.exitCode ?? 130;
  if (code !== 0) k.err(`command terminated with exit code ${code}\n`);
  return code === 0 ? 0 : code;
}

/**
 * Runs a command in a running pod's container as `kubectl exec` does (also for the served
 * API's pods/exec) and moves the cluster's clock on by the time it took, as exec waits for it.
 */
export function execInContainer(cluster: Cluster, pod: KubeObject, container: string, command: string[]) {
  const kubelets = cluster.components.get('kubelets') as Kubelet[] | undefined;
  const run =
    kubelets
      ?.find((x) => x.node.name === pod.spec?.nodeName)
      ?.exec(pod.metadata.uid ?? '', container, command) ??
    freshContainerRun(cluster, pod, container, command);
  if (!run.startError && run.exitAfter > 0)
    cluster.runtime.runUntil(cluster.now() + run.exitAfter, () => false);
  return run;
}

function freshContainerRun(cluster: Cluster, pod: KubeObject, container: string, command: string[]) {
  const spec = (pod.spec?.containers ?? []).find((c: { name: string }) => c.name === container);
  const lookup = {
    configMap: (ns: string, name: string) => cluster.store.peek(cluster.type('configmaps'), ns, name),
    secret: (ns: string, name: string) => cluster.store.peek(cluster.type('secrets'), ns, name),
  };
  const env = {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    ...containerEnv(pod, spec, lookup),
  };
  return runProcess({
    argv: command,
    env,
    hostname: pod.metadata.name ?? '',
    startMs: cluster.now(),
    files: mountedFiles(pod, spec, lookup),
    seed: `exec/${pod.metadata.uid}`,
    limitMs: 60_000,
    image: spec?.image,
  });
}
