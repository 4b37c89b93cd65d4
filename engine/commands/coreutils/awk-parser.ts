// Parser for awk programs (the POSIX grammar as mawk accepts it): pattern-action items,
// BEGIN/END, ranges, functions, statements, and expressions with awk's precedence,
// concatenation, `in`, getline forms and print redirections.
import { AwkSyntaxError, type Token, tokenize } from './awk-lexer.ts';

export type Expr =
  | { type: 'num'; value: number }
  | { type: 'str'; value: string }
  | { type: 'regex'; source: string }
  | { type: 'var'; name: string }
  | { type: 'field'; index: Expr }
  | { type: 'index'; name: string; subs: Expr[] }
  | { type: 'assign'; op: string; target: Expr; value: Expr }
  | { type: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'and'; left: Expr; right: Expr }
  | { type: 'or'; left: Expr; right: Expr }
  | { type: 'match'; negate: boolean; left: Expr; right: Expr }
  | { type: 'in'; subs: Expr[]; name: string }
  | { type: 'unary'; op: string; operand: Expr }
  | { type: 'incr'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { type: 'call'; name: string; args: Expr[] }
  | { type: 'builtin'; name: string; args: Expr[] }
  | { type: 'getline'; kind: 'simple' | 'file' | 'cmd'; target: Expr | null; source: Expr | null }
  | { type: 'group'; expr: Expr }
  | { type: 'list'; items: Expr[] };

export interface Redirect {
  kind: '>' | '>>' | '|';
  target: Expr;
}

export type Stmt =
  | { type: 'print'; args: Expr[]; redirect: Redirect | null }
  | { type: 'printf'; args: Expr[]; redirect: Redirect | null }
  | { type: 'expr'; expr: Expr }
  | { type: 'if'; test: Expr; then: Stmt; else: Stmt | null }
  | { type: 'while'; test: Expr; body: Stmt }
  | { type: 'do'; body: Stmt; test: Expr }
  | { type: 'for'; init: Stmt | null; test: Expr | null; step: Stmt | null; body: Stmt }
  | { type: 'forin'; variable: Expr; array: string; body: Stmt }
  | { type: 'block'; body: Stmt[] }
  | { type: 'next' }
  | { type: 'nextfile' }
  | { type: 'exit'; value: Expr | null }
  | { type: 'return'; value: Expr | null }
  | { type: 'break' }
  | { type: 'continue' }
  | { type: 'delete'; name: string; subs: Expr[] | null };

export interface Item {
  pattern: Expr | null;
  range: [Expr, Expr] | null;
  action: Stmt[] | null;
  /** Range state while running. */
  inRange: boolean;
}

export interface AwkFunction {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface AwkProgram {
  begin: Stmt[][];
  end: Stmt[][];
  items: Item[];
  functions: Map<string, AwkFunction>;
}

const CONCAT_START = new Set(['number', 'string', 'regex', 'name', 'funcname', 'builtin']);

/** Allowed argument counts of the built-in functions, [min, max]. */
const ARITY: Record<string, [number, number]> = {
  length: [0, 1],
  substr: [2, 3],
  index: [2, 2],
  split: [2, 3],
  sub: [2, 3],
  gsub: [2, 3],
  match: [2, 2],
  sprintf: [1, 255],
  sin: [1, 1],
  cos: [1, 1],
  atan2: [2, 2],
  exp: [1, 1],
  log: [1, 1],
  sqrt: [1, 1],
  int: [1, 1],
  rand: [0, 0],
  srand: [0, 1],
  tolower: [1, 1],
  toupper: [1, 1],
  system: [1, 1],
  close: [1, 1],
  fflush: [0, 1],
};

const BUILTIN_ARRAYS = new Set(['ENVIRON', 'ARGV']);

export function parseAwk(source: string): AwkProgram {
  const tokens = tokenize(source);
  let p = 0;
  const program: AwkProgram = { begin: [], end: [], items: [], functions: new Map() };
  const tok = (): Token => tokens[p];
  const peek = (n = 1): Token => tokens[Math.min(p + n, tokens.length - 1)];
  const is = (value: string, t: Token = tok()) =>
    (t.kind === 'op' || t.kind === 'keyword') && t.value === value;
  const fail = (t: Token = tok()): never => {
    if (t.kind === 'eof') throw new AwkSyntaxError('syntax error at or near end of file', t.line);
    const text = t.kind === 'newline' ? 'end of line' : t.kind === 'string' ? `"${t.value}"` : t.value;
    throw new AwkSyntaxError(`syntax error at or near ${text}`, t.line);
  };
  const expect = (value: string) => {
    if (!is(value)) {
      if (value === '}' && tok().kind === 'eof')
        throw new AwkSyntaxError('missing } near end of file', tok().line + 1);
      fail();
    }
    p++;
  };
  const skipNewlines = () => {
    while (tok().kind === 'newline') p++;
  };
  const skipTerminators = () => {
    while (tok().kind === 'newline' || is(';')) p++;
  };
  const isLvalue = (e: Expr) => e.type === 'var' || e.type === 'field' || e.type === 'index';
  // Name uses, to reject a name used both as a scalar and as an array (mawk checks this).
  const uses: Array<{ name: string; kind: 'array' | 'scalar'; line: number; node?: Expr }> = [];
  const calls: Array<{ name: string; args: number; line: number }> = [];
  let params: Set<string> | null = null;
  const useArray = (name: string, line: number) => {
    if (!params?.has(name)) uses.push({ name, kind: 'array', line });
  };
  const scalarVar = (name: string, line: number): Expr => {
    const node: Expr = { type: 'var', name };
    if (!params?.has(name)) uses.push({ name, kind: 'scalar', line, node });
    return node;
  };
  /** A bare name passed to a function may be an array: it does not fix the name's kind. */
  const releaseArgs = (args: Expr[]) => {
    for (const a of args) {
      if (a.type !== 'var') continue;
      const i = uses.findIndex((u) => u.node === a);
      if (i >= 0) uses.splice(i, 1);
    }
  };

  // --- expressions -------------------------------------------------------------------
  interface Flags {
    noIn?: boolean;
    noGt?: boolean;
  }
  const exprList = (flags: Flags = {}): Expr[] => {
    const items = [expression(flags)];
    while (is(',')) {
      p++;
      skipNewlines();
      items.push(expression(flags));
    }
    return items;
  };
  const expression = (flags: Flags = {}): Expr => {
    const left = ternary(flags);
    const t = tok();
    if (t.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.value)) {
      if (!isLvalue(left)) fail();
      p++;
      skipNewlines();
      return { type: 'assign', op: t.value, target: left, value: expression(flags) };
    }
    return left;
  };
  const ternary = (flags: Flags): Expr => {
    const test = or(flags);
    if (!is('?')) return test;
    p++;
    skipNewlines();
    const yes = expression(flags);
    skipNewlines();
    expect(':');
    skipNewlines();
    const no = expression(flags);
    return { type: 'cond', test, yes, no };
  };
  const or = (flags: Flags): Expr => {
    let left = and(flags);
    while (is('||')) {
      p++;
      skipNewlines();
      left = { type: 'or', left, right: and(flags) };
    }
    return left;
  };
  const and = (flags: Flags): Expr => {
    let left = inExpr(flags);
    while (is('&&')) {
      p++;
      skipNewlines();
      left = { type: 'and', left, right: inExpr(flags) };
    }
    return left;
  };
  const inExpr = (flags: Flags): Expr => {
    let left = matchExpr(flags);
    while (!flags.noIn && is('in')) {
      p++;
      if (tok().kind !== 'name') fail();
      const name = tokens[p++].value;
      useArray(name, tokens[p - 1].line);
      left = { type: 'in', subs: left.type === 'list' ? left.items : [left], name };
    }
    return left;
  };
  const matchExpr = (flags: Flags): Expr => {
    let left = comparison(flags);
    while (is('~') || is('!~')) {
      const negate = tok().value === '!~';
      p++;
      left = { type: 'match', negate, left, right: comparison(flags) };
    }
    return left;
  };
  const comparison = (flags: Flags): Expr => {
    const left = pipeGetline(flags);
    const t = tok();
    if (
      t.kind === 'op' &&
      ['<', '<=', '==', '!=', '>=', '>'].includes(t.value) &&
      !(t.value === '>' && flags.noGt)
    ) {
      p++;
      return { type: 'binary', op: t.value, left, right: pipeGetline(flags) };
    }
    return left;
  };
  const pipeGetline = (flags: Flags): Expr => {
    let left = concat(flags);
    while (is('|') && is('getline', peek())) {
      p += 2;
      const target = optionalLvalue();
      left = { type: 'getline', kind: 'cmd', target, source: left };
    }
    return left;
  };
  const startsConcat = (): boolean => {
    const t = tok();
    if (CONCAT_START.has(t.kind)) return true;
    return t.kind === 'op' && (t.value === '$' || t.value === '(' || t.value === '++' || t.value === '--');
  };
  const concat = (flags: Flags): Expr => {
    let left = additive(flags);
    while (startsConcat()) {
      left = { type: 'binary', op: 'concat', left, right: additive(flags) };
    }
    return left;
  };
  const additive = (flags: Flags): Expr => {
    let left = multiplicative(flags);
    while (is('+') || is('-')) {
      const op = tokens[p++].value;
      left = { type: 'binary', op, left, right: multiplicative(flags) };
    }
    return left;
  };
  const multiplicative = (flags: Flags): Expr => {
    let left = unary(flags);
    while (is('*') || is('/') || is('%')) {
      const op = tokens[p++].value;
      left = { type: 'binary', op, left, right: unary(flags) };
    }
    return left;
  };
  const unary = (flags: Flags): Expr => {
    if (is('!')) {
      p++;
      return { type: 'unary', op: '!', operand: unary(flags) };
    }
    if (is('-') || is('+')) {
      const op = tokens[p++].value;
      return { type: 'unary', op, operand: unary(flags) };
    }
    return power(flags);
  };
  const power = (flags: Flags): Expr => {
    const base = postfix(flags);
    if (is('^')) {
      p++;
      // Right associative; the exponent may carry a sign.
      let exponent: Expr;
      if (is('-') || is('+') || is('!')) {
        const op = tokens[p++].value;
        exponent = { type: 'unary', op, operand: power(flags) };
      } else exponent = power(flags);
      return { type: 'binary', op: '^', left: base, right: exponent };
    }
    return base;
  };
  const postfix = (flags: Flags): Expr => {
    const e = primary(flags);
    if (isLvalue(e) && (is('++') || is('--'))) {
      const op = tokens[p++].value as '++' | '--';
      return { type: 'incr', op, prefix: false, target: e };
    }
    return e;
  };
  const optionalLvalue = (): Expr | null => {
    if (is('$')) {
      p++;
      return { type: 'field', index: fieldOperand() };
    }
    if (tok().kind === 'name') {
      const t = tokens[p++];
      if (is('[')) {
        p++;
        useArray(t.value, t.line);
        const subs = exprList();
        expect(']');
        return { type: 'index', name: t.value, subs };
      }
      return scalarVar(t.value, t.line);
    }
    return null;
  };
  const fieldOperand = (): Expr => {
    if (is('++') || is('--')) {
      const op = tokens[p++].value as '++' | '--';
      const target = primary({});
      if (!isLvalue(target)) fail();
      return { type: 'incr', op, prefix: true, target };
    }
    if (is('-') || is('+') || is('!')) {
      const op = tokens[p++].value;
      return { type: 'unary', op, operand: fieldOperand() };
    }
    return primary({});
  };
  const primary = (flags: Flags): Expr => {
    const t = tok();
    switch (t.kind) {
      case 'number':
        p++;
        return { type: 'num', value: t.num! };
      case 'string':
        p++;
        return { type: 'str', value: t.value };
      case 'regex':
        p++;
        return { type: 'regex', source: t.value };
      case 'funcname': {
        p++;
        expect('(');
        skipNewlines();
        const args = is(')') ? [] : exprList();
        skipNewlines();
        expect(')');
        releaseArgs(args);
        calls.push({ name: t.value, args: args.length, line: t.line });
        return { type: 'call', name: t.value, args };
      }
      case 'builtin': {
        p++;
        if (!is('(')) {
          if (t.value === 'length') return { type: 'builtin', name: 'length', args: [] };
          fail();
        }
        p++;
        skipNewlines();
        const args = is(')') ? [] : exprList();
        skipNewlines();
        if (t.value === 'split' && args.length < 2) fail();
        expect(')');
        const [min, max] = ARITY[t.value];
        if (args.length < min || args.length > max)
          throw new AwkSyntaxError(`wrong number of arguments in call to ${t.value}`, t.line);
        if (t.value === 'length') releaseArgs(args);
        if (t.value === 'split' && args[1].type === 'var') {
          releaseArgs([args[1]]);
          useArray(args[1].name, t.line);
        }
        return { type: 'builtin', name: t.value, args };
      }
      case 'name': {
        p++;
        if (is('[')) {
          p++;
          useArray(t.value, t.line);
          const subs = exprList();
          expect(']');
          return { type: 'index', name: t.value, subs };
        }
        return scalarVar(t.value, t.line);
      }
      case 'keyword':
        if (t.value === 'getline') {
          p++;
          const target = optionalLvalue();
          if (is('<')) {
            p++;
            const source = postfix({});
            return { type: 'getline', kind: 'file', target, source };
          }
          return { type: 'getline', kind: 'simple', target, source: null };
        }
        return fail();
      case 'op':
        if (t.value === '$') {
          p++;
          return { type: 'field', index: fieldOperand() };
        }
        if (t.value === '(') {
          p++;
          skipNewlines();
          const items = exprList({ noIn: false });
          skipNewlines();
          expect(')');
          if (items.length > 1) {
            if (!is('in')) fail();
            return { type: 'list', items };
          }
          return { type: 'group', expr: items[0] };
        }
        if (t.value === '++' || t.value === '--') {
          p++;
          const target = primary(flags);
          if (!isLvalue(target)) fail();
          return { type: 'incr', op: t.value as '++' | '--', prefix: true, target };
        }
        if (t.value === '-' || t.value === '+' || t.value === '!') {
          p++;
          return { type: 'unary', op: t.value, operand: unary(flags) };
        }
        return fail();
      default:
        return fail();
    }
  };

  // --- statements --------------------------------------------------------------------
  const endSimple = () => {
    if (is(';') || tok().kind === 'newline') {
      p++;
      return;
    }
    if (is('}') || tok().kind === 'eof') return;
    fail();
  };
  const redirect = (): Redirect | null => {
    if (is('>') || is('>>') || is('|')) {
      const kind = tokens[p++].value as '>' | '>>' | '|';
      return { kind, target: concat({ noGt: true }) };
    }
    return null;
  };
  const printArgs = (): Expr[] => {
    const terminators = (t: Token) =>
      t.kind === 'newline' ||
      t.kind === 'eof' ||
      is(';', t) ||
      is('}', t) ||
      is('>', t) ||
      is('>>', t) ||
      is('|', t);
    if (terminators(tok())) return [];
    if (is('(')) {
      // print (a, b) > "f": a parenthesized list, unless the parentheses start an expression.
      const save = p;
      p++;
      skipNewlines();
      const items = exprList();
      skipNewlines();
      if (is(')') && terminators(peek())) {
        p++;
        return items;
      }
      p = save;
    }
    return exprList({ noGt: true });
  };
  const simpleStatement = (): Stmt => {
    const t = tok();
    if (is('print') || is('printf')) {
      p++;
      const args = printArgs();
      if (t.value === 'printf' && args.length === 0) fail();
      return { type: t.value as 'print', args, redirect: redirect() };
    }
    if (is('delete')) {
      p++;
      if (tok().kind !== 'name') fail();
      const name = tokens[p++].value;
      useArray(name, tokens[p - 1].line);
      if (is('[')) {
        p++;
        const subs = exprList();
        expect(']');
        return { type: 'delete', name, subs };
      }
      return { type: 'delete', name, subs: null };
    }
    return { type: 'expr', expr: expression() };
  };
  const statement = (): Stmt => {
    const t = tok();
    if (is('{')) {
      p++;
      const body = statements();
      expect('}');
      return { type: 'block', body };
    }
    if (is(';')) {
      p++;
      return { type: 'block', body: [] };
    }
    if (is('if')) {
      p++;
      expect('(');
      const test = expression();
      expect(')');
      skipNewlines();
      const then = statement();
      const save = p;
      skipTerminators();
      if (is('else')) {
        p++;
        skipNewlines();
        return { type: 'if', test, then, else: statement() };
      }
      p = save;
      return { type: 'if', test, then, else: null };
    }
    if (is('while')) {
      p++;
      expect('(');
      const test = expression();
      expect(')');
      if (is(';')) {
        p++;
        return { type: 'while', test, body: { type: 'block', body: [] } };
      }
      skipNewlines();
      return { type: 'while', test, body: statement() };
    }
    if (is('do')) {
      p++;
      skipNewlines();
      const body = statement();
      skipTerminators();
      expect('while');
      expect('(');
      const test = expression();
      expect(')');
      endSimple();
      return { type: 'do', body, test };
    }
    if (is('for')) {
      p++;
      expect('(');
      if (tok().kind === 'name' && is('in', peek()) && peek(2).kind === 'name' && is(')', peek(3))) {
        const variable = scalarVar(tok().value, tok().line);
        const array = peek(2).value;
        useArray(array, peek(2).line);
        p += 4;
        skipNewlines();
        return { type: 'forin', variable, array, body: statement() };
      }
      const init = is(';') ? null : simpleStatement();
      expect(';');
      skipNewlines();
      const test = is(';') ? null : expression();
      expect(';');
      skipNewlines();
      const step = is(')') ? null : simpleStatement();
      expect(')');
      if (is(';')) {
        p++;
        return { type: 'for', init, test, step, body: { type: 'block', body: [] } };
      }
      skipNewlines();
      return { type: 'for', init, test, step, body: statement() };
    }
    if (t.kind === 'keyword' && ['next', 'nextfile', 'break', 'continue'].includes(t.value)) {
      p++;
      endSimple();
      return { type: t.value as 'next' };
    }
    if (is('exit') || is('return')) {
      p++;
      const ends = tok().kind === 'newline' || tok().kind === 'eof' || is(';') || is('}');
      const value = ends ? null : expression();
      endSimple();
      return { type: t.value as 'exit', value };
    }
    const s = simpleStatement();
    endSimple();
    return s;
  };
  const statements = (): Stmt[] => {
    const body: Stmt[] = [];
    skipTerminators();
    while (!is('}') && tok().kind !== 'eof') {
      body.push(statement());
      skipTerminators();
    }
    return body;
  };
  const action = (): Stmt[] => {
    expect('{');
    const body = statements();
    expect('}');
    return body;
  };

  // --- program -----------------------------------------------------------------------
  skipTerminators();
  while (tok().kind !== 'eof') {
    if (is('}')) {
      const line = tok().line;
      throw new AwkSyntaxError(`extra '}'\nawk: line ${line}: syntax error at or near end of line`, line);
    }
    if (is('BEGIN')) {
      p++;
      program.begin.push(action());
    } else if (is('END')) {
      p++;
      program.end.push(action());
    } else if (is('function')) {
      p++;
      const nameTok = tok();
      if (nameTok.kind !== 'name' && nameTok.kind !== 'funcname') fail();
      p++;
      expect('(');
      const fnParams: string[] = [];
      skipNewlines();
      while (!is(')')) {
        if (tok().kind !== 'name') fail();
        fnParams.push(tokens[p++].value);
        skipNewlines();
        if (is(',')) {
          p++;
          skipNewlines();
        } else if (!is(')')) fail();
      }
      p++;
      skipNewlines();
      params = new Set(fnParams);
      program.functions.set(nameTok.value, { name: nameTok.value, params: fnParams, body: action() });
      params = null;
    } else {
      let pattern: Expr | null = null;
      let range: [Expr, Expr] | null = null;
      if (!is('{')) {
        pattern = expression();
        if (is(',')) {
          p++;
          skipNewlines();
          range = [pattern, expression()];
          pattern = null;
        }
      }
      const act = is('{') ? action() : null;
      program.items.push({ pattern, range, action: act, inRange: false });
    }
    if (!(tok().kind === 'newline' || tok().kind === 'eof' || is(';')) && !is('{')) {
      const prev = tokens[p - 1];
      if (!(prev && is('}', prev))) fail();
    }
    skipTerminators();
  }
  const kinds = new Map<string, 'array' | 'scalar'>();
  for (const name of BUILTIN_ARRAYS) kinds.set(name, 'array');
  for (const u of uses) {
    const known = kinds.get(u.name);
    if (!known) kinds.set(u.name, u.kind);
    else if (known !== u.kind)
      throw new AwkSyntaxError(
        `illegal reference to ${known === 'array' ? 'array' : 'variable'} ${u.name}`,
        u.line,
      );
  }
  const endLine = tokens[tokens.length - 1].line + 1;
  for (const c of calls) {
    const fn = program.functions.get(c.name);
    if (!fn) throw new AwkSyntaxError(`function ${c.name} never defined`, endLine);
    if (c.args > fn.params.length)
      throw new AwkSyntaxError(`too many arguments in call to ${c.name}`, c.line);
  }
  return program;
}
