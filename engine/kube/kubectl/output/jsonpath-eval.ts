// Evaluates parsed JSONPath templates over decoded JSON the way client-go util/jsonpath (v0.32) jsonpath.go walks Go values, range/end included.
import { GoNumber, goSprint, isMap, type NumberMode, numericType } from './go-values.ts';
import type { JsonPathNode, ListNode, SliceParam } from './jsonpath-parser.ts';

/**
 * A Go value seen through reflection: `undefined` is the invalid reflect.Value (a nil input),
 * `null` a nil interface{} (a JSON null), arrays are slices, plain objects map[string]interface{},
 * numbers int64/float64 according to the NumberMode, GoNumber a literal or a byte.
 */
export type GoValue = unknown;

/** An evaluation error; `partial` is what the failing step handed back alongside it (filters look at it). */
export class JsonPathEvalError extends Error {
  readonly partial: GoValue[];

  constructor(message: string, partial: GoValue[]) {
    super(message);
    this.partial = partial;
  }
}

export interface EvalOptions {
  allowMissingKeys: boolean;
  numbers: NumberMode;
}

/**
 * jsonpath.go FindResults: one result list per top-level node. The range/end bookkeeping keeps
 * the original's counters, so unbalanced templates behave as in kubectl.
 */
export class JsonPathEvaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JsonPathNode | null = null;
  private readonly options: EvalOptions;

  constructor(options: EvalOptions) {
    this.options = options;
  }

  findResults(data: GoValue, nodes: readonly JsonPathNode[]): GoValue[][] {
    const current = [data];
    const full: GoValue[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(current, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const body = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, body));
        } else {
          // Walk the body once anyway so the matching end is found.
          this.findResults(undefined, body);
        }
        this.inRange--;
        const endAt = nodes.indexOf(this.lastEndNode as JsonPathNode, i + 1);
        if (endAt >= 0) i = endAt;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(values: GoValue[], node: JsonPathNode): GoValue[] {
    switch (node.type) {
      case 'list':
        return this.evalList(values, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(values, node.name);
      case 'array':
        return this.evalArray(values, node.params);
      case 'filter':
        return this.evalFilter(values, node);
      case 'int':
        return values.map(() => new GoNumber(node.value, 'int'));
      case 'float':
        return values.map(() => new GoNumber(node.value, 'float64'));
      case 'bool':
        return values.map(() => node.value);
      case 'wildcard':
        return values.flatMap((v) => (v === null ? [] : childrenOf(v)));
      case 'recursive':
        return this.evalRecursive(values);
      case 'union':
        return this.evalUnion(values, node.lists);
      case 'identifier':
        return this.evalIdentifier(values, node.name);
    }
  }

  evalList(values: GoValue[], list: ListNode): GoValue[] {
    let current = values;
    for (const node of list.nodes) current = this.walk(current, node);
    return current;
  }

  private evalIdentifier(values: GoValue[], name: string): GoValue[] {
    if (name === 'range') {
      this.beginRange++;
      return values;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathEvalError('not in range, nothing to end', []);
    }
    throw new JsonPathEvalError(`unrecognized identifier ${name}`, values);
  }

  private evalField(values: GoValue[], name: string): GoValue[] {
    if (values.length === 0) return [];
    const results: GoValue[] = [];
    for (const value of values) {
      if (isMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) results.push(value[name]);
    }
    if (results.length === 0 && !this.options.allowMissingKeys) {
      throw new JsonPathEvalError(`${name} is not found`, []);
    }
    return results;
  }

  /** Index, slice [start:end:step] with negative indexes counted from the end, and their bound errors. */
  private evalArray(values: GoValue[], params: readonly SliceParam[]): GoValue[] {
    const result: GoValue[] = [];
    for (const value of values) {
      if (value === null) continue;
      if (!Array.isArray(value)) {
        throw new JsonPathEvalError(
          `${goTypeName(value, this.options.numbers)} is not array or slice`,
          values,
        );
      }
      const length = value.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += length;
      let end = params[1].known ? params[1].value : length;
      if (end < 0 || (end === 0 && params[1].derived)) end += length;
      if (end === start) return result;
      if (start >= length || start < 0) {
        throw new JsonPathEvalError(`array index out of bounds: index ${start}, length ${length}`, values);
      }
      if (end > length || end < 0) {
        throw new JsonPathEvalError(`array index out of bounds: index ${end - 1}, length ${length}`, values);
      }
      if (start > end) {
        throw new JsonPathEvalError(`starting index ${start} is greater than ending index ${end}`, values);
      }
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathEvalError('step must be > 0', values);
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(value[i] ?? null);
    }
    return result;
  }

  private evalUnion(values: GoValue[], lists: readonly ListNode[]): GoValue[] {
    const result: GoValue[] = [];
    for (const list of lists) {
      try {
        result.push(...this.evalList(values, list));
      } catch (error) {
        if (error instanceof JsonPathEvalError) throw new JsonPathEvalError(error.message, values);
        throw error;
      }
    }
    return result;
  }

  /** `..`: every value that has children (maps, slices, non-empty strings), parents before descendants. */
  private evalRecursive(values: GoValue[]): GoValue[] {
    const result: GoValue[] = [];
    for (const value of values) {
      if (value === null) continue;
      // A string's children are its bytes, which have no children of their own: only the
      // (non-empty) string itself is collected, so its bytes need not be materialised.
      if (typeof value === 'string') {
        if (value !== '') result.push(value);
        continue;
      }
      const children = childrenOf(value);
      if (children.length === 0) continue;
      result.push(value, ...this.evalRecursive(children));
    }
    return result;
  }

  private evalFilter(values: GoValue[], filter: JsonPathNode & { type: 'filter' }): GoValue[] {
    const results: GoValue[] = [];
    for (const value of values) {
      if (!Array.isArray(value)) {
        const shown = value === undefined ? '<invalid reflect.Value>' : goSprint(value, this.options.numbers);
        throw new JsonPathEvalError(`${shown} is not array or slice and cannot be filtered`, values);
      }
      for (const item of value) {
        const element = item ?? null;
        let lefts: GoValue[];
        let leftError: JsonPathEvalError | null = null;
        try {
          lefts = this.evalList([element], filter.left);
        } catch (error) {
          if (!(error instanceof JsonPathEvalError)) throw error;
          lefts = error.partial;
          leftError = error;
        }
        if (filter.operator === 'exists') {
          if (lefts.length > 0) results.push(element);
          continue;
        }
        if (leftError) throw new JsonPathEvalError(leftError.message, values);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathEvalError('can only compare one element at a time', values);
        const rights = this.evalFilterSide(element, filter.right, values);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathEvalError('can only compare one element at a time', values);
        if (compare(filter.operator, lefts[0], rights[0], this.options.numbers, results))
          results.push(element);
      }
    }
    return results;
  }

  private evalFilterSide(element: GoValue, side: ListNode, values: GoValue[]): GoValue[] {
    try {
      return this.evalList([element], side);
    } catch (error) {
      if (error instanceof JsonPathEvalError) throw new JsonPathEvalError(error.message, values);
      throw error;
    }
  }
}

