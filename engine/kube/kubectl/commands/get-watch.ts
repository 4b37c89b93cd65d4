// kubectl get --watch / --watch-only (kubectl pkg/cmd/get/get.go watch): the current objects,
// then one print per watch event through the same printer. Tables go through one tabwriter that
// is flushed after every event and remembers column widths (cli-runtime GetNewTabWriter's
// RememberWidths), so an event line is aligned with the first table and widens columns for
// later lines; the header is printed once (HumanReadablePrinter.printedHeaders). -o yaml, json
// and name print each object (yaml documents separated by ---).
//
// In the simulation a watch cannot block forever: it ends when the world settles (no timer that
// keeps it busy is pending, at most SETTLE_HORIZON_MS = 10 simulated minutes), or, with
// --request-timeout, once that much simulated time has passed. kubectl exits 0 then, as it does
// when the server closes the watch.
import type { ResourceType } from '../../api/resources.ts';
import { type FieldRequirement, matches, matchesFields, type Selector } from '../../api/selectors.ts';
import type { KubeObject } from '../../api/types.ts';
import type { WatchEvent } from '../../apiserver/store.ts';
import type { Cluster } from '../../cluster.ts';
import { formatLabels } from '../../printers/format.ts';
import { goFloat } from '../../printers/gotext.ts';
import { kindPrefix } from '../../printers/index.ts';
import type { Cell, Table, TableColumn } from '../../printers/table.ts';
import { KUBECTL_TABWRITER, TabWriter } from '../../text/tabwriter.ts';
import type { Kubectl } from '../context.ts';
import { toYaml } from '../output/index.ts';
import { marshalCompact } from '../output/json.ts';
import { parseGoDuration } from '../patch/drain.ts';
import { objectPrintOptions, outputKind, printObjects } from '../print.ts';

export interface WatchRequest {
  type: ResourceType;
  /** The one object watched, or undefined for the whole collection. */
  name?: string;
  /** undefined: every namespace. */
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

export interface WatchOptions {
  output?: string;
  watchOnly: boolean;
  outputWatchEvents: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  showKind: boolean;
  labelColumns: string[];
  /** --request-timeout as given. */
  requestTimeout?: string;
  /** The server's table for some objects of the type (custom columns included). */
  table(objects: KubeObject[]): Table;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** printTable's cell text: nil empty, strings cut at their first line break, numbers as fmt prints. */
function cellText(cell: Cell, column: TableColumn): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const cut = cell.search(/[\f\n\r]/);
    const text = cut >= 0 ? `${cell.slice(0, cut)}...` : cell;
    return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
  }
  if (typeof cell === 'number')
    return column.type !== 'number' && Number.isInteger(cell) ? String(cell) : goFloat(cell);
  return String(cell);
}

function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

type PrinterOptions = WatchOptions & { wide: boolean; withNamespace: boolean; kindPrefix?: string };

/** The printer's state across prints: remembered widths and whether a header was printed. */
class WatchTablePrinter {
  private readonly writer = new TabWriter(KUBECTL_TABWRITER);
  private printedHeaders = false;
  private readonly options: PrinterOptions;
  private readonly out: (text: string) => void;

  constructor(options: PrinterOptions, out: (text: string) => void) {
    this.options = options;
    this.out = out;
  }

  /** PrintObj of one table (decorateTable + printTable), then the writer's flush. */
  print(table: Table, event?: EventType): void {
    const o = this.options;
    const visible = (c: TableColumn) => o.wide || c.priority === 0;
    const columns: TableColumn[] = [];
    if (event) columns.push({ name: 'Event', type: 'string', priority: 0 });
    if (o.withNamespace) columns.push({ name: 'Namespace', type: 'string', priority: 0 });
    columns.push(...table.columns);
    for (const key of o.labelColumns) columns.push({ name: labelHeader(key), type: 'string', priority: 0 });
    if (o.showLabels) columns.push({ name: 'Labels', type: 'string', priority: 0 });
    let text = '';
    const noHeaders = o.noHeaders || this.printedHeaders;
    if (!noHeaders && table.rows.length > 0)
      text += `${columns
        .filter(visible)
        .map((c) => c.name.toUpperCase())
        .join('\t')}\n`;
    if (table.rows.length > 0) this.printedHeaders = true;
    for (const row of table.rows) {
      const labels = row.object.metadata.labels ?? {};
      const cells: Cell[] = [];
      if (event) cells.push(event);
      if (o.withNamespace) cells.push(row.object.metadata.namespace ?? '');
      const own = row.cells.slice(0, table.columns.length);
      // --show-kind: decorateTable prefixes the name column with the kind
      const nameAt = table.columns.findIndex((c) => c.format === 'name' && c.type === 'string');
      if (o.kindPrefix && nameAt >= 0) own[nameAt] = `${o.kindPrefix}${own[nameAt]}`;
      cells.push(...own);
      for (const key of o.labelColumns) cells.push(labels[key] ?? '');
      if (o.showLabels) cells.push(formatLabels(labels));
      const parts = cells.flatMap((cell, i) => (visible(columns[i]) ? [cellText(cell, columns[i])] : []));
      text += `${parts.join('\t')}\n`;
    }
    this.writer.write(text);
    this.out(this.writer.flush());
  }
}

