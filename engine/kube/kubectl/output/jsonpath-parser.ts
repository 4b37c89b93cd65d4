// Parses kubectl JSONPath templates into the node tree client-go util/jsonpath (v0.32) builds (parser.go, node.go), with its error texts.

export interface ListNode {
  type: 'list';
  nodes: JsonPathNode[];
}

/** One slice bound: `known` when written (or derived from a single index), `derived` for a[i]'s implied end i+1. */
export interface SliceParam {
  value: number;
  known: boolean;
  derived: boolean;
}

export type JsonPathNode =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; lists: ListNode[] }
  | { type: 'identifier'; name: string };

/** A template the parser rejects; the message is client-go's (e.g. "unclosed action"). */
export class JsonPathSyntaxError extends Error {}

const EOF = '';

/** Parses a whole template: text outside braces becomes text nodes, each {...} action a list node. */
export function parseJsonPath(template: string): ListNode {
  return new Parser(template).parse();
}

/** parser.go parseAction: parses `{text}` and returns its single action list. */
function parseAction(text: string): ListNode {
  return parseJsonPath(`{${text}}`).nodes[0] as ListNode;
}

class Parser {
  private readonly input: string;
  private pos = 0;
  private start = 0;
  private width = 0;
  private readonly root: ListNode = { type: 'list', nodes: [] };

  constructor(input: string) {
    this.input = input;
  }

  parse(): ListNode {
    for (;;) {
      const brace = this.input.indexOf('{', this.pos);
      this.pos = brace < 0 ? this.input.length : brace;
      if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
      if (brace < 0) return this.root;
      this.pos += 1;
      this.consume();
      const action: ListNode = { type: 'list', nodes: [] };
      this.root.nodes.push(action);
      this.parseInsideAction(action);
    }
  }

  private consume(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = ch.length;
    this.pos += this.width;
    return ch;
  }

  private peek(): string {
    const ch = this.next();
    this.backup();
    return ch;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  /** Reads tokens of one action up to its closing brace. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const ch = this.next();
      if (ch === EOF || ch === '\r' || ch === '\n') throw new JsonPathSyntaxError('unclosed action');
      if (ch === ' ' || ch === '@' || ch === '$') this.consume();
      else if (ch === '[') this.parseArray(cur);
      else if (ch === '"' || ch === "'") this.parseQuote(cur, ch);
      else if (ch === '.') this.parseField(cur);
      else if (ch === '+' || ch === '-' || isDigit(ch)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(ch)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathSyntaxError(`unrecognized character in action: ${formatRune(ch)}`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'recursive') {
      throw new JsonPathSyntaxError('invalid multiple recursive descent');
    }
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const first = this.peek();
    if (first === '+' || first === '-') this.next();
    for (;;) {
      const ch = this.next();
      if (ch !== '.' && !isDigit(ch)) {
        this.backup();
        break;
      }
    }
    const text = this.consume();
    const int = parseGoAtoi(text);
    if (int !== null) cur.nodes.push({ type: 'int', value: int });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) && Number.isFinite(Number(text))) {
      cur.nodes.push({ type: 'float', value: Number(text) });
    } else throw new JsonPathSyntaxError(`cannot parse number ${text}`);
  }

  /** `[...]`: a union (commas), a quoted key ['a.b'], or a slice/index [1], [-1:], [::2], [*]. */
  private parseArray(cur: ListNode): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new JsonPathSyntaxError('unterminated array');
      if (ch === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', lists: parts.map((part) => parseAction(`[${trimSpaces(part)}]`)) });
      return;
    }
    const key = /^'([^']*)'$/.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const slice = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!slice) throw new JsonPathSyntaxError(`invalid array index ${text}`);
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part === '') {
        params.push(
          i === 1
            ? { value: params[0].value + 1, known: true, derived: true }
            : { value: 0, known: false, derived: false },
        );
        continue;
      }
      if (i > 0) part = part.slice(1);
      if (i > 0 && part === '') {
        params.push({ value: 0, known: false, derived: false });
        continue;
      }
      const value = parseGoAtoi(part);
      if (value === null) throw new JsonPathSyntaxError(`array index ${part} is not a number`);
      params.push({ value, known: true, derived: false });
    }
    cur.nodes.push({ type: 'array', params: params as [SliceParam, SliceParam, SliceParam] });
  }

  /** `[?(left op right)]`, or `[?(path)]` for an existence test. Parentheses inside one quoted string are skipped. */
  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new JsonPathSyntaxError('unterminated filter');
      if (ch === '"' || ch === "'") {
        if (!begin) {
          begin = true;
          pair = ch;
        } else if (this.input[this.pos - 2] !== '\\' && ch === pair) {
          end = true;
        }
      } else if (ch === ')' && begin === end) {
        break;
      }
    }
    if (this.next() !== ']') throw new JsonPathSyntaxError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const comparison = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!comparison) {
      cur.nodes.push({
        type: 'filter',
        left: parseAction(text),
        right: { type: 'list', nodes: [] },
        operator: 'exists',
      });
      return;
    }
    const left = parseAction(comparison[1]);
    const right = parseAction(comparison[3]);
    cur.nodes.push({ type: 'filter', left, right, operator: comparison[2] });
  }

  private parseQuote(cur: ListNode, quote: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new JsonPathSyntaxError('unterminated quoted string');
      if (ch === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const raw = this.consume();
    const text = unquoteExtended(raw);
    if (text === null) throw new JsonPathSyntaxError(`unquote string ${raw} error invalid syntax`);
    cur.nodes.push({ type: 'text', text });
  }

  /** `.name`: up to the next unescaped terminator; backslashes are dropped (`kubernetes\.io/name`). */
  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const ch = this.next();
      if (ch === '\\') this.next();
      else if (isTerminator(ch)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }
}

