// kubectl logs (k8s.io/kubectl v0.32.4 pkg/cmd/logs/logs.go and polymorphichelpers
// logsforobject.go): which pods and containers to read, kubectl's own checks and notes on
// stderr, the PodLogOptions it sends, and the logs printed one request after another.
import { parseLabelSelector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import { StatusError } from '../../apiserver/errors.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { type FlagSpec, type ParsedFlags, str } from '../flags.ts';
import { type PodLogOptions, readPodLog } from './log-source.ts';
import { podSelectorOf, podsForSelector } from './pod-selection.ts';
import { boolFlag, durationFlag, intFlag, parseRFC3339 } from './typed-flags.ts';
import { flag } from './types.ts';

/** logs.go AddFlags (and the pod-running-timeout and selector helpers it calls). */
export const LOGS_FLAGS: FlagSpec[] = [
  flag('all-pods', 'bool'),
  flag('all-containers', 'bool'),
  flag('follow', 'bool', 'f'),
  flag('timestamps', 'bool'),
  flag('limit-bytes', 'int'),
  flag('previous', 'bool', 'p'),
  flag('tail', 'int'),
  flag('ignore-errors', 'bool'),
  flag('since-time'),
  flag('since'),
  flag('container', 'string', 'c'),
  flag('insecure-skip-tls-verify-backend', 'bool'),
  flag('pod-running-timeout'),
  flag('selector', 'string', 'l'),
  flag('max-log-requests', 'int'),
  flag('prefix', 'bool'),
];

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
/** logs.go selectorTail: the default --tail when a selector picks the pods. */
const SELECTOR_TAIL = 10;
/** logs.go defaultPodLogsTimeout. */
const POD_LOGS_TIMEOUT_MS = 20_000;

const usageError = (message: string) =>
  new KubectlError(`error: ${message}\nSee 'kubectl logs -h' for help and examples`);

/** One pods/log request: the pod, its container and the options sent. */
interface LogRequest {
  pod: KubeObject;
  options: PodLogOptions;
}

interface Choice {
  allContainers: boolean;
  allPods: boolean;
  podTimeoutMs: number;
}

function containerNames(pod: KubeObject, field: string): string[] {
  return ((pod.spec?.[field] ?? []) as Array<{ name: string }>).map((c) => c.name);
}

function hasContainer(pod: KubeObject, name: string): boolean {
  return ['containers', 'initContainers', 'ephemeralContainers'].some((f) =>
    containerNames(pod, f).includes(name),
  );
}

/** podcmd.AllContainerNames: main, then ephemeral "(ephem)", then init "(init)". */
function allContainerNames(pod: KubeObject): string {
  return [
    ...containerNames(pod, 'containers'),
    ...containerNames(pod, 'ephemeralContainers').map((n) => `${n} (ephem)`),
    ...containerNames(pod, 'initContainers').map((n) => `${n} (init)`),
  ].join(', ');
}

/** logsForObjectWithClient for one pod: its container(s), checked by kubectl itself. */
function podRequests(k: Kubectl, pod: KubeObject, options: PodLogOptions, choice: Choice): LogRequest[] {
  if (choice.allContainers) {
    return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((field) =>
      containerNames(pod, field).map((container) => ({ pod, options: { ...options, container } })),
    );
  }
  let container = options.container;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (!container && annotated) {
    if (hasContainer(pod, annotated)) container = annotated;
    else k.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
  }
  if (!container) {
    container = containerNames(pod, 'containers')[0] ?? '';
    const choices =
      containerNames(pod, 'containers').length > 1 ||
      containerNames(pod, 'initContainers').length > 0 ||
      containerNames(pod, 'ephemeralContainers').length > 0;
    if (choices && !choice.allPods)
      k.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!hasContainer(pod, container))
    throw new KubectlError(`error: container ${container} is not valid for pod ${pod.metadata.name}`);
  return [{ pod, options: { ...options, container } }];
}

/** logsForObjectWithClient for a controller or service: its best pod, or all with --all-pods. */
function ownerRequests(k: Kubectl, owner: KubeObject, options: PodLogOptions, choice: Choice): LogRequest[] {
  const cluster = k.cluster();
  const selector = podSelectorOf(owner, 'cannot get the logs from');
  const pods = podsForSelector(
    cluster,
    owner.metadata.namespace ?? '',
    selector,
    'logging',
    choice.podTimeoutMs,
  );
  if (pods.length > 1 && !choice.allPods)
    k.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  const chosen = pods.length > 1 && choice.allPods ? pods : pods.slice(0, 1);
  return chosen.flatMap((pod) => podRequests(k, pod, options, choice));
}

/** The builder's ResourceNames("pods", arg): POD or TYPE/NAME in the namespace. */
function fetchTarget(k: Kubectl, arg: string): KubeObject {
  const cluster = k.cluster();
  const slash = arg.indexOf('/');
  const typeName = slash >= 0 ? arg.slice(0, slash) : 'pods';
  const name = slash >= 0 ? arg.slice(slash + 1) : arg;
  const type = cluster.registry.resolve(typeName);
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${typeName}"`);
  try {
    return cluster.store.get(type, type.namespaced ? k.namespace : '', name);
  } catch (e) {
    // logs.go Complete rewraps NotFound
    if (e instanceof StatusError && e.reason === 'NotFound')
      throw new KubectlError(
        `error: error from server (NotFound): ${e.message} in namespace "${k.namespace}"`,
      );
    throw e;
  }
}

/** ToLogOptions and Validate: the PodLogOptions, or kubectl's refusal. */
function logOptions(flags: ParsedFlags, args: string[], selector: string): PodLogOptions {
  const tail = intFlag(flags, 'logs', 'tail', -1);
  const limitBytes = intFlag(flags, 'logs', 'limit-bytes', 0);
  const sinceMs = durationFlag(flags, 'logs', 'since', 0);
  const sinceTimeText = str(flags, 'since-time') ?? '';
  const options: PodLogOptions = {
    container: args[1] ?? str(flags, 'container') ?? '',
    previous: boolFlag(flags, 'logs', 'previous'),
    timestamps: boolFlag(flags, 'logs', 'timestamps'),
  };
  if (sinceTimeText) options.sinceTime = parseRFC3339(sinceTimeText);
  if (limitBytes !== 0) options.limitBytes = limitBytes;
  // rounded to the nearest second (time.Duration.Round)
  if (sinceMs !== 0) options.sinceSeconds = Math.sign(sinceMs) * Math.round(Math.abs(sinceMs) / 1000);
  if (selector && tail === -1 && str(flags, 'tail') === undefined) options.tailLines = SELECTOR_TAIL;
  else if (tail !== -1) options.tailLines = tail;
  if (sinceTimeText && sinceMs !== 0)
    throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (boolFlag(flags, 'logs', 'all-containers') && options.container)
    throw new KubectlError(
      `error: --all-containers=true should not be specified with container name ${options.container}`,
    );
  if (str(flags, 'container') !== undefined && args.length === 2)
    throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if (limitBytes < 0) throw new KubectlError('error: --limit-bytes must be greater than 0');
  if (options.sinceSeconds !== undefined && options.sinceSeconds < 0)
    throw new KubectlError('error: --since must be greater than 0');
  if (options.tailLines !== undefined && options.tailLines < -1)
    throw new KubectlError('error: --tail must be greater than or equal to -1');
  return options;
}

/** prefixingWriter over DefaultConsumeRequest's line-by-line writes. */
function withPrefix(text: string, prefix: string): string {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((line) => prefix + line).join('');
}

export function logs(k: Kubectl, flags: ParsedFlags): number {
  const args = flags.args;
  const selector = str(flags, 'selector') ?? '';
  if ((args.length === 0 && !selector) || args.length > 2) throw usageError(USAGE);
  if (args.length === 1 && selector) throw usageError('only a selector (-l) or a POD name is allowed');
  const allPods = boolFlag(flags, 'logs', 'all-pods');
  const prefix = boolFlag(flags, 'logs', 'prefix') || allPods;
  const follow = boolFlag(flags, 'logs', 'follow');
  const ignoreErrors = boolFlag(flags, 'logs', 'ignore-errors');
  const maxRequests = intFlag(flags, 'logs', 'max-log-requests', 5);
  const choice: Choice = {
    allContainers: boolFlag(flags, 'logs', 'all-containers'),
    allPods,
    podTimeoutMs: durationFlag(flags, 'logs', 'pod-running-timeout', POD_LOGS_TIMEOUT_MS),
  };
  const options = logOptions(flags, args, selector);
  const cluster = k.cluster();
  let targets: KubeObject[];
  if (selector) {
    targets = cluster.store.list(cluster.type('pods'), k.namespace, {
      labelSelector: parseLabelSelector(selector),
    });
    if (targets.length === 0) k.err(`No resources found in ${k.namespace} namespace.\n`);
  } else targets = [fetchTarget(k, args[0])];
  const requests = targets.flatMap((obj) =>
    obj.kind === 'Pod' ? podRequests(k, obj, options, choice) : ownerRequests(k, obj, options, choice),
  );
  if (follow && requests.length > maxRequests && requests.length > 1)
    throw new KubectlError(
      `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
    );
  // A followed log prints what has been written so far: the engine's kubectl does not block.
  for (const { pod, options: o } of requests) {
    try {
      const text = readPodLog(cluster, pod, o);
      k.out(prefix ? withPrefix(text, `[pod/${pod.metadata.name}/${o.container}] `) : text);
    } catch (e) {
      if (!ignoreErrors || !(e instanceof StatusError)) throw e;
      k.out(`error: ${e.message}\n`);
    }
  }
  return 0;
}
