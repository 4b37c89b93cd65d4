// Recovers the `enum` lists and "Possible enum values:" description sections that a real API server
// serves but the published api/openapi-spec snapshots omit (kubernetes/kubernetes
// hack/update-openapi-spec.sh starts the server with OpenAPIEnums=false, "omit enums from static
// openapi snapshots used to generate clients until #109177 is resolved"; the gate is Beta and on by
// default in 1.24+, k8s.io/apiserver pkg/features/kube_features.go).
//
// A served enum comes from kube-openapi's openapi-gen (pkg/generators/enum.go and openapi.go at
// 32ad38e42d3f, the kube-openapi Kubernetes 1.32 pins), which this file re-derives from the Go API
// sources (k8s.io/api, k8s.io/apiextensions-apiserver at v0.32.4):
//  - an enum type is `type T string` whose doc comment has a `+enum` tag line;
//  - its values are the constants declared with that type; a value's text is its doc comment (the
//    comment group ending on the line before the constant) joined with spaces, trimmed, stripped of
//    the constant's name, whitespace runs collapsed: " - `%q` text";
//  - a struct field of type T or *T gets `enum` (the %q-quoted values sorted) and its description
//    gains "\n\nPossible enum values:\n" and the sorted lines (openapi.go generateDescription: a
//    line that starts with a space starts a new line, trailing spaces are dropped, nothing after a
//    "---" line); a []T or map[string]T field gets `enum` on its items / values only.
// The snapshot's description is the served one with that section cut off (k8s.io/apiserver
// pkg/util/openapi/enablement.go pruneEnums: TrimSpace(description[:index of the header])).
import { execFileSync } from 'node:child_process';

/** One Go package's files: the source text of every non-test .go file. */
type GoFiles = string[];

/** A constant spec as written: `Name [Type] = expr` and its doc comment. */
interface ParsedConst {
  type?: string;
  expr: string;
  comment: string;
  imports: Map<string, string>;
}

/** A constant's evaluated string value and its type (importPath.Name), when it has a named type. */
interface ConstValue {
  value: string;
  typeKey?: string;
}

interface ParsedField {
  jsonName: string; // "" for an embedded (inline) struct
  type: string; // Go type expression as written, e.g. *PullPolicy, []v1.X, map[string]T
  docLines: string[];
  imports: Map<string, string>;
  pkg: string;
}

interface EnumType {
  values: Array<{ name: string; value: string; comment: string }>;
}

/** What openapi-gen adds to one property: `enum` on the property, its items or its values. */
export interface FieldEnum {
  on: 'self' | 'items' | 'additionalProperties';
  values: string[];
  /** The description section for `on: 'self'`, or undefined when the field's comment has "---". */
  section?: string;
}

/** Reads the .go files of every package of `module` (a Go module path) at `ref` of a bare git repo. */
export function readModule(module: string, gitDir: string, ref: string): Map<string, GoFiles> {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const packages = new Map<string, GoFiles>();
  for (const path of git('ls-tree', '-r', '--name-only', ref).split('\n')) {
    if (!path.endsWith('.go') || path.endsWith('_test.go')) continue;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const importPath = dir ? `${module}/${dir}` : module;
    const files = packages.get(importPath) ?? [];
    files.push(git('show', `${ref}:${path}`));
    packages.set(importPath, files);
  }
  return packages;
}

/** go/ast CommentGroup.Text for `//` comments: markers, the first space and directives removed. */
function commentText(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const body = raw.trim().slice(2);
    if (/^(line |extern |export |[a-z0-9]+:[a-z0-9])/.test(body)) continue; // comment directives
    out.push((body.startsWith(' ') ? body.slice(1) : body).replace(/\s+$/, ''));
  }
  while (out.length && out[0] === '') out.shift();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.filter((line, i) => line !== '' || out[i - 1] !== '');
}

