// kubectl 1.32's plaintext explain output (pkg/explain/v2/templates/plaintext.tmpl and the
// functions of pkg/explain/v2/funcs.go), rendered from the OpenAPI v3 schema of one kind: the
// header, then either the kind / a field's description and its field list, or every field
// recursively. Template semantics kept: map keys in Go string order, Go template truthiness (an
// empty map or list is false), `indent` prefixing every line including the one after a final
// newline, and the header written before a field error is raised.
import { compareStrings, type GroupVersionKind, type OpenApiSchemas, type Schema } from './schema.ts';
import { wrapString } from './wordwrap.ts';

/** An error the template raises with `throw`; `output` is what it had written before. */
export class ExplainError extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(message);
    this.output = output;
  }
}

type History = Record<string, true>;

function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.split('\n').join(`\n${pad}`);
}

function isSet(schema: Schema | undefined): schema is Schema {
  return schema !== undefined && Object.keys(schema).length > 0;
}

function hasProperties(schema: Schema): boolean {
  return schema.properties !== undefined && Object.keys(schema.properties).length > 0;
}

class Renderer {
  private readonly schemas: OpenApiSchemas;
  private readonly recursive: boolean;

  constructor(schemas: OpenApiSchemas, recursive: boolean) {
    this.schemas = schemas;
    this.recursive = recursive;
  }

  private resolve(schema: Schema): Schema {
    const target = this.schemas.resolveRef(schema.$ref);
    return isSet(target) ? target : schema;
  }

  /** template "output": follows the field path, then prints the description and fields. */
  output(schema: Schema, history: History, path: string[]): string {
    const ref = schema.$ref ?? '';
    const next: History = { ...history, [ref]: true };
    const resolved = this.resolve(schema);
    if (path.length === 0) {
      let text = 'DESCRIPTION:\n';
      text += `${indent(4, wrapString(this.description(resolved) || '<empty>', 76))}\n`;
      const fields = this.fieldList(resolved, 1, {});
      if (fields) text += `FIELDS:\n${fields}`;
      return text;
    }
    if (ref && history[ref]) return '';
    const [first, ...rest] = path;
    const property = resolved.properties?.[first];
    if (hasProperties(resolved) && isSet(property)) {
      let text = '';
      if (path.length === 1) {
        text += `FIELD: ${first} <${this.typeGuess(property)}>\n`;
        text += `${this.extractEnum(property, true, -1, 0)}\n\n`;
      }
      return text + this.output(property, {}, rest);
    }
    if (isSet(resolved.items)) return this.output(resolved.items, next, path);
    if (isSet(resolved.additionalProperties)) return this.output(resolved.additionalProperties, next, path);
    for (const alternative of resolved.allOf ?? []) {
      const text = this.output(alternative, next, path);
      if (text) return text;
    }
    return '';
  }

  /** template "description": the schema's description and those of its allOf, items and map values. */
  private description(schema: Schema): string {
    const s = this.resolve(schema);
    if (!isSet(s)) return '';
    let text = s.description ? `${s.description}\n` : '';
    for (const alternative of s.allOf ?? []) text += this.description(alternative);
    if (isSet(s.items)) text += this.description(s.items);
    if (isSet(s.additionalProperties)) text += this.description(s.additionalProperties);
    return text;
  }

  /** template "fieldList": one entry per property, nested when recursive; stops at reference cycles. */
  private fieldList(schema: Schema, level: number, history: History): string {
    const ref = schema.$ref ?? '';
    if (ref && history[ref]) return '';
    const next: History = { ...history, [ref]: true };
    const resolved = this.resolve(schema);
    let text = '';
    const properties = resolved.properties ?? {};
    for (const name of Object.keys(properties).sort(compareStrings)) {
      text += this.fieldDetail(name, resolved, level);
      if (this.recursive) text += this.fieldList(properties[name], level + 1, next);
    }
    for (const alternative of resolved.allOf ?? []) text += this.fieldList(alternative, level, next);
    if (isSet(resolved.items)) text += this.fieldList(resolved.items, level, next);
    if (isSet(resolved.additionalProperties))
      text += this.fieldList(resolved.additionalProperties, level, next);
    return text;
  }

  /** template "fieldDetail": `name<TAB><type> -required-`, enum values, and the description unless recursive. */
  private fieldDetail(name: string, parent: Schema, level: number): string {
    const amount = level * 2;
    const field = parent.properties![name];
    let text = `${indent(amount, name)}\t<${this.typeGuess(field)}>`;
    if (parent.required?.includes(name)) text += ' -required-';
    text += `${this.extractEnum(field, false, 4, amount)}\n`;
    if (!this.recursive) {
      text += `${indent(amount + 2, wrapString(field.description || '<no description>', 78 - amount))}\n\n`;
    }
    return text;
  }

  /** template "typeGuess": []T, map[string]T, the referenced definition's short name, or the type. */
  private typeGuess(schema: Schema): string {
    if (isSet(schema.items)) return `[]${this.typeGuess(schema.items)}`;
    if (isSet(schema.additionalProperties))
      return `map[string]${this.typeGuess(schema.additionalProperties)}`;
    if (schema.allOf?.length === 1 && !hasProperties(schema)) return this.typeGuess(schema.allOf[0]);
    if (schema.$ref) {
      const target = this.schemas.resolveRef(schema.$ref);
      if (!isSet(target) || !target.type || target.type === 'object') {
        const name = schema.$ref.split('/').pop()!;
        return name.split('.').pop() || 'Object';
      }
      return target.type;
    }
    return schema.type === 'object' ? 'Object' : schema.type || 'Object';
  }

  /** template "extractEnum": `ENUM:` one per line, or `enum: a, b, c, d, ....` after a field. */
  private extractEnum(schema: Schema, longView: boolean, limit: number, amount: number): string {
    const values = schema.enum;
    if (!values?.length) return '';
    let text = longView ? 'ENUM:' : `\n${' '.repeat(amount)}enum: `;
    for (const [i, value] of values.entries()) {
      if (limit > -1 && i >= limit) {
        text += ', ....';
        break;
      }
      if (i > 0 && !longView) text += ', ';
      else if (longView) text += '\n    ';
      text += value === '' ? '""' : String(value);
    }
    return text;
  }
}

/**
 * The plaintext explain of `gvk`, or of the field at `path` inside it. Throws ExplainError with
 * kubectl's message (and the header already printed) when the kind or the field is missing.
 */
export function renderExplain(
  schemas: OpenApiSchemas,
  gvk: GroupVersionKind,
  path: string[],
  recursive: boolean,
): string {
  let header = gvk.group ? `GROUP:      ${gvk.group}\n` : '';
  header += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const definition = schemas.forKind(gvk);
  if (!definition) {
    throw new ExplainError(
      `error: GVK map[group:${gvk.group} kind:${gvk.kind} version:${gvk.version}] not found in OpenAPI schema`,
      header,
    );
  }
  const body = new Renderer(schemas, recursive).output(definition, {}, path);
  if (!body) throw new ExplainError(`error: field "${path[path.length - 1]}" does not exist`, header);
  return `${header}${body}\n`;
}
