// Small helpers every diagram writer shares: Mermaid node ids made from arbitrary names, label
// text escaped with Mermaid's entity codes (so a name holding quotes, brackets, pipes, `#` or
// `;` cannot end a label or a statement early), multi-line labels, and the accTitle/accDescr
// lines that give each diagram a title and a description for screen readers.

/**
 * Characters replaced by Mermaid entity codes (`#name;` or `#code;`), which Mermaid decodes
 * before it draws a label. Quotes end a quoted label, square brackets end a `[...]` shape for
 * simpler parsers, `|` ends an edge label, `#` starts an entity, `;` ends a statement (and a
 * sequence message), `<`, `>` and `&` would be read as HTML, and a leading backtick would make
 * a Markdown string.
 */
const ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '|': '#124;',
  '[': '#91;',
  ']': '#93;',
  '`': '#96;',
};

const NEEDS_ESCAPE = /["#;<>&|[\]`]/g;

/** One line of label text with Mermaid's special characters written as entity codes. */
export function escapeText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(NEEDS_ESCAPE, (c) => ENTITIES[c]);
}

/** Lines of text joined with `<br/>`, each escaped (the breaks themselves are not). */
export function labelLines(lines: readonly string[]): string {
  return lines.map(escapeText).join('<br/>');
}

/**
 * An unquoted edge label (the text of `a -->|text| b`): as labelLines, with parentheses and
 * braces written as entity codes too, since Mermaid reads them as shape brackets there.
 */
export function edgeText(lines: string | readonly string[]): string {
  const one = (line: string) => escapeText(line).replace(/[(){}]/g, (c) => `#${c.charCodeAt(0)};`);
  return (typeof lines === 'string' ? [lines] : lines).map(one).join('<br/>');
}

/** A quoted flowchart label: `"line one<br/>line two"`. */
export function quoteLabel(lines: string | readonly string[]): string {
  return `"${labelLines(typeof lines === 'string' ? [lines] : lines)}"`;
}

/**
 * A Mermaid id made from an arbitrary name: letters, digits and `_` only, starting with a
 * letter (so it is never `end`, never a number, and never starts with `o` or `x` right after
 * an edge). The prefix keeps ids of different kinds apart.
 */
export function safeId(name: string, prefix = 'n'): string {
  const body = name.replace(/[^A-Za-z0-9_]/g, '_');
  return `${prefix}_${body}`;
}

/**
 * Gives each key one id, stable for the diagram's life: the sanitised name, with a counter
 * appended when two different keys sanitise to the same text ("a-b" and "a.b").
 */
export class IdRegistry {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly prefix: string;

  constructor(prefix = 'n') {
    this.prefix = prefix;
  }

  id(key: string): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const base = safeId(key, this.prefix);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

/**
 * Text for an accTitle/accDescr line: one line without entity codes (screen readers read it
 * as written), and `;` (which some parsers take as the end of a statement) written as `,`.
 */
function plainLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/;/g, ',').trim();
}

/** The accessibility header lines: `accTitle: ...` and `accDescr: ...`, indented. */
export function accessibilityLines(title: string, description: string, indent = '  '): string[] {
  return [`${indent}accTitle: ${plainLine(title)}`, `${indent}accDescr: ${plainLine(description)}`];
}

/** "1 rule", "2 rules". */
export function plural(n: number | bigint, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 || n === 1n ? one : many}`;
}

/** A list for prose: "a", "a and b", "a, b and c". */
export function prose(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
