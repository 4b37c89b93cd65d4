// Shell syntax via mvdan-sh (the parser behind shfmt): parses bash into its AST and names
// the numeric operator tokens, which the library exposes without names, by parsing probes.
import sh from 'mvdan-sh';
import { convertGo } from './ast.ts';

// biome-ignore lint/suspicious/noExplicitAny: mvdan-sh nodes are untyped GopherJS objects.
export type Node = any;

const { syntax } = sh;
const parser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));

export class ShellSyntaxError extends Error {
  readonly line: number;
  readonly col: number;
  readonly incomplete: boolean;
  constructor(message: string, line: number, col: number, incomplete: boolean) {
    super(message);
    this.name = 'ShellSyntaxError';
    this.line = line;
    this.col = col;
    this.incomplete = incomplete;
  }
}

/** Words made only of these characters need no quoting, expansion or operators. */
const PLAIN_WORDS = /^[A-Za-z0-9_./:@%+,-]+(?:[ \t]+[A-Za-z0-9_./:@%+,=-]+)*[ \t]*$/;

/**
 * Fast path for the most common input, lines of plain words (`ip link set veth0 up`): builds
 * the same AST mvdan-sh would, without crossing into the GopherJS parser.
 */
function parsePlain(source: string): Node | null {
  const Stmts: Node[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed === '') continue;
    if (!PLAIN_WORDS.test(trimmed) || /^[^ ]*=/.test(trimmed)) return null;
    const words = trimmed.split(/[ \t]+/);
    if (RESERVED.has(words[0])) return null;
    const Args = words.map((w) => ({ type: 'Word', Parts: [{ type: 'Lit', Value: w }], lit: w }));
    Stmts.push({
      type: 'Stmt',
      Cmd: { type: 'CallExpr', Assigns: [], Args },
      Negated: false,
      Background: false,
      Redirs: [],
      line: i + 1,
    });
  }
  return { type: 'File', Stmts };
}

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'function',
  'select',
  'time',
  'coproc',
  'in',
  '!',
  '{',
  '}',
  '[[',
  ']]',
]);

const cache = new Map<string, Node>();