/** --request-timeout: "0" is none, a bare number is seconds, otherwise a Go duration. */
function timeoutMs(value: string | undefined): number {
  if (value === undefined || value === '' || value === '0') return 0;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  return parseGoDuration(value) ?? 0;
}

function selects(req: WatchRequest, obj: KubeObject): boolean {
  if (req.name !== undefined && obj.metadata.name !== req.name) return false;
  if (req.namespace !== undefined && req.type.namespaced && obj.metadata.namespace !== req.namespace)
    return false;
  if (req.labelSelector && !matches(req.labelSelector, obj.metadata.labels)) return false;
  if (req.fieldSelector && !matchesFields(req.fieldSelector, obj)) return false;
  return true;
}

/** The event a watch with this request's filters delivers for a store change, if any. */
function deliver(req: WatchRequest, e: WatchEvent): { type: EventType; object: KubeObject } | null {
  const t = e.resource;
  if (t.group !== req.type.group || t.resource !== req.type.resource) return null;
  const now = selects(req, e.object);
  const before = e.old ? selects(req, e.old) : false;
  const object = {
    ...structuredClone(e.object),
    apiVersion: `${t.group ? `${t.group}/` : ''}${t.version}`,
    kind: t.kind,
  };
  if (e.type === 'MODIFIED') {
    // the watch cache turns objects entering or leaving the selection into ADDED / DELETED
    if (now && !before) return { type: 'ADDED', object };
    if (!now && before) return { type: 'DELETED', object };
    return now ? { type: 'MODIFIED', object } : null;
  }
  return now ? { type: e.type, object } : null;
}

/**
 * Prints `initial` (unless --watch-only), then each change the world makes until the watch
 * ends. Returns kubectl's exit status.
 */
export function watchObjects(
  k: Kubectl,
  cluster: Cluster,
  req: WatchRequest,
  initial: KubeObject[],
  options: WatchOptions,
): number {
  const kind = outputKind(options.output);
  const table = !options.output || options.output === 'wide';
  const printer = table
    ? new WatchTablePrinter(
        {
          ...options,
          wide: options.output === 'wide',
          withNamespace: req.namespace === undefined && req.type.namespaced,
          kindPrefix: options.showKind ? kindPrefix(req.type.kind, req.type.group) : undefined,
        },
        (t) => k.out(t),
      )
    : undefined;
  let printed = 0;
  const printOne = (obj: KubeObject, event: EventType) => {
    const data = options.outputWatchEvents ? { object: obj, type: event } : obj;
    // the JSON printer writes a WatchEvent compactly, in its field order
    if (kind === 'json' && options.outputWatchEvents)
      k.out(`{"type":${JSON.stringify(event)},"object":${marshalCompact(obj)}}\n`);
    else if (kind === 'yaml') k.out(`${printed > 0 ? '---\n' : ''}${toYaml(data)}`);
    else if (kind === 'name')
      k.out(printObjects([{ type: req.type, objects: [obj] }], printOptions(options), true));
    else {
      // custom columns print their header with the first object only
      const opts = { ...printOptions(options), noHeaders: options.noHeaders || printed > 0 };
      k.out(printObjects([{ type: req.type, objects: [data as KubeObject] }], opts, true));
    }
    printed++;
  };
  if (!options.watchOnly) {
    if (printer) printer.print(options.table(initial), options.outputWatchEvents ? 'ADDED' : undefined);
    else for (const obj of initial) printOne(obj, 'ADDED');
  }
  const stop = cluster.store.watch((e) => {
    const event = deliver(req, e);
    if (!event) return;
    if (printer)
      printer.print(options.table([event.object]), options.outputWatchEvents ? event.type : undefined);
    else printOne(event.object, event.type);
  });
  try {
    const limit = timeoutMs(options.requestTimeout);
    if (limit > 0) cluster.runtime.runUntil(cluster.now() + limit, () => false);
    else cluster.runtime.settle();
  } finally {
    stop();
  }
  return 0;
}

function printOptions(options: WatchOptions) {
  return objectPrintOptions(options.output, { noHeaders: options.noHeaders });
}
