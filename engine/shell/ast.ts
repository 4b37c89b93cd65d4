// Converts mvdan-sh's GopherJS nodes into plain objects once after parsing. It reads GopherJS's
// own objects behind the exported wrappers (whose getters cost tens of microseconds each):
// pointers are objects whose constructor names the Go type, slices carry $array/$offset/$length. Field names follow mvdan/sh's Go AST; `type` names the node,
// `line` is a statement's line, `lit` a word's text when it is only literals, and `Braced`
// a word's brace-split form when it has `{a,b}` or `{1..3}`.

// biome-ignore lint/suspicious/noExplicitAny: mvdan-sh nodes are untyped GopherJS objects.
type Raw = any;

const FIELDS: Record<string, string[]> = {
  File: ['Stmts'],
  Stmt: ['Cmd', 'Negated', 'Background', 'Redirs'],
  CallExpr: ['Assigns', 'Args'],
  Assign: ['Append', 'Naked', 'Name', 'Index', 'Value', 'Array'],
  ArrayExpr: ['Elems'],
  ArrayElem: ['Index', 'Value'],
  Word: ['Parts'],
  Lit: ['Value'],
  SglQuoted: ['Dollar', 'Value'],
  DblQuoted: ['Dollar', 'Parts'],
  ParamExp: ['Short', 'Excl', 'Length', 'Width', 'Param', 'Index', 'Slice', 'Repl', 'Names', 'Exp'],
  Slice: ['Offset', 'Length'],
  Replace: ['All', 'Orig', 'With'],
  Expansion: ['Op', 'Word'],
  CmdSubst: ['Stmts'],
  ArithmExp: ['X'],
  ProcSubst: ['Op', 'Stmts'],
  ExtGlob: ['Op', 'Pattern'],
  BraceExp: ['Sequence', 'Elems'],
  BinaryCmd: ['Op', 'X', 'Y'],
  IfClause: ['Cond', 'Then', 'Else'],
  WhileClause: ['Until', 'Cond', 'Do'],
  ForClause: ['Select', 'Loop', 'Do'],
  WordIter: ['Name', 'Items'],
  CStyleLoop: ['Init', 'Cond', 'Post'],
  CaseClause: ['Word', 'Items'],
  CaseItem: ['Op', 'Patterns', 'Stmts'],
  Block: ['Stmts'],
  Subshell: ['Stmts'],
  FuncDecl: ['Name', 'Body'],
  ArithmCmd: ['X'],
  TestClause: ['X'],
  BinaryTest: ['Op', 'X', 'Y'],
  UnaryTest: ['Op', 'X'],
  ParenTest: ['X'],
  DeclClause: ['Variant', 'Args'],
  LetClause: ['Exprs'],
  TimeClause: ['Stmt'],
  CoprocClause: ['Stmt'],
  BinaryArithm: ['Op', 'X', 'Y'],
  UnaryArithm: ['Op', 'Post', 'X'],
  ParenArithm: ['X'],
  Redirect: ['Op', 'N', 'Word', 'Hdoc'],
};

export interface GoHooks {
  /** mvdan's SplitBraces on a Go *Word, returning a Go *Word. */
  splitBraces(word: Raw): Raw;
}

/** The syntax type a GopherJS value holds (`*syntax.Stmt` → `Stmt`), or null for nil and non-nodes. */
function goNodeType(v: Raw): string | null {
  const ctor = v?.constructor;
  if (!ctor || v === ctor.nil) return null;
  const name: unknown = ctor.string;
  return typeof name === 'string' && name.startsWith('*syntax.') ? name.slice(8) : null;
}

function isGoSlice(v: Raw): boolean {
  return v !== null && typeof v === 'object' && Array.isArray(v.$array) && typeof v.$length === 'number';
}

const utf8 = new TextDecoder();

/** GopherJS keeps Go strings as one char per UTF-8 byte; the wrappers decode them, and so must we. */
function goString(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return utf8.decode(bytes);
}

/** Same output as convert(), from the Go objects themselves (`File.__internal_object__`). */
export function convertGo(v: Raw, hooks: GoHooks, splitBraces = true): Raw {
  const type = goNodeType(v);
  if (type === null) return null;
  const fields = FIELDS[type];
  if (!fields) return { type };
  const out: Raw = { type };
  for (const f of fields) {
    const value = v[f];
    if (isGoSlice(value)) {
      const list: Raw[] = new Array(value.$length);
      for (let i = 0; i < value.$length; i++) list[i] = convertGo(value.$array[value.$offset + i], hooks);
      out[f] = list;
    } else if (value !== null && typeof value === 'object') out[f] = convertGo(value, hooks);
    else out[f] = typeof value === 'string' ? goString(value) : value;
  }
  if (type === 'Stmt') out.line = v.Pos().Line();
  if (type === 'WordIter') out.hasIn = v.InPos.Line() > 0;
  if (type === 'Word') {
    const parts = out.Parts as Raw[];
    out.lit = parts.every((p) => p.type === 'Lit') ? parts.map((p) => p.Value).join('') : null;
    if (splitBraces && parts.some((p) => p.type === 'Lit' && p.Value.includes('{'))) {
      // The split word is converted without splitting again: `x{a}` has no expansion and
      // would otherwise be split forever.
      const split = convertGo(hooks.splitBraces(v), hooks, false);
      if ((split.Parts as Raw[]).some((p) => p.type === 'BraceExp')) out.Braced = split;
    }
  }
  return out;
}
