// kubectl's TopCmdPrinter (kubectl pkg/metricsutil/metrics_printer.go and metrics_sorter.go,
// v0.32.4): every cell ends in a tab (so the last column is padded too), CPU as "%vm" of the
// rounded-up milli value, memory as whole Mi, CPU(%)/MEMORY(%) against the node's allocatable.
import { tabulate } from '../text/tabwriter.ts';

export interface UsageRow {
  /** CPU in nanocores; the printer shows Quantity.MilliValue(), which rounds up. */
  nanocores: number;
  memoryBytes: number;
}

export interface Allocatable {
  cpuMilli: number;
  memoryBytes: number;
}

export interface NodeRow extends UsageRow {
  name: string;
}

export interface PodRow {
  namespace: string;
  name: string;
  containers: Array<UsageRow & { name: string }>;
}

const Mi = 1024 * 1024;

function cpuMilli(u: UsageRow): number {
  return Math.ceil(u.nanocores / 1e6);
}

function usageCells(u: UsageRow, available?: Allocatable): string {
  // printAllResourceUsages: value, tab, and with an allocatable the int64 percentage of the
  // milli values (float64(used.MilliValue()) / float64(available.MilliValue()) * 100) and a tab
  let out = `${cpuMilli(u)}m\t`;
  if (available) out += `${Math.trunc((cpuMilli(u) / available.cpuMilli) * 100)}%\t`;
  out += `${Math.trunc(u.memoryBytes / Mi)}Mi\t`;
  if (available) out += `${Math.trunc(((u.memoryBytes * 1000) / (available.memoryBytes * 1000)) * 100)}%\t`;
  return out;
}

/** Go's sort.Sort on these small slices keeps ties in order (insertion sort below 12 items). */
function sortRows<T>(rows: T[], less: (a: T, b: T) => boolean): T[] {
  const out = [...rows];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) [out[j], out[j - 1]] = [out[j - 1], out[j]];
  }
  return out;
}

/** PrintNodeMetrics: nodes with metrics, then a line of <unknown> for nodes without. */
export function printNodeMetrics(
  metrics: NodeRow[],
  available: Map<string, Allocatable>,
  noHeaders: boolean,
  sortBy: string,
): string {
  if (metrics.length === 0) return '';
  let text = noHeaders ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
  const remaining = new Map(available);
  const sorted = sortRows(metrics, (a, b) => {
    if (sortBy === 'cpu') return cpuMilli(a) > cpuMilli(b);
    if (sortBy === 'memory') return a.memoryBytes > b.memoryBytes;
    return a.name < b.name;
  });
  for (const m of sorted) {
    text += `${m.name}\t${usageCells(m, remaining.get(m.name))}\n`;
    remaining.delete(m.name);
  }
  for (const name of remaining.keys()) text += `${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  return tabulate(text);
}

function podTotal(p: PodRow): UsageRow {
  // getPodMetrics adds the exact quantities; rounding happens when printing
  let nanocores = 0;
  let memoryBytes = 0;
  for (const c of p.containers) {
    nanocores += c.nanocores;
    memoryBytes += c.memoryBytes;
  }
  return { nanocores, memoryBytes };
}

/** PrintPodMetrics, with --containers, -A (namespace column), --no-headers, --sort-by and --sum. */
export function printPodMetrics(
  metrics: PodRow[],
  options: { containers: boolean; withNamespace: boolean; noHeaders: boolean; sortBy: string; sum: boolean },
): string {
  if (metrics.length === 0) return '';
  let text = '';
  // the sum row's indentation counts the extra columns only when headers are printed
  let columnWidth = 3;
  if (!options.noHeaders) {
    if (options.withNamespace) {
      text += 'NAMESPACE\t';
      columnWidth++;
    }
    if (options.containers) {
      text += 'POD\t';
      columnWidth++;
    }
    text += 'NAME\tCPU(cores)\tMEMORY(bytes)\t\n';
  }
  const sorted = sortRows(metrics, (a, b) => {
    if (options.sortBy === 'cpu') return cpuMilli(podTotal(a)) > cpuMilli(podTotal(b));
    if (options.sortBy === 'memory') return podTotal(a).memoryBytes > podTotal(b).memoryBytes;
    if (options.withNamespace && a.namespace !== b.namespace) return a.namespace < b.namespace;
    return a.name < b.name;
  });
  const ns = (p: PodRow) => (options.withNamespace ? `${p.namespace}\t` : '');
  for (const p of sorted) {
    if (options.containers) {
      const containers = sortRows(p.containers, (a, b) => {
        if (options.sortBy === 'cpu') return cpuMilli(a) > cpuMilli(b);
        if (options.sortBy === 'memory') return a.memoryBytes > b.memoryBytes;
        return a.name < b.name;
      });
      for (const c of containers) text += `${ns(p)}${p.name}\t${c.name}\t${usageCells(c)}\n`;
    } else {
      text += `${ns(p)}${p.name}\t${usageCells(podTotal(p))}\n`;
    }
  }
  if (options.sum) {
    const total = { nanocores: 0, memoryBytes: 0 };
    for (const p of sorted) {
      const t = podTotal(p);
      total.nanocores += t.nanocores;
      total.memoryBytes += t.memoryBytes;
    }
    text += `${'\t'.repeat(Math.max(0, columnWidth - 2))}________\t________\t\n`;
    text += `${'\t'.repeat(Math.max(0, columnWidth - 3))}\t${usageCells(total)}\n`;
  }
  return tabulate(text);
}
