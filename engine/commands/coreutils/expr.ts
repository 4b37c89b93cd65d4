// expr: evaluates an expression given as separate arguments: | & comparisons + - * / %,
// STRING : REGEX (anchored BRE), match, substr, index, length, parentheses. Status 1 when the
// result is null or 0, 2 for errors.

import type { CommandContext } from '../types.ts';
import { usageError } from './args.ts';
import { compileRegex, RegexError } from './regex.ts';

class ExprError extends Error {
  readonly status: number;
  constructor(message: string, status = 2) {
    super(message);
    this.status = status;
  }
}

type Value = string | bigint;

const isInt = (v: Value) => typeof v === 'bigint' || /^[-+]?\d+$/.test(v);
const toInt = (v: Value): bigint => {
  if (!isInt(v)) throw new ExprError('non-integer argument');
  return typeof v === 'bigint' ? v : BigInt(v);
};
const str = (v: Value) => (typeof v === 'bigint' ? v.toString() : v);
const isNull = (v: Value) => (typeof v === 'bigint' ? v === 0n : v === '' || /^-?0+$/.test(v));

class Parser {
  private pos = 0;
  private readonly args: string[];
  constructor(args: string[]) {
    this.args = args;
  }
  parse(): Value {
    const v = this.or();
    if (this.pos < this.args.length)
      throw new ExprError(`syntax error: unexpected argument '${this.args[this.pos]}'`);
    return v;
  }
  private peek(): string | undefined {
    return this.args[this.pos];
  }
  private need(op: string): void {
    if (this.pos >= this.args.length) throw new ExprError(`syntax error: missing argument after '${op}'`);
  }
  private or(): Value {
    let left = this.and();
    while (this.peek() === '|') {
      this.pos++;
      this.need('|');
      const right = this.and();
      left = !isNull(left) ? left : !isNull(right) ? right : 0n;
    }
    return left;
  }
  private and(): Value {
    let left = this.compare();
    while (this.peek() === '&') {
      this.pos++;
      this.need('&');
      const right = this.compare();
      left = !isNull(left) && !isNull(right) ? left : 0n;
    }
    return left;
  }
  private compare(): Value {
    let left = this.additive();
    for (;;) {
      const op = this.peek();
      if (!op || !['<', '<=', '=', '==', '!=', '>=', '>'].includes(op)) return left;
      this.pos++;
      this.need(op);
      const right = this.additive();
      let c: number;
      if (isInt(left) && isInt(right)) {
        const a = toInt(left);
        const b = toInt(right);
        c = a < b ? -1 : a > b ? 1 : 0;
      } else c = str(left) < str(right) ? -1 : str(left) > str(right) ? 1 : 0;
      const r =
        op === '<'
          ? c < 0
          : op === '<='
            ? c <= 0
            : op === '=' || op === '=='
              ? c === 0
              : op === '!='
                ? c !== 0
                : op === '>='
                  ? c >= 0
                  : c > 0;
      left = r ? 1n : 0n;
    }
  }
  private additive(): Value {
    let left = this.multiplicative();
    for (;;) {
      const op = this.peek();
      if (op !== '+' && op !== '-') return left;
      this.pos++;
      this.need(op);
      const right = this.multiplicative();
      left = op === '+' ? toInt(left) + toInt(right) : toInt(left) - toInt(right);
    }
  }
  private multiplicative(): Value {
    let left = this.match();
    for (;;) {
      const op = this.peek();
      if (op !== '*' && op !== '/' && op !== '%') return left;
      this.pos++;
      this.need(op);
      const right = this.match();
      const a = toInt(left);
      const b = toInt(right);
      if (op !== '*' && b === 0n) throw new ExprError('division by zero');
      left = op === '*' ? a * b : op === '/' ? a / b : a % b;
    }
  }
  private match(): Value {
    let left = this.primary();
    while (this.peek() === ':') {
      this.pos++;
      this.need(':');
      left = regexMatch(str(left), str(this.primary()));
    }
    return left;
  }
  private primary(): Value {
    const t = this.args[this.pos++];
    if (t === undefined) throw new ExprError('syntax error: missing argument');
    if (t === '(') {
      if (this.pos >= this.args.length) throw new ExprError(`syntax error: expecting ')' after '('`);
      const v = this.or();
      if (this.args[this.pos] !== ')') {
        if (this.pos >= this.args.length)
          throw new ExprError(`syntax error: expecting ')' after '${this.args[this.pos - 1]}'`);
        throw new ExprError(`syntax error: expecting ')' instead of '${this.args[this.pos]}'`);
      }
      this.pos++;
      return v;
    }
    if (t === '+') {
      this.need('+');
      return this.args[this.pos++];
    }
    if (t === 'length') {
      this.need('length');
      return BigInt([...str(this.primary())].length);
    }
    if (t === 'match') {
      this.need('match');
      const s = str(this.primary());
      this.need(s);
      return regexMatch(s, str(this.primary()));
    }
    if (t === 'index') {
      this.need('index');
      const s = str(this.primary());
      this.need(s);
      const chars = str(this.primary());
      const i = [...s].findIndex((c) => chars.includes(c));
      return BigInt(i + 1);
    }
    if (t === 'substr') {
      this.need('substr');
      const s = [...str(this.primary())];
      this.need('substr');
      const p = this.primary();
      this.need('substr');
      const l = this.primary();
      const pos = isInt(p) ? Number(toInt(p)) : 0;
      const len = isInt(l) ? Number(toInt(l)) : 0;
      if (pos < 1 || len < 1) return '';
      return s.slice(pos - 1, pos - 1 + len).join('');
    }
    return t;
  }
}

function regexMatch(s: string, pattern: string): Value {
  let re: RegExp;
  try {
    re = compileRegex(pattern, { extended: false }, 'y');
  } catch (e) {
    if (e instanceof RegexError) throw new ExprError(e.message);
    throw e;
  }
  const m = re.exec(s);
  if (/\\\(/.test(pattern)) return m ? (m[1] ?? '') : '';
  return m ? BigInt([...m[0]].length) : 0n;
}

export function expr(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) return usageError(ctx, 'missing operand', 2);
  try {
    const v = new Parser(args).parse();
    ctx.stdout.write(`${str(v)}\n`);
    return isNull(v) ? 1 : 0;
  } catch (e) {
    if (e instanceof ExprError) {
      ctx.stderr.write(`expr: ${e.message}\n`);
      return e.status;
    }
    throw e;
  }
}
