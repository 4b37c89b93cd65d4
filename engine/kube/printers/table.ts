// The metav1.Table model the API server answers `kubectl get` with (column definitions plus
// rows of cells that keep Go's cell types), and the column-building helpers printers share.
import type { KubeObject } from '../api/types.ts';

export interface TableColumn {
  name: string;
  /** OpenAPI type: "string", "integer", "number", "boolean" or "date". */
  type: string;
  format?: string;
  /** 0 always shown; above 0 only with `-o wide`. */
  priority: number;
  description?: string;
}

/** A cell as Go puts it in the table: string, int64/float64 (number), bool, or nil (null). */
export type Cell = string | number | boolean | null;

export interface TableRow {
  cells: Cell[];
  object: KubeObject;
}

export interface Table {
  columns: TableColumn[];
  rows: TableRow[];
}

export interface PrintContext {
  /** Simulated "now", ms since the epoch (ages are computed against it). */
  now: number;
}

/** Prints one object into its row cells (the server always asks for the wide cells). */
export type RowPrinter = (object: KubeObject, ctx: PrintContext) => Cell[];

export interface KindPrinter {
  columns: TableColumn[];
  row: RowPrinter;
  /** List printers that reorder their items (FlowSchema) do it here. */
  sort?: (objects: KubeObject[]) => KubeObject[];
}

// ObjectMeta swagger docs, the descriptions most columns reuse
// (apimachinery pkg/apis/meta/v1/types_swagger_doc_generated.go).
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A column definition; `wide` marks Priority: 1. */
export function column(
  name: string,
  type = 'string',
  options: { wide?: boolean; format?: string; description?: string } = {},
): TableColumn {
  const col: TableColumn = { name, type, priority: options.wide ? 1 : 0 };
  if (options.format) col.format = options.format;
  if (options.description) col.description = options.description;
  return col;
}

/** The Name column every printer starts with (Format "name" is what --show-kind decorates). */
export function nameColumn(): TableColumn {
  return column('Name', 'string', { format: 'name', description: NAME_DESCRIPTION });
}

export function ageColumn(): TableColumn {
  return column('Age', 'string', { description: CREATION_TIMESTAMP_DESCRIPTION });
}

/** The three wide columns of workload printers: Containers, Images, Selector. */
export function templateColumns(withSelector = true): TableColumn[] {
  const cols = [
    column('Containers', 'string', { wide: true, description: 'Names of each container in the template.' }),
    column('Images', 'string', {
      wide: true,
      description: 'Images referenced by each container in the template.',
    }),
  ];
  if (withSelector) cols.push(column('Selector', 'string', { wide: true }));
  return cols;
}