function goString(literal: string): string | undefined {
  if (/^`[^`]*`$/.test(literal)) return literal.slice(1, -1);
  if (!/^"(?:[^"\\]|\\.)*"$/.test(literal)) return undefined;
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** A line of code split from its trailing `//` comment (string literals kept intact). */
function splitComment(line: string): { code: string; comment?: string } {
  const code = line.match(/^(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`/]|\/(?!\/))*/)![0];
  const rest = line.slice(code.length).trim();
  return { code: code.trim(), comment: rest.startsWith('//') ? rest : undefined };
}

function stripComment(line: string): string {
  return splitComment(line).code;
}

/** Go's %q for the printable ASCII values API enums use. */
function quote(value: string): string {
  return JSON.stringify(value);
}

class GoPackage {
  readonly path: string;
  readonly enumTypes = new Set<string>();
  readonly consts = new Map<string, ParsedConst>();
  readonly structs = new Map<string, ParsedField[]>();
  /** Go alias declarations, `type X = pkg.Y`: name → importPath.Y. */
  readonly aliases = new Map<string, string>();

  constructor(path: string, files: GoFiles) {
    this.path = path;
    for (const file of files) this.parseFile(file);
  }

  private parseFile(source: string): void {
    const lines = source.split('\n');
    const imports = new Map<string, string>();
    // doc comment group (its lines) ending on each line, as gengo's endLineToCommentGroup
    const groupEndingAt = new Map<number, string[]>();
    let run: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const trimmed = lines[i].trim();
      if (trimmed.startsWith('//')) {
        run.push(trimmed);
        groupEndingAt.set(i, [...run]);
      } else {
        run = [];
        const { comment } = splitComment(trimmed);
        if (comment) groupEndingAt.set(i, [comment]);
      }
    }
    const docOf = (line: number) => commentText(groupEndingAt.get(line - 1) ?? []);

    let block: 'import' | 'const' | 'type' | undefined;
    let struct: { name: string; fields: ParsedField[]; depth: number } | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = stripComment(lines[i]);
      const trimmed = lines[i].trim();
      if (struct) {
        if (trimmed.startsWith('//')) continue;
        const opens = (line.match(/{/g) ?? []).length;
        const closes = (line.match(/}/g) ?? []).length;
        if (struct.depth === 1) {
          const field = trimmed.match(/^(?:([A-Za-z_]\w*)\s+)?([*[\]\w.{}]+)\s+`([^`]*)`/);
          if (field) {
            const json = field[3].match(/json:"([^"]*)"/)?.[1] ?? '';
            const jsonName = json.split(',')[0];
            if (jsonName !== '-' && (field[1] || jsonName === '')) {
              struct.fields.push({
                jsonName: field[1] ? jsonName || field[1] : '',
                type: field[2],
                docLines: docOf(i),
                imports,
                pkg: this.path,
              });
            }
          }
        }
        struct.depth += opens - closes;
        if (struct.depth === 0) {
          this.structs.set(struct.name, struct.fields);
          struct = undefined;
        }
        continue;
      }
      if (block && trimmed === ')') {
        block = undefined;
        continue;
      }
      const opener = trimmed.match(/^(import|const|type|var)\s*\($/);
      if (opener) {
        block = opener[1] === 'var' ? undefined : (opener[1] as 'import' | 'const' | 'type');
        if (opener[1] === 'var') while (i < lines.length && lines[i].trim() !== ')') i++;
        continue;
      }
      const imp = block === 'import' ? trimmed : trimmed.match(/^import\s+(.*)$/)?.[1];
      if (imp !== undefined && (block === 'import' || trimmed.startsWith('import'))) {
        const m = imp.match(/^(?:([\w.]+)\s+)?"([^"]+)"/);
        if (m) imports.set(m[1] ?? m[2].split('/').pop()!, m[2]);
        continue;
      }
      const alias = (block === 'type' ? line : line.match(/^type\s+(.*)$/)?.[1])?.match(
        /^([A-Za-z_]\w*)\s*=\s*([\w.]+)$/,
      );
      if (alias && (block === 'type' || trimmed.startsWith('type'))) {
        const target = this.qualify(alias[2], imports);
        if (target) this.aliases.set(alias[1], target);
        continue;
      }
      const typeDecl = (block === 'type' ? line : line.match(/^type\s+(.*)$/)?.[1])?.match(
        /^([A-Za-z_]\w*)\s+(string$|struct\s*{)/,
      );
      if (typeDecl && (block === 'type' || trimmed.startsWith('type'))) {
        if (typeDecl[2] === 'string') {
          const tags = docOf(i).map((l) => l.trim());
          if (tags.some((l) => /^\+enum(=|$)/.test(l))) this.enumTypes.add(typeDecl[1]);
        } else {
          const depth = (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
          if (depth > 0) struct = { name: typeDecl[1], fields: [], depth };
          else this.structs.set(typeDecl[1], []);
        }
        continue;
      }
      const spec = block === 'const' ? line : line.match(/^const\s+(.*)$/)?.[1];
      if (spec !== undefined && (block === 'const' || trimmed.startsWith('const'))) {
        const m = spec.match(/^([A-Za-z_]\w*)(?:\s+([\w.]+))?\s*=\s*(.+?)\s*$/);
        if (m) this.consts.set(m[1], { type: m[2], expr: m[3], comment: docOf(i).join(' '), imports });
      }
    }
  }

  /** importPath.Name for a (possibly package-qualified) type name, or undefined for builtins. */
  qualify(name: string, imports: Map<string, string>): string | undefined {
    const dot = name.indexOf('.');
    if (dot === -1) return /^[A-Z]/.test(name) ? `${this.path}.${name}` : undefined;
    const pkg = imports.get(name.slice(0, dot));
    return pkg ? `${pkg}.${name.slice(dot + 1)}` : undefined;
  }
}

/** The enum types and structs of a set of Go packages, as openapi-gen's universe sees them. */
export class GoEnums {
  private readonly packages = new Map<string, GoPackage>();
  private readonly enums = new Map<string, EnumType>();

  constructor(sources: Map<string, GoFiles>) {
    for (const [path, files] of sources) this.packages.set(path, new GoPackage(path, files));
    for (const pkg of this.packages.values()) {
      for (const name of pkg.enumTypes) this.enums.set(`${pkg.path}.${name}`, { values: [] });
    }
    for (const pkg of this.packages.values()) {
      for (const [name, spec] of pkg.consts) {
        const resolved = this.constValue(pkg, name, 0);
        const typeKey = this.unalias(resolved?.typeKey);
        const type = typeKey ? this.enums.get(typeKey) : undefined;
        if (!type) continue;
        const c = { name, value: resolved!.value, comment: spec.comment };
        // enum.go addIfNotPresent: one entry per value, the longer comment wins
        const existing = type.values.findIndex((v) => v.value === c.value);
        if (existing === -1) type.values.push(c);
        else {
          const old = type.values[existing];
          if (
            old.comment.length < c.comment.length ||
            (old.comment.length === c.comment.length && old.comment > c.comment)
          )
            type.values[existing] = c;
        }
      }
    }
  }

  /**
   * A string constant's value and type, as go/types evaluates `Name [T] = "v" | T("v") | T(Other) |
   * Other | pkg.Other` (an untyped spec takes the type of the constant it names); else undefined.
   */
  private constValue(pkg: GoPackage, name: string, depth: number): ConstValue | undefined {
    const spec = pkg.consts.get(name);
    if (!spec || depth > 10) return undefined;
    const explicit = spec.type ? pkg.qualify(spec.type, spec.imports) : undefined;
    const conversion = spec.expr.match(/^([\w.]+)\(\s*(.+?)\s*\)$/);
    const operand = conversion ? conversion[2] : spec.expr;
    let value = goString(operand);
    let operandType: string | undefined;
    if (value === undefined) {
      const ref = operand.match(/^(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)$/);
      if (!ref) return undefined;
      const target = ref[1] ? this.packages.get(spec.imports.get(ref[1]) ?? '') : pkg;
      const found = target && this.constValue(target, ref[2], depth + 1);
      if (!found) return undefined;
      value = found.value;
      operandType = found.typeKey;
    }
    const typeKey = explicit ?? (conversion ? pkg.qualify(conversion[1], spec.imports) : operandType);
    return { value, typeKey };
  }

  /** Enum additions for the properties of definition `name` (e.g. io.k8s.api.core.v1.Container). */
  fieldEnums(definition: string): Map<string, FieldEnum> {
    const out = new Map<string, FieldEnum>();
    const m = definition.match(/^io\.k8s\.([^.]+)\.(.*)\.([^.]+)$/);
    if (!m) return out;
    const path = `k8s.io/${m[1]}/${m[2].replaceAll('.', '/')}`;
    for (const field of this.fields(path, m[3])) {
      const found = this.enumOf(field);
      if (found) out.set(field.jsonName, found);
    }
    return out;
  }

  /** A struct's fields with embedded inline structs flattened, as openapi-gen walks members. */
  private fields(path: string, name: string): ParsedField[] {
    const pkg = this.packages.get(path);
    const own = pkg?.structs.get(name);
    if (!pkg || !own) return [];
    return own.flatMap((f) => {
      if (f.jsonName !== '') return [f];
      const key = pkg.qualify(f.type.replace(/^\*/, ''), f.imports);
      if (!key) return [];
      const dot = key.lastIndexOf('.');
      return this.fields(key.slice(0, dot), key.slice(dot + 1));
    });
  }

  /** Follows `type X = Y` aliases, which name the same type in go/types. */
  private unalias(key: string | undefined): string | undefined {
    for (let i = 0; key && i < 10; i++) {
      const dot = key.lastIndexOf('.');
      const next = this.packages.get(key.slice(0, dot))?.aliases.get(key.slice(dot + 1));
      if (!next) break;
      key = next;
    }
    return key;
  }

  private enumOf(field: ParsedField): FieldEnum | undefined {
    const pkg = this.packages.get(field.pkg)!;
    const shapes: Array<[RegExp, FieldEnum['on']]> = [
      [/^\*?([\w.]+)$/, 'self'],
      [/^\[\]\*?([\w.]+)$/, 'items'],
      [/^map\[string\]\*?([\w.]+)$/, 'additionalProperties'],
    ];
    for (const [shape, on] of shapes) {
      const name = field.type.match(shape)?.[1];
      if (!name) continue;
      const key = this.unalias(pkg.qualify(name, field.imports));
      const type = key ? this.enums.get(key) : undefined;
      if (!type || type.values.length === 0) return undefined;
      const values = [...type.values]
        .sort((a, b) => compareBytes(quote(a.value), quote(b.value)))
        .map((v) => v.value);
      const result: FieldEnum = { on, values };
      if (on === 'self' && !field.docLines.includes('---')) {
        const lines = type.values.map((v) => {
          const text = v.comment
            .trim()
            .replace(new RegExp(`^${v.name}`), '')
            .trim()
            .replace(/\s+/g, ' ');
          return ` - \`${quote(v.value)}\` ${text}`.replace(/ +$/, '');
        });
        result.section = `Possible enum values:\n${lines.sort(compareBytes).join('\n')}`;
      }
      return result;
    }
    return undefined;
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