/** What `*` and `..` descend into: map values (in insertion order), slice items, a string's bytes (uint8). */
function childrenOf(value: GoValue): GoValue[] {
  if (Array.isArray(value)) return value.map((v) => v ?? null);
  if (isMap(value)) return Object.values(value).filter((v) => v !== undefined);
  if (typeof value === 'string')
    return Array.from(new TextEncoder().encode(value), (b) => new GoNumber(b, 'uint8'));
  return [];
}

/** reflect.Type.String() of a decoded value, for "... is not array or slice". */
function goTypeName(value: GoValue, mode: NumberMode): string {
  if (isMap(value)) return 'map[string]interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || value instanceof GoNumber) return numericType(value, mode);
  // reflect.Value.Type() panics on the invalid value of a nil input; kubectl would crash here.
  return '<invalid Value>';
}

type ComparisonKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

/** text/template's basicKind: the comparable kinds; nil, maps and slices are "invalid type for comparison". */
function basicKind(value: GoValue, mode: NumberMode): ComparisonKind {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' || value instanceof GoNumber) {
    const type = numericType(value, mode);
    return type === 'float64' ? 'float' : type === 'uint8' ? 'uint' : 'int';
  }
  throw new JsonPathEvalError('invalid type for comparison', []);
}

function scalar(value: GoValue): number | string | boolean {
  return value instanceof GoNumber ? value.value : (value as number | string | boolean);
}

/** The forked text/template eq/lt helpers: kinds must match, except signed against unsigned integers. */
function equal(left: GoValue, right: GoValue, mode: NumberMode): boolean {
  const k1 = basicKind(left, mode);
  const k2 = basicKind(right, mode);
  const a = scalar(left);
  const b = scalar(right);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return a === b;
    throw new JsonPathEvalError('incompatible types for comparison', []);
  }
  return a === b;
}

function less(left: GoValue, right: GoValue, mode: NumberMode): boolean {
  const k1 = basicKind(left, mode);
  const k2 = basicKind(right, mode);
  const a = scalar(left);
  const b = scalar(right);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return a < b;
    throw new JsonPathEvalError('incompatible types for comparison', []);
  }
  if (k1 === 'bool') throw new JsonPathEvalError('invalid type for comparison', []);
  return a < b;
}

function compare(
  operator: string,
  left: GoValue,
  right: GoValue,
  mode: NumberMode,
  results: GoValue[],
): boolean {
  try {
    switch (operator) {
      case '<':
        return less(left, right, mode);
      case '>':
        return !(less(left, right, mode) || equal(left, right, mode));
      case '==':
        return equal(left, right, mode);
      case '!=':
        return !equal(left, right, mode);
      case '<=':
        return less(left, right, mode) || equal(left, right, mode);
      case '>=':
        return !less(left, right, mode);
      default:
        throw new JsonPathEvalError(`unrecognized filter operator ${operator}`, results);
    }
  } catch (error) {
    if (error instanceof JsonPathEvalError) throw new JsonPathEvalError(error.message, results);
    throw error;
  }
}
