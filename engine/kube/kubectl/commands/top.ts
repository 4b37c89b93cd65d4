// kubectl top: resource usage of nodes and pods from the Metrics API (kubectl pkg/cmd/top,
// v0.32.4: top.go, top_node.go, top_pod.go), printed by the TopCmdPrinter.
import { Quantity } from '../../api/quantity.ts';
import { matchesFields, parseFieldSelector, parseLabelSelector, type Selector } from '../../api/selectors.ts';
import { type KubeObject, parseTime } from '../../api/types.ts';
import { notFound } from '../../apiserver/errors.ts';
import type { Cluster } from '../../cluster.ts';
import { metricsApiState, metricsServerOf, type PodMetrics } from '../../metrics/server.ts';
import { type Allocatable, printNodeMetrics, printPodMetrics } from '../../metrics/top-printer.ts';
import { type Kubectl, KubectlError } from '../context.ts';
import { bool, type ParsedFlags, str } from '../flags.ts';
import { type CommandTable, flag } from './types.ts';

/** top_pod.go metricsCreationDelay. */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

const NODE_FLAGS = ['selector', 'sort-by', 'no-headers', 'use-protocol-buffers', 'show-capacity'];
const POD_FLAGS = [
  'selector',
  'field-selector',
  'sort-by',
  'containers',
  'all-namespaces',
  'no-headers',
  'use-protocol-buffers',
  'sum',
];

