// Splits a Go text/template into tokens (text, delimiters, fields, literals ...) as text/template/parse lex.go does, trim markers and comments included.

export type TokenType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords (lex.go: itemType > itemKeyword)
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Token {
  type: TokenType;
  /** byte offset in the template (UTF-8), as Go positions are */
  pos: number;
  value: string;
  line: number;
}

const KEYWORDS: Record<string, TokenType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

export function isKeyword(type: TokenType): boolean {
  return Object.values(KEYWORDS).includes(type);
}

const LEFT = '{{';
const RIGHT = '}}';
const SPACE_CHARS = ' \t\r\n';

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

export function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch);
}

function hasLeftTrimMarker(s: string): boolean {
  return s.length >= 2 && s[0] === '-' && isSpace(s[1]);
}

function hasRightTrimMarker(s: string): boolean {
  return s.length >= 2 && isSpace(s[0]) && s[1] === '-';
}

/** UTF-8 byte length of a JS string slice (Go positions count bytes). */
export function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * The lexer works on JS string indexes; tokens carry byte positions. Errors end the stream
 * with one 'error' token, like lex.go's errorf.
 */
export class Lexer {
  private readonly input: string;
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private insideAction = false;
  private parenDepth = 0;
  private done = false;

  constructor(input: string) {
    this.input = input;
  }

  next(): Token {
    if (this.done) return this.token('eof', '');
    return this.insideAction ? this.lexInsideAction() : this.lexText();
  }

  private bytePos(index: number): number {
    return byteLength(this.input.slice(0, index));
  }

