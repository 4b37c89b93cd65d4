// `kubectl -o jsonpath=...` (and jsonpath-as-json): runs a template over an object and prints the results, failing with kubectl's messages.
import { formatGoNumber, GoNumber, goQuote, goSyntax, isMap, type NumberMode } from './go-values.ts';
import { marshalCompact, marshalIndent } from './json.ts';
import { type GoValue, JsonPathEvalError, JsonPathEvaluator } from './jsonpath-eval.ts';
import { JsonPathSyntaxError, parseJsonPath } from './jsonpath-parser.ts';

export interface JsonPathOptions {
  /** --allow-missing-template-keys; kubectl's default is true (genericclioptions jsonpath_flags.go). */
  allowMissingKeys?: boolean;
  /**
   * 'unstructured' (default) for what `kubectl get` prints: integers are int64. 'float64' for
   * typed objects kubectl round-trips through encoding/json first (`kubectl create --dry-run=client
   * -o jsonpath`), where 1000000 prints as 1e+06 (cli-runtime printers/jsonpath.go PrintObj).
   */
  numbers?: NumberMode;
  /** -o jsonpath-as-json: each result list printed as an indented JSON array. */
  asJson?: boolean;
}

/**
 * A template kubectl refuses. `message` is the text kubectl prints after "error: ";
 * `reason` is client-go's own error (e.g. "unclosed action", "foo is not found").
 */
export class JsonPathError extends Error {
  readonly reason: string;
  readonly phase: 'parse' | 'execute';

  constructor(phase: 'parse' | 'execute', reason: string, message: string) {
    super(message);
    this.phase = phase;
    this.reason = reason;
  }
}

/**
 * Runs `template` over `data` as kubectl's JSONPath printer does and returns what it writes:
 * each top-level piece's results joined by single spaces, strings raw, numbers and bools as Go's
 * fmt prints them, maps and lists as compact JSON with sorted keys, JSON null as `null`.
 */
export function jsonpath(template: string, data: unknown, options: JsonPathOptions = {}): string {
  const allowMissingKeys = options.allowMissingKeys ?? true;
  const numbers = options.numbers ?? 'unstructured';
  if (template === '') {
    const reason = 'template format specified but no template given';
    throw new JsonPathError('parse', reason, reason);
  }
  const root = parseOrThrow(template);
  const evaluator = new JsonPathEvaluator({ allowMissingKeys, numbers });
  try {
    const results = evaluator.findResults(data, root.nodes);
    return results.map((list) => printResults(list, numbers, Boolean(options.asJson))).join('');
  } catch (error) {
    if (!(error instanceof JsonPathEvalError)) throw error;
    throw new JsonPathError(
      'execute',
      error.message,
      executionMessage(template, error.message, data, numbers),
    );
  }
}

/** client-go's FindResults for callers that format values themselves (custom columns). */
export function findJsonPathResults(
  template: string,
  data: unknown,
  options: { allowMissingKeys: boolean; numbers?: NumberMode },
): GoValue[][] {
  const root = parseJsonPath(template);
  const evaluator = new JsonPathEvaluator({
    allowMissingKeys: options.allowMissingKeys,
    numbers: options.numbers ?? 'unstructured',
  });
  return evaluator.findResults(data, root.nodes);
}

function parseOrThrow(template: string) {
  try {
    return parseJsonPath(template);
  } catch (error) {
    if (!(error instanceof JsonPathSyntaxError)) throw error;
    // genericclioptions jsonpath_flags.go ToPrinter: "error parsing jsonpath %s, %v".
    throw new JsonPathError('parse', error.message, `error parsing jsonpath ${template}, ${error.message}`);
  }
}

/** cli-runtime printers/jsonpath.go PrintObj: the wrapped error with the template and a %#v dump of the object. */
function executionMessage(template: string, reason: string, data: unknown, numbers: NumberMode): string {
  const details =
    `Error executing template: ${reason}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data, numbers)}\n\n`;
  return `error executing jsonpath ${goQuote(template)}: ${details}\n`;
}

/** jsonpath.go PrintResults for one result list. */
function printResults(results: GoValue[], numbers: NumberMode, asJson: boolean): string {
  if (asJson)
    return `${marshalIndent(
      results.map((r) => r ?? null),
      '    ',
    )}\n`;
  return results
    .map((r) => (Array.isArray(r) || isMap(r) ? marshalCompact(r) : evalToText(r, numbers)))
    .join(' ');
}

function evalToText(value: GoValue, numbers: NumberMode): string {
  if (value === undefined) return '<no value>';
  if (value === null) return 'null';
  if (typeof value === 'number' || value instanceof GoNumber) return formatGoNumber(value, numbers);
  return String(value);
}
