// Server-side printing for `kubectl get`: the kind -> printer dispatch that turns stored
// objects into a metav1.Table (always with the wide cells, as the API server generates them),
// plus re-exports of the rendering side kubectl applies to that table.
import type { KubeObject } from '../api/types.ts';
import { apiServerPrinters } from './apiserver.ts';
import { authPrinters } from './auth.ts';
import { batchPrinters } from './batch.ts';
import { configPrinters } from './config.ts';
import { buildCustomResourceTable, buildDefaultTable, type CustomResourceColumn } from './defaults.ts';
import { eventPrinters } from './events.ts';
import { nodePrinters } from './nodes.ts';
import { podPrinters } from './pods.ts';
import { scalingPrinters } from './scaling.ts';
import { servicePrinters } from './services.ts';
import { storagePrinters } from './storage.ts';
import type { KindPrinter, PrintContext, Table } from './table.ts';
import { workloadPrinters } from './workloads.ts';

export { buildCustomResourceTable, buildDefaultTable, type CustomResourceColumn } from './defaults.ts';
export { formatLabelSelector, formatLabels } from './format.ts';
export { kindPrefix, noResourcesMessage, type RenderOptions, renderTable, renderTables } from './render.ts';
export type { Cell, PrintContext, Table, TableColumn, TableRow } from './table.ts';

/**
 * Print handlers by kind. Kinds missing here (Role, ClusterRole, LimitRange,
 * CustomResourceDefinition, CSIStorageCapacity, ...) are served by the default convertor.
 */
const PRINTERS: Record<string, KindPrinter> = {
  ...podPrinters,
  ...workloadPrinters,
  ...batchPrinters,
  ...scalingPrinters,
  ...servicePrinters,
  ...nodePrinters,
  ...eventPrinters,
  ...storagePrinters,
  ...authPrinters,
  ...configPrinters,
  ...apiServerPrinters,
};

export interface BuildTableContext extends PrintContext {
  /**
   * Set for custom resources: the served version's additionalPrinterColumns (empty or
   * missing columns give the default AGE column).
   */
  customResourceColumns?: CustomResourceColumn[];
}

/** Whether the API server has a print handler for the kind (otherwise NAME / CREATED AT). */
export function hasPrinter(kind: string): boolean {
  return Object.hasOwn(PRINTERS, kind);
}

/** The table the API server returns for a list (or a single object) of one kind. */
export function buildTable(kind: string, objects: KubeObject[], ctx: BuildTableContext): Table {
  if (ctx.customResourceColumns !== undefined) {
    return buildCustomResourceTable(objects, ctx.customResourceColumns, ctx);
  }
  const printer = PRINTERS[kind];
  if (!printer) return buildDefaultTable(objects);
  const ordered = printer.sort ? printer.sort(objects) : objects;
  return {
    columns: printer.columns.map((c) => ({ ...c })),
    rows: ordered.map((object) => ({ cells: printer.row(object, ctx), object })),
  };
}