function isTerminator(ch: string): boolean {
  return ch === EOF || ' \t\r\n.,[]$@{}'.includes(ch);
}

function isDigit(ch: string): boolean {
  return ch !== EOF && /\p{Nd}/u.test(ch);
}

function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || (ch !== EOF && /[\p{L}\p{Nd}]/u.test(ch));
}

function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

/** strconv.Atoi: optional sign and ASCII digits, within int64. */
function parseGoAtoi(text: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const value = BigInt(text);
  if (value < -(2n ** 63n) || value >= 2n ** 63n) return null;
  return Number(value);
}

/** fmt's %#U: U+0021 '!' (the quoted character left out when it is not printable). */
function formatRune(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch) ? `${code} '${ch}'` : code;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * parser.go UnquoteExtend: strconv.Unquote for "double" or 'single' quoted text of any length,
 * with Go escapes (\n, \t, \xFF, \u00e9, \U0001F600, \101 octal, \" or \' matching the quote).
 * Returns null on invalid syntax.
 */
export function unquoteExtended(quoted: string): string | null {
  if (quoted.length < 2) return null;
  const quote = quoted[0];
  if ((quote !== '"' && quote !== "'") || quoted.at(-1) !== quote) return null;
  const body = quoted.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === quote) return null;
    if (ch !== '\\') {
      const whole = String.fromCodePoint(body.codePointAt(i)!);
      out += whole;
      i += whole.length;
      continue;
    }
    const code = body[i + 1];
    if (code === undefined) return null;
    i += 2;
    if (SIMPLE_ESCAPES[code]) out += SIMPLE_ESCAPES[code];
    else if (code === 'x' || code === 'u' || code === 'U') {
      const digits = body.slice(i, i + (code === 'x' ? 2 : code === 'u' ? 4 : 8));
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (code === 'x' ? 2 : code === 'u' ? 4 : 8))
        return null;
      const value = Number.parseInt(digits, 16);
      if (code !== 'x' && (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))) return null;
      out += String.fromCodePoint(value);
      i += digits.length;
    } else if (code >= '0' && code <= '7') {
      const digits = code + body.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(digits)) return null;
      const value = Number.parseInt(digits, 8);
      if (value > 255) return null;
      out += String.fromCharCode(value);
      i += 2;
    } else if (code === "'" || code === '"') {
      if (code !== quote) return null;
      out += code;
    } else {
      return null;
    }
  }
  return out;
}
