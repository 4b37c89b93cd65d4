// Shell arithmetic ($(( )), (( )), let, array indexes): 64-bit-style integer maths over
// variables, with assignment operators and bash's error texts.
import { type ExpandHost, expandString } from './expand.ts';
import { ARITH_BIN_OPS, ARITH_UN_OPS, type Node, nodeType } from './syntax.ts';

export class ArithError extends Error {}

const toInt = (n: number) => (Number.isFinite(n) ? Math.trunc(n) : 0);

/** Parses a variable's text as a number the way bash does (base#n, 0x, octal 0). */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  let m = /^(-?)0[xX]([0-9a-fA-F]+)$/.exec(t);
  if (m) return (m[1] ? -1 : 1) * Number.parseInt(m[2], 16);
  m = /^(-?)(\d+)#([0-9a-zA-Z@_]+)$/.exec(t);
  if (m) return (m[1] ? -1 : 1) * Number.parseInt(m[3], Number(m[2]));
  m = /^(-?)0([0-7]+)$/.exec(t);
  if (m) return (m[1] ? -1 : 1) * Number.parseInt(m[2], 8);
  if (/^-?\d+$/.test(t)) return Number(t);
  return null;
}

export function evalArith(host: ExpandHost, node: Node, depth = 0): number {
  if (depth > 100) throw new ArithError('expression recursion level exceeded');
  switch (nodeType(node)) {
    case 'Word': {
      const text = expandString(host, node).trim();
      return numericValue(host, text, depth);
    }
    case 'ParenArithm':
      return evalArith(host, node.X, depth + 1);
    case 'UnaryArithm': {
      const op = ARITH_UN_OPS.get(node.Op);
      if (op === '++' || op === '--') {
        const name = varName(node.X);
        const old = numericValue(host, host.state.get(name) ?? '0', depth);
        const next = op === '++' ? old + 1 : old - 1;
        host.state.set(name, String(next));
        return node.Post ? old : next;
      }
      const x = evalArith(host, node.X, depth + 1);
      switch (op) {
        case '!':
          return x === 0 ? 1 : 0;
        case '~':
          return ~x;
        case '-':
          return -x;
        default:
          return x;
      }
    }
    case 'BinaryArithm': {
      const op = ARITH_BIN_OPS.get(node.Op) ?? '';
      if (op === '?') {
        const cond = evalArith(host, node.X, depth + 1);
        const branches = node.Y;
        return cond !== 0 ? evalArith(host, branches.X, depth + 1) : evalArith(host, branches.Y, depth + 1);
      }
      if (op === '&&')
        return evalArith(host, node.X, depth + 1) !== 0 && evalArith(host, node.Y, depth + 1) !== 0 ? 1 : 0;
      if (op === '||')
        return evalArith(host, node.X, depth + 1) !== 0 || evalArith(host, node.Y, depth + 1) !== 0 ? 1 : 0;
      if (op === ',') {
        evalArith(host, node.X, depth + 1);
        return evalArith(host, node.Y, depth + 1);
      }
      if (op.endsWith('=') && !['==', '!=', '<=', '>='].includes(op)) {
        const name = varName(node.X);
        const rhs = evalArith(host, node.Y, depth + 1);
        const value =
          op === '='
            ? rhs
            : binary(op.slice(0, -1), numericValue(host, host.state.get(name) ?? '0', depth), rhs);
        host.state.set(name, String(value));
        return value;
      }
      return binary(op, evalArith(host, node.X, depth + 1), evalArith(host, node.Y, depth + 1));
    }
    default:
      throw new ArithError(`unsupported arithmetic: ${nodeType(node)}`);
  }
}

function varName(node: Node): string {
  if (nodeType(node) === 'Word' && node.lit) return node.lit;
  throw new ArithError('attempted assignment to non-variable');
}

function numericValue(host: ExpandHost, text: string, depth: number): number {
  const n = parseNumber(text);
  if (n !== null) return n;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
    const v = host.state.get(text);
    if (v === undefined || v === '') return 0;
    return numericValue(host, v, depth + 1);
  }
  if (depth > 50) throw new ArithError('expression recursion level exceeded');
  const token = /[^\w\s]/.exec(text)?.[0] ?? text;
  throw new ArithError(
    `${text}: syntax error: invalid arithmetic operator (error token is "${text.slice(text.indexOf(token))}")`,
  );
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ArithError('division by 0 (error token is "0")');
      return toInt(a / b);
    case '%':
      if (b === 0) throw new ArithError('division by 0 (error token is "0")');
      return a % b;
    case '**':
      return a ** b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    default:
      throw new ArithError(`unsupported arithmetic operator ${op}`);
  }
}