  private token(type: TokenType, value?: string): Token {
    const t = {
      type,
      pos: this.bytePos(this.start),
      value: value ?? this.input.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
    return t;
  }

  private error(message: string): Token {
    const t = { type: 'error' as const, pos: this.bytePos(this.start), value: message, line: this.startLine };
    this.done = true;
    return t;
  }

  private ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  private nextChar(): string {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1; // remember we read past the end (atEOF)
      return '';
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += ch.length;
    if (ch === '\n') this.line++;
    return ch;
  }

  private backup(ch: string): void {
    if (ch === '') {
      this.pos = this.input.length;
      return;
    }
    this.pos -= ch.length;
    if (ch === '\n') this.line--;
  }

  private peek(): string {
    const ch = this.nextChar();
    this.backup(ch);
    return ch;
  }

  private lexText(): Token {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trim = 0;
        if (hasLeftTrimMarker(this.input.slice(x + LEFT.length))) {
          const text = this.input.slice(this.start, x);
          trim = text.length - trimRight(text).length;
        }
        this.pos -= trim;
        this.line += countNewlines(this.input.slice(this.start, this.pos));
        const t = this.token('text');
        this.pos += trim;
        this.ignore();
        if (t.value.length > 0) return t;
      }
      return this.lexLeftDelim();
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += countNewlines(this.input.slice(this.start, this.pos));
      return this.token('text');
    }
    this.done = true;
    return this.token('eof', '');
  }

  private lexLeftDelim(): Token {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input.slice(this.pos));
    const after = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.pos += after;
      this.ignore();
      return this.lexComment();
    }
    const t = this.token('leftDelim');
    this.insideAction = true;
    this.pos += after;
    this.ignore();
    this.parenDepth = 0;
    return t;
  }

  private lexComment(): Token {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.error('unclosed comment');
    this.pos = x + 2;
    const [delim, trim] = this.atRightDelim();
    if (!delim) return this.error('comment ends before closing delimiter');
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.pos += this.input.slice(this.pos).length - trimLeft(this.input.slice(this.pos)).length;
    this.ignore();
    return this.lexText();
  }

  private atRightDelim(): [boolean, boolean] {
    const rest = this.input.slice(this.pos);
    if (hasRightTrimMarker(rest) && rest.startsWith(RIGHT, 2)) return [true, true];
    if (rest.startsWith(RIGHT)) return [true, false];
    return [false, false];
  }

  private lexRightDelim(): Token {
    const [, trim] = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    const t = this.token('rightDelim');
    if (trim) {
      const rest = this.input.slice(this.pos);
      this.pos += rest.length - trimLeft(rest).length;
      this.ignore();
    }
    this.insideAction = false;
    return t;
  }

  private lexInsideAction(): Token {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim();
      return this.error('unclosed left paren');
    }
    const r = this.nextChar();
    if (r === '') return this.error('unclosed action');
    if (isSpace(r)) {
      this.backup(r);
      return this.lexSpace();
    }
    switch (r) {
      case '=':
        return this.token('assign');
      case ':':
        if (this.nextChar() !== '=') return this.error('expected :=');
        return this.token('declare');
      case '|':
        return this.token('pipe');
      case '"':
        return this.lexQuote();
      case '`':
        return this.lexRawQuote();
      case '$':
        return this.lexVariable();
      case "'":
        return this.lexChar();
      case '(':
        this.parenDepth++;
        return this.token('leftParen');
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) return this.error('unexpected right paren');
        return this.token('rightParen');
    }
    if (r === '.') {
      const c = this.input[this.pos];
      if (this.pos < this.input.length && (c < '0' || c > '9')) return this.lexFieldOrVariable('field');
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.backup(r);
      return this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.backup(r);
      return this.lexIdentifier();
    }
    const cp = r.codePointAt(0)!;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) return this.token('char');
    return this.error(`unrecognized character in action: ${formatRune(r)}`);
  }

  private lexSpace(): Token {
    let spaces = 0;
    while (isSpace(this.peek())) {
      this.nextChar();
      spaces++;
    }
    const before = this.input.slice(this.pos - 1);
    if (hasRightTrimMarker(before) && before.startsWith(RIGHT, 2)) {
      this.backup(this.input[this.pos - 1]);
      if (spaces === 1) return this.lexRightDelim();
    }
    return this.token('space');
  }

  private lexIdentifier(): Token {
    for (;;) {
      const r = this.nextChar();
      if (r !== '' && isAlphaNumeric(r)) continue;
      this.backup(r);
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.error(`bad character ${formatRune(r)}`);
      const keyword = KEYWORDS[word];
      // break and continue are plain identifiers to the lexer unless allowed; parse.go allows them
      if (keyword) return this.token(keyword);
      if (word[0] === '.') return this.token('field');
      if (word === 'true' || word === 'false') return this.token('bool');
      return this.token('identifier');
    }
  }

  private lexVariable(): Token {
    if (this.atTerminator()) return this.token('variable');
    return this.lexFieldOrVariable('variable');
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): Token {
    if (this.atTerminator()) return this.token(type === 'variable' ? 'variable' : 'dot');
    let r: string;
    for (;;) {
      r = this.nextChar();
      if (r === '' || !isAlphaNumeric(r)) {
        this.backup(r);
        break;
      }
    }
    if (!this.atTerminator()) return this.error(`bad character ${formatRune(r)}`);
    return this.token(type);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === '' || isSpace(r)) return true;
    if ('.,|:)('.includes(r)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexChar(): Token {
    for (;;) {
      const r = this.nextChar();
      if (r === '\\') {
        const e = this.nextChar();
        if (e !== '' && e !== '\n') continue;
        return this.error('unterminated character constant');
      }
      if (r === '' || r === '\n') return this.error('unterminated character constant');
      if (r === "'") return this.token('charConstant');
    }
  }

  private lexNumber(): Token {
    if (!this.scanNumber())
      return this.error(`bad number syntax: ${goQuoteSimple(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i')
        return this.error(`bad number syntax: ${goQuoteSimple(this.input.slice(this.start, this.pos))}`);
      return this.token('complex');
    }
    return this.token('number');
  }

  private accept(valid: string): boolean {
    const r = this.nextChar();
    if (r !== '' && valid.includes(r)) return true;
    this.backup(r);
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid)) {}
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    const next = this.peek();
    if (next !== '' && isAlphaNumeric(next)) {
      this.nextChar();
      return false;
    }
    return true;
  }

  private lexQuote(): Token {
    for (;;) {
      const r = this.nextChar();
      if (r === '\\') {
        const e = this.nextChar();
        if (e !== '' && e !== '\n') continue;
        return this.error('unterminated quoted string');
      }
      if (r === '' || r === '\n') return this.error('unterminated quoted string');
      if (r === '"') return this.token('string');
    }
  }

  private lexRawQuote(): Token {
    for (;;) {
      const r = this.nextChar();
      if (r === '') return this.error('unterminated raw quoted string');
      if (r === '`') return this.token('rawString');
    }
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n++;
  return n;
}

function trimRight(text: string): string {
  let end = text.length;
  while (end > 0 && SPACE_CHARS.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

function trimLeft(text: string): string {
  let start = 0;
  while (start < text.length && SPACE_CHARS.includes(text[start])) start++;
  return text.slice(start);
}

/** fmt's %#U: U+007D '}' (the quoted rune only when printable). */
export function formatRune(r: string): string {
  if (r === '') return 'U+FFFFFFFFFFFFFFFF';
  const cp = r.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}\x20]/u.test(r) ? `${hex} '${r}'` : hex;
}

/** strconv.Quote for the ASCII texts lexer errors quote. */
function goQuoteSimple(text: string): string {
  return JSON.stringify(text);
}
