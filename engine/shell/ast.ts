// Converts mvdan-sh's GopherJS nodes (slow getters that rebuild arrays on every access) into
// plain objects once after parsing. Field names follow mvdan/sh's Go AST; `type` names the node,
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

export interface Hooks {
  nodeType(raw: Raw): string;
  splitBraces(word: Raw): Raw;
}

/** Fields holding plain structs that mvdan's NodeType does not name. */
const STRUCT_FIELDS: Record<string, string> = { Exp: 'Expansion', Slice: 'Slice', Repl: 'Replace' };

export function convert(raw: Raw, hooks: Hooks, knownType?: string, splitBraces = true): Raw {
  if (raw === null || raw === undefined) return null;
  const type = knownType ?? hooks.nodeType(raw);
  const fields = FIELDS[type];
  if (!fields) return { type };
  const out: Raw = { type };
  for (const f of fields) {
    const v = raw[f];
    if (Array.isArray(v)) out[f] = v.map((x) => convert(x, hooks));
    else if (v !== null && typeof v === 'object') out[f] = convert(v, hooks, STRUCT_FIELDS[f]);
    else out[f] = v;
  }
  if (type === 'Stmt') out.line = raw.Pos().Line();
  if (type === 'WordIter') out.hasIn = raw.InPos.Line() > 0;
  if (type === 'Word') {
    const parts = out.Parts as Raw[];
    out.lit = parts.every((p) => p.type === 'Lit') ? parts.map((p) => p.Value).join('') : null;
    if (splitBraces && parts.some((p) => p.type === 'Lit' && p.Value.includes('{'))) {
      // The split word is converted without splitting again: `x{a}` has no expansion and
      // would otherwise be split forever.
      const split = convert(hooks.splitBraces(raw), hooks, 'Word', false);
      if ((split.Parts as Raw[]).some((p) => p.type === 'BraceExp')) out.Braced = split;
    }
  }
  return out;
}
