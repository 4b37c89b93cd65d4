// The block-style YAML layout go-yaml v2 produces (sigs.k8s.io/yaml goyaml.v2 emitterc.go): indentation, '-' and ':' placement, scalar styles, folding at 80 columns.
import {
  analyzeScalar,
  type Chars,
  charsOf,
  isBreak,
  isPrintable,
  type ScalarAnalysis,
} from './yaml-scalar.ts';

/** The style encode.go asks for; the emitter may still fall back to a quoted style. */
export type RequestedStyle = 'plain' | 'double' | 'literal';

export type YamlNode =
  | { kind: 'scalar'; text: string; style: RequestedStyle }
  | { kind: 'sequence'; items: YamlNode[] }
  | { kind: 'mapping'; entries: Array<[YamlNode & { kind: 'scalar' }, YamlNode]> };

/** emitter.best_width: go-yaml v2 folds unless FutureLineWrap() was called, which kubectl never does. */
const BEST_WIDTH = 80;
const BEST_INDENT = 2;
/** yaml_emitter_check_simple_key: keys longer than this (in bytes) are written as `? key`. */
const MAX_SIMPLE_KEY_BYTES = 128;

interface NodeContext {
  mapping?: boolean;
  simpleKey?: boolean;
}

/** One YAML document, as yaml.Marshal returns it (no `---` before the first document, newline at the end). */
export function emitDocument(root: YamlNode): string {
  const emitter = new BlockEmitter();
  emitter.node(root, -1, {});
  emitter.writeIndent(-1);
  return emitter.out;
}

const DOUBLE_QUOTED_ESCAPES: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
};

class BlockEmitter {
  out = '';
  private column = 0;
  /** the last thing written was whitespace (or nothing) */
  private whitespace = true;
  /** only indentation has been written on the current line so far */
  private indention = true;

  node(node: YamlNode, indent: number, context: NodeContext): void {
    if (node.kind === 'scalar') this.scalar(node.text, node.style, indent, context);
    else if (node.kind === 'sequence') {
      if (node.items.length === 0) this.emptyFlow('[', ']');
      else this.blockSequence(node.items, indent, context);
    } else if (node.entries.length === 0) this.emptyFlow('{', '}');
    else this.blockMapping(node.entries, indent);
  }

  writeIndent(indent: number): void {
    const target = Math.max(indent, 0);
    if (!this.indention || this.column > target || (this.column === target && !this.whitespace))
      this.putBreak();
    if (this.column < target) this.put(' '.repeat(target - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  /** A sequence that is a mapping value starts at the key's column ("indentless"). */
  private blockSequence(items: YamlNode[], indent: number, context: NodeContext): void {
    const indentless = Boolean(context.mapping) && !this.indention;
    const itemIndent = indent < 0 ? 0 : indentless ? indent : indent + BEST_INDENT;
    for (const item of items) {
      this.writeIndent(itemIndent);
      this.writeIndicator('-', true, false, true);
      this.node(item, itemIndent, {});
    }
  }

  private blockMapping(entries: Array<[YamlNode & { kind: 'scalar' }, YamlNode]>, indent: number): void {
    const keyIndent = indent < 0 ? 0 : indent + BEST_INDENT;
    for (const [key, value] of entries) {
      this.writeIndent(keyIndent);
      const analysis = analyzeScalar(key.text);
      const simple = !analysis.multiline && utf8Length(key.text) <= MAX_SIMPLE_KEY_BYTES;
      if (simple) {
        this.scalar(key.text, key.style, keyIndent, { mapping: true, simpleKey: true }, analysis);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalar(key.text, key.style, keyIndent, { mapping: true }, analysis);
        this.writeIndent(keyIndent);
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, keyIndent, { mapping: true });
    }
  }

  /** yaml_emitter_select_scalar_style, then the writer for the chosen style. */
  private scalar(
    text: string,
    requested: RequestedStyle,
    indent: number,
    context: NodeContext,
    analysis: ScalarAnalysis = analyzeScalar(text),
  ): void {
    let style: RequestedStyle | 'single' = requested;
    if (context.simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain' && (!analysis.blockPlainAllowed || (text === '' && context.simpleKey)))
      style = 'single';
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!analysis.blockAllowed || context.simpleKey)) style = 'double';
    const chars = charsOf(text);
    const scalarIndent = indent < 0 ? BEST_INDENT : indent + BEST_INDENT;
    const allowBreaks = !context.simpleKey;
    if (style === 'plain') this.writePlain(chars, scalarIndent, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(chars, scalarIndent, allowBreaks);
    else if (style === 'double') this.writeDoubleQuoted(chars, scalarIndent, allowBreaks);
    else this.writeLiteral(chars, scalarIndent);
  }

  /** A space past column 80 followed by a non-space becomes a line break (the reader folds it back). */
  private foldsAt(chars: Chars, i: number, spaces: boolean, allowBreaks: boolean): boolean {
    return allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ';
  }

  private writePlain(chars: Chars, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (typeof chars === 'string' && this.column + chars.length <= BEST_WIDTH) {
      // No space in it can reach past column 80, so nothing folds.
      this.out += chars;
      this.column += chars.length;
    } else {
      let spaces = false;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        if (ch === ' ') {
          if (this.foldsAt(chars, i, spaces, allowBreaks)) this.writeIndent(indent);
          else this.put(ch);
          spaces = true;
        } else {
          this.put(ch);
          spaces = false;
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(chars: Chars, indent: number, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        const inside = i > 0 && i < chars.length - 1;
        if (inside && this.foldsAt(chars, i, spaces, allowBreaks)) this.writeIndent(indent);
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(chars: Chars, indent: number, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // is_bom(value, i) looks at the start of the value, so a leading BOM escapes every character.
    const leadingBom = chars[0] === '\ufeff';
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0)!;
      if (!isPrintable(cp) || leadingBom || isBreak(ch) || ch === '"' || ch === '\\') {
        this.put(`\\${escapeCode(cp)}`);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** `|` with an indentation hint when the text starts with a space or break, and `-`/`+` chomping. */
  private writeLiteral(chars: Chars, indent: number): void {
    this.writeIndicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = chars.length - 1;
    let chomp = '';
    if (!isBreak(chars[last])) chomp = '-';
    else if (last === 0 || isBreak(chars[last - 1])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (isBreak(ch)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ) {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Appends text; the column advances one per character (code point) whatever its width. */
  private put(text: string): void {
    this.out += text;
    this.column += text.length === 1 ? 1 : codePointCount(text);
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out += ch;
      this.column = 0;
    }
  }
}

function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The escape after the backslash in a double-quoted scalar: named, \xXX, \uXXXX or \UXXXXXXXX (upper-case hex). */
function escapeCode(cp: number): string {
  const named = DOUBLE_QUOTED_ESCAPES[cp];
  if (named) return named;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}