/** Go's time.Duration.String() for a whole number of milliseconds. */
function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = `${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  return m > 0 ? `${m}m${s}` : s;
}

function usageError(use: string, path: string): KubectlError {
  return new KubectlError(`error: ${use}\nSee '${path} -h' for help and examples`);
}

function checkFlags(flags: ParsedFlags, allowed: string[], path: string): void {
  for (const name of flags.values.keys()) {
    if (['namespace', 'context', 'kubeconfig', 'cluster', 'user', 'v', 'request-timeout'].includes(name))
      continue;
    if (!allowed.includes(name))
      throw new KubectlError(`error: unknown flag: --${name}\nSee '${path} --help' for usage.`);
  }
}

function validateSortBy(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory')
    throw new KubectlError('error: --sort-by accepts only cpu or memory');
}

function labelSelector(text: string | undefined): Selector | undefined {
  return text ? parseLabelSelector(text) : undefined;
}

/** SupportedMetricsAPIVersionAvailable: aggregated discovery leaves out an unavailable group. */
function requireMetricsApi(cluster: Cluster): void {
  if (metricsApiState(cluster) !== 'serving') throw new KubectlError('error: Metrics API not available');
}

function allocatable(node: KubeObject, capacity: boolean): Allocatable {
  const list = (capacity ? node.status?.capacity : node.status?.allocatable) ?? {};
  return {
    cpuMilli: list.cpu !== undefined ? Number(Quantity.parse(list.cpu).milliValue()) : 0,
    memoryBytes: list.memory !== undefined ? Number(Quantity.parse(list.memory).intValue()) : 0,
  };
}

function topNode(k: Kubectl, flags: ParsedFlags, args: string[]): number {
  const path = 'kubectl top node';
  checkFlags(flags, NODE_FLAGS, path);
  if (args.length > 1) throw usageError('node [NAME | -l label]', path);
  const name = args[0] ?? '';
  const selectorText = str(flags, 'selector') ?? '';
  const sortBy = str(flags, 'sort-by') ?? '';
  validateSortBy(sortBy);
  if (name && selectorText) throw new KubectlError('error: only one of NAME or --selector can be provided');
  const selector = labelSelector(selectorText);
  const cluster = k.cluster();
  requireMetricsApi(cluster);
  const server = metricsServerOf(cluster);
  const nodeType = cluster.type('nodes');
  let metrics = server?.nodeMetrics(selector) ?? [];
  let nodes: KubeObject[];
  if (name) {
    if (!cluster.store.peek(nodeType, '', name)) throw notFound('', 'node', name);
    metrics = metrics.filter((m) => m.name === name);
    if (metrics.length === 0) throw notFound('metrics.k8s.io', 'nodemetrics', name);
    nodes = [cluster.store.get(nodeType, '', name)];
  } else {
    if (metrics.length === 0) throw new KubectlError('error: metrics not available yet');
    nodes = cluster.store.scan(nodeType, undefined, { labelSelector: selector });
  }
  const available = new Map<string, Allocatable>();
  for (const n of nodes) available.set(n.metadata.name ?? '', allocatable(n, bool(flags, 'show-capacity')));
  k.out(
    printNodeMetrics(
      metrics.map((m) => ({ name: m.name, nanocores: m.nanocores, memoryBytes: m.memory })),
      available,
      bool(flags, 'no-headers'),
      sortBy,
    ),
  );
  return 0;
}

/** verifyEmptyMetrics: why a list came back empty (it looks in the context's namespace). */
function explainEmpty(k: Kubectl, cluster: Cluster, name: string, pods: KubeObject[]): void {
  const now = cluster.now();
  const check = (pod: KubeObject) => {
    const age = now - parseTime(pod.metadata.creationTimestamp);
    if (age > METRICS_CREATION_DELAY_MS)
      throw new KubectlError(
        `error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`,
      );
  };
  if (name) {
    check(cluster.store.get(cluster.type('pods'), k.namespace, name));
  } else {
    if (pods.length === 0) return;
    for (const pod of pods) check(pod);
  }
  throw new KubectlError('error: metrics not available yet');
}

function topPod(k: Kubectl, flags: ParsedFlags, args: string[]): number {
  const path = 'kubectl top pod';
  checkFlags(flags, POD_FLAGS, path);
  if (args.length > 1) throw usageError('pod [NAME | -l label]', path);
  const name = args[0] ?? '';
  const selectorText = str(flags, 'selector') ?? '';
  const fieldText = str(flags, 'field-selector') ?? '';
  const sortBy = str(flags, 'sort-by') ?? '';
  validateSortBy(sortBy);
  if (name && (selectorText || fieldText))
    throw new KubectlError('error: only one of NAME or selector can be provided');
  const selector = labelSelector(selectorText);
  const fields = fieldText ? parseFieldSelector(fieldText) : undefined;
  const cluster = k.cluster();
  requireMetricsApi(cluster);
  const server = metricsServerOf(cluster);
  const allNamespaces = bool(flags, 'all-namespaces');
  const podType = cluster.type('pods');
  let metrics: PodMetrics[];
  if (name) {
    const ns = allNamespaces ? '' : k.namespace;
    const pod = cluster.store.peek(podType, ns, name);
    if (!pod) throw notFound('', 'pods', name);
    const m = server?.metricsOfPod(pod);
    if (!m) throw notFound('metrics.k8s.io', 'podmetrics', `${ns}/${name}`);
    metrics = [m];
  } else {
    const scanned = cluster.store.scan(podType, allNamespaces ? undefined : k.namespace, {
      labelSelector: selector,
    });
    const wanted = new Set(scanned.filter((p) => !fields || matchesFields(fields, p)));
    metrics = (server?.podMetrics(allNamespaces ? undefined : k.namespace, selector) ?? []).filter((m) =>
      [...wanted].some((p) => p.metadata.namespace === m.namespace && p.metadata.name === m.name),
    );
  }
  if (metrics.length === 0) {
    const inNamespace = cluster.store
      .scan(podType, k.namespace, { labelSelector: selector })
      .filter((p) => !fields || matchesFields(fields, p));
    explainEmpty(k, cluster, name, inNamespace);
    k.err(allNamespaces ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
  }
  k.out(
    printPodMetrics(
      metrics.map((m) => ({
        namespace: m.namespace,
        name: m.name,
        containers: m.containers.map((c) => ({
          name: c.name,
          nanocores: c.nanocores,
          memoryBytes: c.memory,
        })),
      })),
      {
        containers: bool(flags, 'containers'),
        withNamespace: allNamespaces,
        noHeaders: bool(flags, 'no-headers'),
        sortBy,
        sum: bool(flags, 'sum'),
      },
    ),
  );
  return 0;
}

function top(k: Kubectl, flags: ParsedFlags): number {
  const [sub, ...args] = flags.args;
  if (sub === 'node' || sub === 'nodes' || sub === 'no') return topNode(k, flags, args);
  if (sub === 'pod' || sub === 'pods' || sub === 'po') return topPod(k, flags, args);
  // cmdutil.DefaultSubCommandRun: RequireNoArguments, then the help (not reproduced here)
  if (sub !== undefined) throw usageError(`unknown command "${sub}"`, 'kubectl top');
  throw new KubectlError(
    'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.',
  );
}

export const TOP_COMMANDS: CommandTable = {
  top: {
    flags: [
      flag('selector', 'string', 'l'),
      flag('field-selector'),
      flag('sort-by'),
      flag('no-headers', 'bool'),
      flag('use-protocol-buffers', 'bool'),
      flag('show-capacity', 'bool'),
      flag('containers', 'bool'),
      flag('all-namespaces', 'bool', 'A'),
      flag('sum', 'bool'),
    ],
    run: top,
  },
};
