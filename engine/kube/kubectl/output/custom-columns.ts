// `kubectl get -o custom-columns=...` and `-o custom-columns-file=...` (kubectl pkg/cmd/get/customcolumn.go, customcolumn_flags.go).

import { KUBECTL_TABWRITER, TabWriter } from '../../text/tabwriter.ts';
import { goSprint } from './go-values.ts';
import { findJsonPathResults } from './jsonpath.ts';
import { JsonPathEvalError } from './jsonpath-eval.ts';
import { JsonPathSyntaxError, parseJsonPath } from './jsonpath-parser.ts';

export interface Column {
  /** the header to print above the column */
  header: string;
  /** a complete JSONPath template, e.g. {.metadata.name} */
  fieldSpec: string;
}

/** A spec or template kubectl rejects, or a JSONPath failure while printing; `output` is what was printed before it. */
export class CustomColumnsError extends Error {
  readonly output: string;

  constructor(message: string, output = '') {
    super(message);
    this.output = output;
  }
}

/**
 * RelaxedJSONPathExpression: accepts metadata.name, .metadata.name, {metadata.name} or
 * {.metadata.name} and returns {.metadata.name}; an empty expression stays empty.
 */
export function relaxedJsonPathExpression(expression: string): string {
  if (expression === '') return expression;
  const match = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expression);
  if (!match) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${match[1] ?? match[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec: comma-separated HEADER:path pairs. */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec === '')
    throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new CustomColumnsError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    }
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPathExpression(part.slice(colon + 1)) };
  });
}

const TEMPLATE_FORMAT_HINT =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/** NewCustomColumnsPrinterFromTemplate: a line of headers and a line of paths, both whitespace separated. */
export function parseCustomColumnsTemplate(text: string): Column[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (text === '')
    throw new CustomColumnsError(`invalid template, missing header line. ${TEMPLATE_FORMAT_HINT}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '')) {
    throw new CustomColumnsError(`invalid template, missing spec line. ${TEMPLATE_FORMAT_HINT}`);
  }
  const headers = splitWords(lines[0]);
  const specs = splitWords(lines[1]);
  if (headers.length !== specs.length) {
    throw new CustomColumnsError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/** bufio.ScanWords: fields separated by Unicode white space. */
function splitWords(line: string): string[] {
  return line.split(/[\s\u0085\u00a0]+/u).filter((word) => word !== '');
}

/**
 * CustomColumnsPrinter.PrintObj over the objects kubectl prints together (one object, or the items
 * of the List `kubectl get` builds): a header row unless noHeaders, then one row per object.
 * Each cell joins its JSONPath results with "," as fmt.Sprint prints them (maps as map[k:v],
 * lists as [a b]), "<none>" when there are none; rows go through kubectl's tabwriter.
 */
export function printCustomColumns(
  columns: readonly Column[],
  objects: readonly unknown[],
  options: { noHeaders?: boolean } = {},
): string {
  const writer = new TabWriter(KUBECTL_TABWRITER);
  if (!options.noHeaders) writer.write(`${columns.map((c) => c.header).join('\t')}\n`);
  for (const column of columns) {
    try {
      parseJsonPath(column.fieldSpec);
    } catch (error) {
      if (error instanceof JsonPathSyntaxError) throw new CustomColumnsError(error.message, writer.flush());
      throw error;
    }
  }
  for (const object of objects) {
    const cells: string[] = [];
    for (const column of columns) {
      try {
        cells.push(columnValue(column.fieldSpec, object));
      } catch (error) {
        if (error instanceof JsonPathEvalError) throw new CustomColumnsError(error.message, writer.flush());
        throw error;
      }
    }
    writer.write(`${cells.join('\t')}\n`);
  }
  return writer.flush();
}

function columnValue(fieldSpec: string, object: unknown): string {
  const results = findJsonPathResults(fieldSpec, object, { allowMissingKeys: true });
  const values: string[] = [];
  if (results.length === 0 || results[0].length === 0) values.push('<none>');
  for (const list of results) {
    for (const value of list) values.push(escapeTerminal(goSprint(value)));
  }
  return values.join(',');
}

/** cli-runtime printers/terminal.go EscapeTerminal: ESC as ^[ and CR as \r, against terminal injection. */
export function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}
