// kubectl get --sort-by: the JSONPath the flag names (RelaxedJSONPathExpression), the first value
// it selects in each object, and the order kubectl's TableSorter / RuntimeSort give them with
// Go's sort.Sort (kubectl pkg/cmd/get/sorter.go, customcolumn.go).
//
// Values compare as sorter.go isLess does for decoded JSON: numbers numerically, strings as
// quantities when both parse as one ("100m" < "1") and byte-wise otherwise, null first; an object
// without the field sorts before every other (Less answers true for it). Values kubectl cannot
// compare (booleans, maps, lists, a number against a string) make kubectl exit through klog with
// a log line; here they leave the order as it is.
import { compareQuantities, parseQuantity } from '../../api/quantity.ts';
import type { KubeObject } from '../../api/types.ts';
import { goSort } from '../../describe/gosort.ts';
import { KubectlError } from '../context.ts';
import { GoNumber } from '../output/go-values.ts';
import { findJsonPathResults } from '../output/index.ts';
import { JsonPathSyntaxError } from '../output/jsonpath-parser.ts';

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

const RELAXED_ERROR =
  "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";

/** RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJSONPath(expression: string): string | Error {
  if (expression === '') return expression;
  const m = RELAXED.exec(expression);
  if (!m) return new Error(RELAXED_ERROR);
  return `{.${m[1] ?? m[2]}}`;
}

/** The first value the path selects, or undefined when it selects nothing. */
function firstValue(field: string, obj: KubeObject): { found: boolean; value: unknown } {
  const results = findJsonPathResults(field, obj, { allowMissingKeys: true });
  if (results.length === 0 || results[0].length === 0) return { found: false, value: undefined };
  const value = results[0][0];
  return { found: true, value: value instanceof GoNumber ? value.value : value };
}

/** isLess for two decoded JSON values (the reflect.Interface case). */
function isLess(a: unknown, b: unknown): boolean {
  const nilA = a === null || a === undefined;
  const nilB = b === null || b === undefined;
  if (nilA && nilB) return false;
  if (nilA) return true;
  if (nilB) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = parseQuantity(a);
    const qb = qa ? parseQuantity(b) : null;
    if (qa && qb) return compareQuantities(qa, qb) < 0;
    return a < b;
  }
  return false;
}

/** Parses the flag's path the way the client does, or throws kubectl's error for it. */
function parseField(sortBy: string, relaxedFailure: 'fallback' | 'fail', prefix: string): string {
  const relaxed = relaxedJSONPath(sortBy);
  let field: string;
  if (relaxed instanceof Error) {
    if (relaxedFailure === 'fail') throw new KubectlError(`error: ${relaxed.message}`);
    field = sortBy;
  } else field = relaxed;
  try {
    findJsonPathResults(field, {}, { allowMissingKeys: true });
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) throw new KubectlError(`error: ${prefix}${e.message}`);
    throw e;
  }
  return field;
}

function sortByField<T>(items: T[], objectOf: (item: T) => KubeObject, field: string): T[] {
  const keyed = items.map((item) => ({ item, ...firstValue(field, objectOf(item)) }));
  if (keyed.length > 0 && !keyed.some((k) => k.found)) {
    throw new KubectlError(`error: couldn't find any field with path "${field}" in the list of objects`);
  }
  goSort(keyed, (i, j) => {
    if (!i.found) return true;
    if (!j.found) return false;
    return isLess(i.value, j.value);
  });
  return keyed.map((k) => k.item);
}

/**
 * The rows of one server table in --sort-by order (NewTableSorter). kubectl sorts the table
 * twice, in RuntimeSorter and again in the SortingPrinter, which matters for equal keys.
 */
export function sortTableRows<T>(rows: T[], objectOf: (row: T) => KubeObject, sortBy: string): T[] {
  const field = parseField(sortBy, 'fallback', 'sorting error: ');
  if (rows.length === 0) return rows;
  const once = sortByField(rows, objectOf, field);
  return once.length > 1 ? sortByField(once, objectOf, field) : once;
}

/** The items of a List printed as yaml/json/name (SortingPrinter.sortObj → SortObjects). */
export function sortListItems(objects: KubeObject[], sortBy: string): KubeObject[] {
  if (objects.length === 0) return objects;
  const field = parseField(sortBy, 'fail', '');
  return sortByField(objects, (o) => o, field);
}
