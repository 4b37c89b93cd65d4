// kubectl's human-readable rendering of server-side tables (cli-runtime
// pkg/printers/tableprinter.go decorateTable + printTable, streamed through the tabwriter of
// printers/tabwriter.go), and the grouping and "No resources found" rules of kubectl get
// (kubectl pkg/cmd/get/get.go Run).

import { KUBECTL_TABWRITER, tabulate } from '../text/tabwriter.ts';
import { formatLabels } from './format.ts';
import { goFloat } from './gotext.ts';
import type { Cell, Table, TableColumn } from './table.ts';

export interface RenderOptions {
  /** -o wide: also show columns of priority above 0. */
  wide?: boolean;
  /** -A: a NAMESPACE column first (kubectl leaves it off for cluster-scoped kinds). */
  withNamespace?: boolean;
  /** --show-labels: a LABELS column last. */
  showLabels?: boolean;
  /** --no-headers */
  noHeaders?: boolean;
  /** -L key: one column per key, headed by the upper-cased last path segment. */
  columnLabels?: string[];
  /**
   * Prefix for the name column, e.g. "pod/" or "deployment.apps/" (--show-kind, or several
   * kinds printed together); see kindPrefix().
   */
  kindPrefix?: string;
}

/** The --show-kind prefix: the group kind lower-cased, "deployment.apps/" or "pod/". */
export function kindPrefix(kind: string, group = ''): string {
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/`;
}

/** formatLabelHeaders: "app.kubernetes.io/name" heads a column "NAME". */
function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

interface Decorated {
  columns: TableColumn[];
  rows: Cell[][];
}

/** decorateTable: NAMESPACE first, -L columns and LABELS last, the kind prefix on the name. */
function decorate(table: Table, options: RenderOptions): Decorated {
  const labels = options.columnLabels ?? [];
  const columns: TableColumn[] = [];
  if (options.withNamespace) columns.push({ name: 'Namespace', type: 'string', priority: 0 });
  columns.push(...table.columns);
  for (const key of labels) columns.push({ name: labelHeader(key), type: 'string', priority: 0 });
  if (options.showLabels) columns.push({ name: 'Labels', type: 'string', priority: 0 });

  const nameIndex = options.kindPrefix
    ? table.columns.findIndex((c) => c.format === 'name' && c.type === 'string')
    : -1;
  const rows = table.rows.map((row) => {
    const cells = [...row.cells];
    if (nameIndex >= 0) cells[nameIndex] = `${options.kindPrefix}${cells[nameIndex]}`;
    const itemLabels = row.object.metadata.labels ?? {};
    if (options.withNamespace) cells.unshift(row.object.metadata.namespace ?? '');
    for (const key of labels) cells.push(itemLabels[key] ?? '');
    if (options.showLabels) cells.push(formatLabels(itemLabels));
    return cells;
  });
  return { columns, rows };
}

/** printers.WriteEscaped: terminal escapes shown as "^[", carriage returns as "\r". */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** One cell as printTable writes it: nil is empty, strings stop at their first line break. */
function cellText(cell: Cell, column: TableColumn): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const lineBreak = cell.search(/[\f\n\r]/);
    if (lineBreak >= 0) return `${escapeTerminal(cell.slice(0, lineBreak))}...`;
    return escapeTerminal(cell);
  }
  // fmt.Sprint: int64 cells in decimal, float64 cells (number columns) in %g style
  if (typeof cell === 'number')
    return column.type !== 'number' && Number.isInteger(cell) ? String(cell) : goFloat(cell);
  return String(cell);
}

/** The tab-separated lines printTable hands to the tabwriter. */
function tableLines(table: Table, options: RenderOptions): string {
  const { columns, rows } = decorate(table, options);
  const visible = (c: TableColumn) => options.wide || c.priority === 0;
  let text = '';
  if (!options.noHeaders) {
    // no rows, no header
    if (rows.length === 0) return '';
    text += `${columns
      .filter(visible)
      .map((c) => c.name.toUpperCase())
      .join('\t')}\n`;
  }
  for (const cells of rows) {
    const parts: string[] = [];
    cells.forEach((cell, i) => {
      // extra cells beyond the columns are ignored (issue 66379)
      if (i >= columns.length || !visible(columns[i])) return;
      parts.push(cellText(cell, columns[i]));
    });
    text += `${parts.join('\t')}\n`;
  }
  return text;
}

/**
 * The text `kubectl get` prints for one resource type. Rows of several requests for the same
 * type belong in one table: kubectl aligns them together under one header.
 */
export function renderTable(table: Table, options: RenderOptions = {}): string {
  return tabulate(tableLines(table, options), KUBECTL_TABWRITER);
}

/**
 * Several resource types in one `kubectl get` (e.g. `get pods,svc` or `get all`): each type
 * is laid out on its own, and a blank line separates a type's output from earlier output
 * unless --no-headers is given. Types without rows print nothing.
 */
export function renderTables(groups: Array<{ table: Table; options?: RenderOptions }>): string {
  let out = '';
  let separatorPending = false;
  groups.forEach(({ table, options = {} }, i) => {
    if (i > 0 && !options.noHeaders && out.length > 0) separatorPending = true;
    const text = renderTable(table, options);
    if (text.length === 0) return;
    if (separatorPending) {
      out += '\n';
      separatorPending = false;
    }
    out += text;
  });
  return out;
}

/**
 * What kubectl get writes to stderr when it printed nothing: "No resources found in <ns>
 * namespace." when every requested type is namespaced and -A is not given, otherwise
 * "No resources found". Includes the trailing newline.
 */
export function noResourcesMessage(
  namespace: string | undefined,
  allNamespaces: boolean,
  allNamespaced = true,
): string {
  if (!allNamespaces && allNamespaced) return `No resources found in ${namespace ?? 'default'} namespace.\n`;
  return 'No resources found\n';
}
