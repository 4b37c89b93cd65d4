// Conditional expressions: bash's [[ ]] (from the AST) and the test/[ builtin (from argv),
// sharing one set of file and string predicates.
import type { Vfs } from '../fs/vfs.ts';
import { evalArith, parseNumber } from './arith.ts';
import { type ExpandHost, expandPattern, expandString, globMatch } from './expand.ts';
import { type Node, nodeType, TEST_BIN_OPS, TEST_UN_OPS } from './syntax.ts';

export interface TestEnv {
  fs: Vfs;
  cwd: string;
  isSet(name: string): boolean;
}

export class TestError extends Error {}

export function unaryTest(env: TestEnv, op: string, arg: string): boolean {
  const node = () => env.fs.lookup(arg, env.cwd);
  switch (op) {
    case '-n':
      return arg !== '';
    case '-z':
      return arg === '';
    case '-e':
    case '-a':
      return node() !== null;
    case '-f':
      return ['file', 'special'].includes(node()?.type ?? '');
    case '-d':
      return node()?.type === 'dir';
    case '-s': {
      const n = node();
      return n?.type === 'file' ? n.data.length > 0 : n !== null && n.type !== 'special';
    }
    case '-r':
    case '-w':
      return node() !== null;
    case '-x': {
      const n = node();
      return n !== null && (n.mode & 0o111) !== 0;
    }
    case '-L':
    case '-h':
      return env.fs.lookup(arg, env.cwd, false)?.type === 'symlink';
    case '-p':
    case '-S':
    case '-b':
    case '-t':
      return false;
    case '-c':
      return arg === '/dev/null';
    case '-v':
      return env.isSet(arg);
    default:
      throw new TestError(`${op}: unary operator expected`);
  }
}

function intArg(text: string): number {
  const n = parseNumber(text);
  if (n === null) throw new TestError(`${text}: integer expression expected`);
  return n;
}

export function binaryTest(op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return intArg(a) === intArg(b);
    case '-ne':
      return intArg(a) !== intArg(b);
    case '-lt':
      return intArg(a) < intArg(b);
    case '-le':
      return intArg(a) <= intArg(b);
    case '-gt':
      return intArg(a) > intArg(b);
    case '-ge':
      return intArg(a) >= intArg(b);
    default:
      throw new TestError(`${op}: binary operator expected`);
  }
}

/** Evaluates a [[ ]] expression tree. */
export function evalTestClause(host: ExpandHost, env: TestEnv, node: Node): boolean {
  switch (nodeType(node)) {
    case 'Word':
      return expandString(host, node) !== '';
    case 'ParenTest':
      return evalTestClause(host, env, node.X);
    case 'UnaryTest': {
      const op = TEST_UN_OPS.get(node.Op) ?? '';
      if (op === '!') return !evalTestClause(host, env, node.X);
      return unaryTest(env, op, expandString(host, node.X));
    }
    case 'BinaryTest': {
      const op = TEST_BIN_OPS.get(node.Op) ?? '';
      if (op === '&&') return evalTestClause(host, env, node.X) && evalTestClause(host, env, node.Y);
      if (op === '||') return evalTestClause(host, env, node.X) || evalTestClause(host, env, node.Y);
      const left = expandString(host, node.X);
      if (op === '==' || op === '=' || op === '!=') {
        const matched = globMatch(expandPattern(host, node.Y), left);
        return op === '!=' ? !matched : matched;
      }
      if (op === '=~') {
        const re = new RegExp(expandString(host, node.Y));
        const m = re.exec(left);
        host.state.set('BASH_REMATCH', m ? [...m].map((x) => x ?? '') : []);
        return m !== null;
      }
      if (['-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(op)) {
        const a = evalArith(host, node.X);
        const b = evalArith(host, node.Y);
        return binaryTest(op, String(a), String(b));
      }
      return binaryTest(op, left, expandString(host, node.Y));
    }
    default:
      throw new TestError(`unsupported conditional: ${nodeType(node)}`);
  }
}

/** The test / [ builtin over already-expanded arguments (POSIX rules by argument count). */
export function evalTestArgs(env: TestEnv, args: string[]): boolean {
  const expr = (a: string[]): boolean => {
    if (a.length === 0) return false;
    if (a[0] === '!' && a.length > 1) return !expr(a.slice(1));
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) return unaryTest(env, a[0], a[1]);
    if (a.length === 3) {
      if (a[1] === '-a') return expr([a[0]]) && expr([a[2]]);
      if (a[1] === '-o') return expr([a[0]]) || expr([a[2]]);
      if (a[0] === '(' && a[2] === ')') return expr([a[1]]);
      return binaryTest(a[1], a[0], a[2]);
    }
    const andAt = a.indexOf('-o');
    if (andAt > 0) return expr(a.slice(0, andAt)) || expr(a.slice(andAt + 1));
    const orAt = a.indexOf('-a');
    if (orAt > 0) return expr(a.slice(0, orAt)) && expr(a.slice(orAt + 1));
    if (a[0] === '(' && a[a.length - 1] === ')') return expr(a.slice(1, -1));
    throw new TestError('too many arguments');
  };
  return expr(args);
}
