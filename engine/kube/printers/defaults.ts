// Tables for kinds without a print handler: the API server's default convertor (NAME and
// CREATED AT, k8s.io/apiserver pkg/registry/rest/table.go) and the custom resource convertor
// driven by a CRD's additionalPrinterColumns (apiextensions-apiserver
// pkg/registry/customresource/tableconvertor), which shows NAME and AGE when none are given.

import { humanDuration } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { str } from './format.ts';
import { goJSON, goNumber } from './gotext.ts';
import { findResults, parseJSONPath } from './jsonpath.ts';
import {
  type Cell,
  CREATION_TIMESTAMP_DESCRIPTION,
  column,
  nameColumn,
  type PrintContext,
  type Table,
  type TableColumn,
} from './table.ts';

/** time.Time{}.UTC().Format(time.RFC3339) */
const GO_ZERO_TIME_TEXT = '0001-01-01T00:00:00Z';

/** The creation time as RFC 3339 in UTC, seconds precision; Go's zero time when unset. */
function createdAt(obj: KubeObject): string {
  const at = obj.metadata.creationTimestamp ? Date.parse(obj.metadata.creationTimestamp) : Number.NaN;
  if (Number.isNaN(at)) return GO_ZERO_TIME_TEXT;
  return `${new Date(Math.floor(at / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** defaultTableConvertor: Name and "Created At" (a date column holding RFC 3339 text). */
export function buildDefaultTable(objects: KubeObject[]): Table {
  return {
    columns: [nameColumn(), column('Created At', 'date', { description: CREATION_TIMESTAMP_DESCRIPTION })],
    rows: objects.map((object) => ({ cells: [str(object.metadata.name), createdAt(object)], object })),
  };
}

/** A CRD version's additionalPrinterColumns entry (apiextensions/v1 CustomResourceColumnDefinition). */
export interface CustomResourceColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** serveDefaultColumnsIfEmpty: an Age column over .metadata.creationTimestamp. */
const DEFAULT_CUSTOM_COLUMNS: CustomResourceColumn[] = [
  {
    name: 'Age',
    type: 'date',
    description: CREATION_TIMESTAMP_DESCRIPTION,
    jsonPath: '.metadata.creationTimestamp',
  },
];

/** metav1.Time.UnmarshalQueryParameter: RFC 3339; "" and "null" are the zero time. */
function dateCell(text: string, now: number): string {
  if (text === '' || text === 'null') return '<unknown>';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return '<invalid>';
  const at = Date.parse(text);
  if (Number.isNaN(at)) return '<invalid>';
  return humanDuration(now - at);
}

/** cellForJSONValue: the typed cell, or nil when the value does not fit the column type. */
function typedCell(type: string, value: unknown, now: number): Cell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'date':
      return typeof value === 'string' ? dateCell(value, now) : null;
    default:
      return null;
  }
}

/** A string column prints any value: scalars as fmt.Fprint does, maps and lists as JSON. */
function stringCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goJSON(value);
}

/** The custom resource table; `crdColumns` are the served version's additionalPrinterColumns. */
export function buildCustomResourceTable(
  objects: KubeObject[],
  crdColumns: CustomResourceColumn[] | undefined,
  ctx: PrintContext,
): Table {
  const defs = crdColumns && crdColumns.length > 0 ? crdColumns : DEFAULT_CUSTOM_COLUMNS;
  const columns: TableColumn[] = [nameColumn()];
  const paths: Array<ReturnType<typeof parseJSONPath> | null> = [];
  for (const def of defs) {
    const col: TableColumn = {
      name: def.name,
      type: def.type,
      priority: def.priority ?? 0,
      description:
        def.description || `Custom resource definition column (in JSONPath format): ${def.jsonPath}`,
    };
    if (def.format) col.format = def.format;
    columns.push(col);
    try {
      paths.push(parseJSONPath(def.jsonPath));
    } catch {
      paths.push(null);
    }
  }
  const rows = objects.map((object) => {
    const cells: Cell[] = [str(object.metadata.name)];
    defs.forEach((def, i) => {
      const results = paths[i] ? findResults(def.jsonPath, object) : [];
      // only the first result is shown: CRD columns are simple paths
      const value = results[0];
      cells.push(def.type === 'string' ? stringCell(value) : typedCell(def.type, value, ctx.now));
    });
    return { cells, object };
  });
  return { columns, rows };
}