/** Parses a bash script; throws ShellSyntaxError with the position of the problem. */
export function parseScript(source: string, name = ''): Node {
  const plain = parsePlain(source);
  if (plain) return plain;
  const key = `${name}\0${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = parseWithMvdan(source, name);
  if (cache.size > 500) cache.clear();
  cache.set(key, file);
  return file;
}

function parseWithMvdan(source: string, name: string): Node {
  let raw: Node;
  try {
    raw = parser.Parse(source, name);
  } catch (e: unknown) {
    const err = e as { Error?: () => string };
    if (typeof err.Error !== 'function') throw e;
    const text = typeof err.Error === 'function' ? err.Error() : String(e);
    const m = /^(?:.*?:)?(\d+):(\d+): (.*)$/s.exec(text);
    throw new ShellSyntaxError(
      m ? m[3] : text,
      m ? Number(m[1]) : 1,
      m ? Number(m[2]) : 1,
      syntax.IsIncomplete(e),
    );
  }
  return convertGo(raw.__internal_object__, GO_HOOKS);
}

const GO_HOOKS = {
  // The exported function takes a wrapper; GopherJS unwraps `__internal_object__`.
  splitBraces: (w: Node) => syntax.SplitBraces({ __internal_object__: w }).__internal_object__,
};

/** The node's type name (plain converted nodes carry it in `type`). */
export function nodeType(node: Node): string {
  return node.type;
}

export function line(node: Node): number {
  return node.line;
}

function probe(src: string, pick: (file: Node) => number): number {
  return pick(parser.Parse(src, 'probe'));
}

function table(entries: Array<[string, string, (file: Node) => number]>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [name, src, pick] of entries) out.set(probe(src, pick), name);
  return out;
}

const binCmd = (f: Node) => f.Stmts[0].Cmd.Op;
export const BIN_CMD_OPS = table([
  ['&&', 'a && b', binCmd],
  ['||', 'a || b', binCmd],
  ['|', 'a | b', binCmd],
  ['|&', 'a |& b', binCmd],
]);

const redir = (f: Node) => f.Stmts[0].Redirs[0].Op;
export const REDIRECT_OPS = table(
  (
    [
      ['>', 'a > f'],
      ['>>', 'a >> f'],
      ['<', 'a < f'],
      ['<>', 'a <> f'],
      ['<&', 'a <&0'],
      ['>&', 'a >&2'],
      ['>|', 'a >| f'],
      ['<<', 'a <<E\nE'],
      ['<<-', 'a <<-E\nE'],
      ['<<<', 'a <<< w'],
      ['&>', 'a &> f'],
      ['&>>', 'a &>> f'],
    ] as Array<[string, string]>
  ).map(([n, s]) => [n, s, redir]),
);

const arithBin = (f: Node) => f.Stmts[0].Cmd.X.Op;
export const ARITH_BIN_OPS = table(
  [
    '+',
    '-',
    '*',
    '/',
    '%',
    '**',
    '==',
    '!=',
    '<',
    '>',
    '<=',
    '>=',
    '&&',
    '||',
    '&',
    '|',
    '^',
    '<<',
    '>>',
    '=',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '&=',
    '|=',
    '^=',
    '<<=',
    '>>=',
    ',',
  ].map((op) => [op, `((a ${op} b))`, arithBin] as [string, string, (f: Node) => number]),
);
// The ternary operator is two binary nodes: a ? (b : c).
ARITH_BIN_OPS.set(probe('((a ? b : c))', arithBin), '?');
ARITH_BIN_OPS.set(
  probe('((a ? b : c))', (f) => f.Stmts[0].Cmd.X.Y.Op),
  ':',
);

const arithUn = (f: Node) => f.Stmts[0].Cmd.X.Op;
export const ARITH_UN_OPS = table([
  ['!', '((!a))', arithUn],
  ['~', '((~a))', arithUn],
  ['++', '((a++))', arithUn],
  ['--', '((a--))', arithUn],
  ['-', '((-a))', arithUn],
  ['+', '((+a))', arithUn],
]);

const testBin = (f: Node) => f.Stmts[0].Cmd.X.Op;
export const TEST_BIN_OPS = table(
  [
    '==',
    '=',
    '!=',
    '=~',
    '<',
    '>',
    '-eq',
    '-ne',
    '-lt',
    '-le',
    '-gt',
    '-ge',
    '-nt',
    '-ot',
    '-ef',
    '&&',
    '||',
  ].map((op) => [op, `[[ a ${op} b ]]`, testBin] as [string, string, (f: Node) => number]),
);
const testUn = (f: Node) => f.Stmts[0].Cmd.X.Op;
export const TEST_UN_OPS = table(
  [
    '-e',
    '-f',
    '-d',
    '-s',
    '-r',
    '-w',
    '-x',
    '-L',
    '-h',
    '-p',
    '-S',
    '-b',
    '-c',
    '-n',
    '-z',
    '-v',
    '-o',
    '-t',
    '!',
  ].map((op) => [op, `[[ ${op} a ]]`, testUn] as [string, string, (f: Node) => number]),
);

const paramOp = (f: Node) => f.Stmts[0].Cmd.Args[0].Parts[0].Exp.Op;
export const PARAM_OPS = table(
  [':-', '-', ':=', '=', ':?', '?', ':+', '+', '#', '##', '%', '%%', '^', '^^', ',', ',,'].map(
    (op) => [op, `\${a${op}b}`, paramOp] as [string, string, (f: Node) => number],
  ),
);

const caseOp = (f: Node) => f.Stmts[0].Cmd.Items[0].Op;
export const CASE_OPS = table([
  [';;', 'case a in a) b;; esac', caseOp],
  [';&', 'case a in a) b;& esac', caseOp],
  [';;&', 'case a in a) b;;& esac', caseOp],
]);
