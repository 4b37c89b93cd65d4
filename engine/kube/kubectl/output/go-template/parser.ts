// Builds the parse tree of a Go text/template (text/template/parse parse.go) with its error texts, e.g. `template: output:1: unexpected "}" in operand`.
import { isKeyword, Lexer, type Token, type TokenType } from './lexer.ts';
import type {
  ActionNode,
  BranchNode,
  CommandNode,
  ListNode,
  Node,
  NumberNode,
  Operand,
  PipeNode,
  TemplateNode,
} from './nodes.ts';
import { parseNumber } from './numbers.ts';
import { unquoteGo } from './unquote.ts';

/** A template that failed to parse; the message is Go's (`template: NAME:LINE: ...`). */
export class TemplateParseError extends Error {}

export interface ParsedTemplate {
  root: ListNode;
  /** {{define}}d and {{block}} templates by name */
  definitions: Map<string, ListNode>;
}

/** lex.go item.String(): how a token is quoted in "unexpected ..." messages. */
function tokenString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.value;
  if (isKeyword(t.type)) return `<${t.value}>`;
  const runes = Array.from(t.value);
  if (runes.length > 10) return `${JSON.stringify(runes.slice(0, 10).join(''))}...`;
  return JSON.stringify(t.value);
}

type ElseMarker = { kind: 'else'; pos: number; line: number };
type EndMarker = { kind: 'end'; pos: number };
type Parsed = Node | ElseMarker | EndMarker;

export class Parser {
  private readonly lexer: Lexer;
  private readonly name: string;
  private readonly functions: ReadonlySet<string>;
  private tokens: Token[] = [];
  private peekCount = 0;
  private lastLine = 1;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  readonly definitions = new Map<string, ListNode>();

  constructor(name: string, text: string, functions: ReadonlySet<string>) {
    this.name = name;
    this.lexer = new Lexer(text);
    this.functions = functions;
  }

  parse(): ParsedTemplate {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${markerString(n)}`);
      root.nodes.push(n as Node);
    }
    return { root, definitions: this.definitions };
  }

  // --- token stream (three-token lookahead like parse.go) ---

  private lex(): Token {
    const t = this.lexer.next();
    this.lastLine = t.line;
    return t;
  }

  private next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.tokens[0] = this.lex();
    return this.tokens[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Token): void {
    this.tokens[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Token, t1: Token): void {
    this.tokens[1] = t1;
    this.tokens[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Token {
    if (this.peekCount > 0) return this.tokens[this.peekCount - 1];
    this.peekCount = 1;
    this.tokens[0] = this.lex();
    return this.tokens[0];
  }

  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.type === 'space');
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors ---

  private errorf(message: string): never {
    throw new TemplateParseError(
      `template: ${this.name}:${this.tokens[0]?.line ?? this.lastLine}: ${message}`,
    );
  }

  private unexpected(t: Token, context: string): never {
    if (t.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${tokenString(t)}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  // --- structure ---

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, context);
    const name = this.unquote(t.value);
    this.expect('rightDelim', context);
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end.kind !== 'end') this.errorf(`unexpected ${markerString(end)} in ${context}`);
    this.definitions.set(name, list);
  }

  private itemList(): [ListNode, ElseMarker | EndMarker] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n as Node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Parsed {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'text':
        return { kind: 'text', pos: t.pos, text: t.value };
      case 'leftDelim':
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Parsed {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(t);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
        return { kind: 'if', ...this.parseControl('if') };
      case 'range':
        return { kind: 'range', ...this.parseControl('range') };
      case 'template':
        return this.templateControl();
      case 'with':
        return { kind: 'with', ...this.parseControl('with') };
    }
    this.backup();
    const start = this.peek();
    const action: ActionNode = {
      kind: 'action',
      pos: start.pos,
      line: start.line,
      pipe: this.pipeline('command', 'rightDelim'),
    };
    return action;
  }

  private loopControl(t: Token): Node {
    const word = t.type as 'break' | 'continue';
    const after = this.nextNonSpace();
    if (after.type !== 'rightDelim') this.unexpected(after, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { kind: word, pos: t.pos };
  }

  private elseControl(): ElseMarker {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return { kind: 'else', pos: peek.pos, line: peek.line };
    const t = this.expect('rightDelim', 'else');
    return { kind: 'else', pos: t.pos, line: t.line };
  }

  private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        const chained = this.peek().type;
        if ((context === 'if' && chained === 'if') || (context === 'with' && chained === 'with')) {
          // {{else if x}} / {{else with x}}: a nested if/with sharing the outer {{end}}
          this.next();
          elseList = {
            kind: 'list',
            pos: next.pos,
            nodes: [{ kind: context, ...this.parseControl(context) }],
          };
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== 'end') this.errorf(`expected end; found ${markerString(next)}`);
        }
      }
      void list;
      return { pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private blockControl(): Node {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const saved = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saved;
    if (end.kind !== 'end') this.errorf(`unexpected ${markerString(end)} in ${context}`);
    this.definitions.set(name, list);
    return { kind: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateName(t: Token, context: string): string {
    if (t.type === 'string' || t.type === 'rawString') return this.unquote(t.value);
    this.unexpected(t, context);
  }

  private unquote(quoted: string): string {
    const text = unquoteGo(quoted);
    if (text === undefined) this.errorf('invalid syntax');
    return text;
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: first.pos,
      line: first.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      this.next();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(v.value);
        this.vars.push(v.value);
      } else if (next.type === 'char' && next.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(v.value);
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (after.type === 'space') {
        this.backup3(v, after);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0].kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string')
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Operand | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().type !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: chainPos, idents: [...node.idents, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: chainPos, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${JSON.stringify(termText(node))}`);
        break;
    }
    return { kind: 'chain', pos: chainPos, node, fields };
  }

  private term(): Operand | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.functions.has(t.value)) this.errorf(`function ${JSON.stringify(t.value)} not defined`);
        return { kind: 'identifier', pos: t.pos, name: t.value };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable':
        return this.useVar(t);
      case 'field':
        return { kind: 'field', pos: t.pos, idents: t.value.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.value === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(t);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: t.pos, quoted: t.value, text: this.unquote(t.value) };
    }
    this.backup();
    return null;
  }

  private number(t: Token): NumberNode {
    const parsed = parseNumber(t.value, t.type as 'charConstant' | 'complex' | 'number');
    if (typeof parsed === 'string') this.errorf(parsed);
    return { kind: 'number', pos: t.pos, ...parsed };
  }

  private useVar(t: Token): Operand {
    const idents = t.value.split('.');
    if (!this.vars.includes(idents[0])) this.errorf(`undefined variable ${JSON.stringify(idents[0])}`);
    return { kind: 'variable', pos: t.pos, idents };
  }
}

function markerString(n: Parsed): string {
  if (n.kind === 'end') return '{{end}}';
  if (n.kind === 'else') return '{{else}}';
  return '';
}

function termText(node: Operand): string {
  switch (node.kind) {
    case 'bool':
      return String(node.value);
    case 'string':
      return node.quoted;
    case 'number':
      return node.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

export function parseTemplate(name: string, text: string, functions: ReadonlySet<string>): ParsedTemplate {
  return new Parser(name, text, functions).parse();
}
