// `kubectl -o go-template=...` (and template, go-template-file, templatefile, --template): cli-runtime's GoTemplatePrinter over an object, with kubectl's messages.
import { KubectlError } from '../../context.ts';
import { goQuote, goSprint, isMap, wellFormed } from '../go-values.ts';
import { Executor, TemplateExecError } from './exec.ts';
import { FUNCTION_NAMES } from './funcs.ts';
import { parseTemplate, TemplateParseError } from './parser.ts';
import type { Plain } from './values.ts';

export { TemplateExecError } from './exec.ts';
export { TemplateParseError } from './parser.ts';

/** A template kubectl refused or could not run; `output` is what reached stdout first. */
export class GoTemplateError extends KubectlError {
  readonly output: string;
  constructor(message: string, output = '') {
    super(message);
    this.output = output;
  }
}

export interface GoTemplateOptions {
  /** --allow-missing-template-keys (default true): false makes a missing map key an error. */
  allowMissingKeys?: boolean;
  /**
   * Whether the object is unstructured (kubectl get: json.Marshal sorts its map keys) or a typed
   * object (kubectl create --dry-run: struct field order, the plain object's own key order). Only
   * the "raw data was" line of an execution error shows the difference.
   */
  sortKeys?: boolean;
}

/** The template formats of genericclioptions template_flags.go. */
export const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];

/**
 * Runs `template` over `object` as GoTemplatePrinter.PrintObj does: the object is JSON-encoded
 * and decoded into map[string]interface{} (integers as int64), and the template named "output"
 * runs with kubectl's exists and base64decode functions.
 */
export function goTemplate(template: string, object: unknown, options: GoTemplateOptions = {}): string {
  if (template === '') throw new GoTemplateError('error: template format specified but no template given');
  let parsed: ReturnType<typeof parseTemplate>;
  try {
    parsed = parseTemplate('output', template, FUNCTION_NAMES);
  } catch (e) {
    if (!(e instanceof TemplateParseError)) throw e;
    // template_flags.go ToPrinter: "error parsing template %s, %v"
    throw new GoTemplateError(`error: error parsing template ${template}, ${e.message}`);
  }
  const data = JSON.parse(JSON.stringify(object ?? null)) as Plain;
  const executor = new Executor(parsed, {
    name: 'output',
    text: template,
    missingKeyError: options.allowMissingKeys === false,
  });
  try {
    executor.run(data);
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\traw data was:\n\t\t${compactJson(data, options.sortKeys ?? true)}\n` +
      `\tobject given to template engine was:\n\t\t${goSprint(data)}\n\n`;
    throw new GoTemplateError(
      `error: error executing template ${goQuote(template)}: ${e.message}`,
      executor.out + debug,
    );
  }
  return executor.out;
}

/** encoding/json.Marshal, compact, HTML-safe escaping; keys sorted or in the object's order. */
function compactJson(value: Plain, sortKeys: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => compactJson(v, sortKeys)).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value);
    if (sortKeys) keys.sort();
    const map = value as Record<string, Plain>;
    return `{${keys.map((k) => `${jsonString(k)}:${compactJson(map[k], sortKeys)}`).join(',')}}`;
  }
  return String(value);
}

function jsonString(text: string): string {
  return JSON.stringify(wellFormed(text)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

/**
 * Folds --template into -o the way PrintFlags.ToPrinter reads them: a non-empty --template
 * with no -o means go-template; with a bare template or jsonpath format it is that format's
 * argument. The *-file formats are read here ("error reading --template PATH, ..." when absent)
 * and become the inline format. Returns the -o value to print with.
 */
export function resolveTemplateOutput(
  output: string | undefined,
  templateFlag: string | undefined,
  readFile: (path: string) => string | undefined,
): string | undefined {
  let out = output;
  if (templateFlag) {
    if (out === undefined || out === '') out = `go-template=${templateFlag}`;
    else if (!out.includes('=') && (TEMPLATE_FORMATS.includes(out) || out.startsWith('jsonpath')))
      out = `${out}=${templateFlag}`;
  }
  if (out === undefined) return out;
  const eq = out.indexOf('=');
  const format = eq < 0 ? out : out.slice(0, eq);
  if ((format === 'go-template-file' || format === 'templatefile') && eq >= 0) {
    const path = out.slice(eq + 1);
    if (path === '') return out;
    const text = readFile(path);
    if (text === undefined)
      throw new KubectlError(
        `error: error reading --template ${path}, open ${path}: no such file or directory`,
      );
    return `go-template=${text}`;
  }
  return out;
}
