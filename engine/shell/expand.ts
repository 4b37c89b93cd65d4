// Word expansion as bash does it, in order: braces, tilde, parameters, command and arithmetic
// substitution, field splitting on IFS, pathname expansion, quote removal.
import {
  escapeGlob,
  globMatch,
  globToRegexSource,
  hasGlobChars,
  trimPattern,
  unescapeGlob,
} from './pattern.ts';
import type { ShellState } from './state.ts';
import { type Node, nodeType, PARAM_OPS } from './syntax.ts';

export interface ExpandHost {
  readonly state: ShellState;
  commandSubst(stmts: Node[]): string;
  arith(expr: Node): number;
  /** Sorted paths matching a glob pattern (escaped form), or [] when none. */
  glob(pattern: string): string[];
  /** $?, $$, $RANDOM, $LINENO and other dynamic parameters; undefined if `name` is not one. */
  special(name: string): string | undefined;
}

export class ExpansionError extends Error {}

interface Field {
  text: string;
  pattern: string;
  /** Set when quoted text (even empty) is part of the field, so it survives when empty. */
  keep: boolean;
}

/** Full expansion of command arguments into fields. */
export function expandWords(host: ExpandHost, words: Node[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    for (const braced of expandBraces((word.Braced ?? word).Parts as Node[])) {
      for (const field of expandParts(host, braced, true)) {
        if (!host.state.options.noglob && hasGlobChars(field.pattern)) {
          const matches = host.glob(field.pattern);
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(field.text);
      }
    }
  }
  return out;
}

/** Expansion without splitting or globbing (assignments, redirection targets, here-strings). */
export function expandString(host: ExpandHost, word: Node | null | undefined): string {
  if (!word) return '';
  return expandParts(host, word.Parts as Node[], false)
    .map((f) => f.text)
    .join(' ');
}

/** Expansion into a glob pattern: quoted characters come back escaped. */
export function expandPattern(host: ExpandHost, word: Node | null | undefined): string {
  if (!word) return '';
  return expandParts(host, word.Parts as Node[], false)
    .map((f) => f.pattern)
    .join(' ');
}

function expandBraces(parts: Node[]): Node[][] {
  let results: Node[][] = [[]];
  for (const part of parts) {
    if (nodeType(part) !== 'BraceExp') {
      for (const r of results) r.push(part);
      continue;
    }
    const alternatives: Node[][] = [];
    if (part.Sequence) {
      const [from, to, step] = (part.Elems as Node[]).map((w) => w.lit as string);
      for (const v of sequence(from, to, step)) alternatives.push([{ __lit: v }]);
    } else {
      for (const elem of part.Elems as Node[]) alternatives.push(...expandBraces(elem.Parts as Node[]));
    }
    const next: Node[][] = [];
    for (const r of results) for (const alt of alternatives) next.push([...r, ...alt]);
    results = next;
  }
  return results;
}

function sequence(from: string, to: string, stepText?: string): string[] {
  const step = Math.abs(Number(stepText ?? 1)) || 1;
  const numeric = /^-?\d+$/.test(from) && /^-?\d+$/.test(to);
  const a = numeric ? Number(from) : from.charCodeAt(0);
  const b = numeric ? Number(to) : to.charCodeAt(0);
  const width = numeric && (/^-?0\d/.test(from) || /^-?0\d/.test(to)) ? Math.max(from.length, to.length) : 0;
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
    out.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v));
    if (out.length > 100_000) break;
  }
  return out;
}

function expandParts(host: ExpandHost, parts: Node[], split: boolean): Field[] {
  const fields: Field[] = [];
  let cur: Field | null = null;
  const current = (): Field => {
    if (!cur) {
      cur = { text: '', pattern: '', keep: false };
      fields.push(cur);
    }
    return cur;
  };
  const literal = (text: string) => {
    const f = current();
    f.text += text;
    f.pattern += text;
  };
  const quoted = (text: string) => {
    const f = current();
    f.text += text;
    f.pattern += escapeGlob(text);
    f.keep = true;
  };
  const unquoted = (text: string) => {
    if (!split) {
      literal(text);
      return;
    }
    const ifs = host.state.get('IFS') ?? ' \t\n';
    if (ifs === '') {
      literal(text);
      return;
    }
    const white = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
    const { pieces, lead, trail } = splitIfs(text, ifs, white);
    if (lead) cur = null;
    pieces.forEach((piece, i) => {
      if (i > 0) cur = null;
      literal(piece);
      if (i < pieces.length - 1 && piece === '') current().keep = true;
    });
    if (trail) cur = null;
  };
  const fieldsBreak = () => {
    cur = null;
  };

  parts.forEach((part, index) => {
    if (part.__lit !== undefined) {
      literal(part.__lit);
      return;
    }
    switch (nodeType(part)) {
      case 'Lit': {
        let value: string = part.Value;
        if (index === 0 && value.startsWith('~')) value = expandTilde(host, value);
        const f = current();
        if (!value.includes('\\')) {
          f.text += value;
          f.pattern += value;
          break;
        }
        f.text += value.replace(/\\([\s\S])/g, '$1');
        f.pattern += value.replace(/\\([\s\S])/g, (_m, c) => escapeGlob(c));
        f.keep = true;
        break;
      }
      case 'SglQuoted':
        quoted(part.Dollar ? ansiC(part.Value) : part.Value);
        break;
      case 'DblQuoted': {
        const inner = part.Parts as Node[];
        if (inner.length === 0) quoted('');
        for (const p of inner) {
          if (nodeType(p) === 'ParamExp' && isAllElements(p)) {
            const values = paramValues(host, p);
            if (values.length === 0) continue;
            values.forEach((v, i) => {
              if (i > 0) fieldsBreak();
              quoted(v);
            });
          } else if (nodeType(p) === 'Lit') {
            quoted(unescapeDouble(p.Value));
          } else {
            quoted(expandOne(host, p));
          }
        }
        break;
      }
      case 'ParamExp':
        if (isAllElements(part) && split) {
          const values = paramValues(host, part);
          values.forEach((v, i) => {
            if (i > 0) fieldsBreak();
            unquoted(v);
          });
        } else {
          unquoted(expandOne(host, part));
        }
        break;
      default:
        unquoted(expandOne(host, part));
    }
  });
  return split
    ? fields.filter((f) => f.keep || f.text !== '')
    : fields.length
      ? fields
      : [{ text: '', pattern: '', keep: true }];
}

/** Splits unquoted expansion text on IFS; `lead`/`trail` say whether it began or ended a field. */
function splitIfs(
  text: string,
  ifs: string,
  white: string,
): { pieces: string[]; lead: boolean; trail: boolean } {
  const n = text.length;
  let i = 0;
  let lead = false;
  while (i < n && white.includes(text[i])) {
    i++;
    lead = true;
  }
  const pieces: string[] = [];
  let field = '';
  let trail = false;
  while (i < n) {
    const c = text[i];
    if (!ifs.includes(c)) {
      field += c;
      i++;
      continue;
    }
    let j = i;
    while (j < n && white.includes(text[j])) j++;
    if (j < n && ifs.includes(text[j]) && !white.includes(text[j])) {
      j++;
      while (j < n && white.includes(text[j])) j++;
    }
    pieces.push(field);
    field = '';
    i = j;
    if (i >= n) trail = true;
  }
  if (!trail && (field !== '' || !lead || pieces.length > 0)) pieces.push(field);
  return { pieces, lead, trail };
}

function expandTilde(host: ExpandHost, value: string): string {
  const m = /^~([^/]*)(.*)$/s.exec(value)!;
  if (m[1] === '') return (host.state.get('HOME') ?? '/root') + m[2];
  if (m[1] === 'root') return `/root${m[2]}`;
  return value;
}

function unescapeDouble(value: string): string {
  return value.replace(/\\([$`"\\\n])/g, (_m, c) => (c === '\n' ? '' : c));
}

function ansiC(value: string): string {
  const map: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
  };
  return value.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, c: string) => {
    if (c[0] === 'x') return String.fromCharCode(Number.parseInt(c.slice(1), 16));
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(Number.parseInt(c, 8));
    return map[c] ?? `\\${c}`;
  });
}

function isAllElements(p: Node): boolean {
  if (p.Length || p.Excl) return false;
  const name = p.Param?.Value;
  if ((name === '@' || name === '*') && !p.Index && !p.Exp && !p.Repl && !p.Slice) return name === '@';
  const idx = p.Index && nodeType(p.Index) === 'Word' ? p.Index.lit : '';
  return idx === '@' && !p.Exp && !p.Repl;
}

function paramValues(host: ExpandHost, p: Node): string[] {
  const name: string = p.Param.Value;
  if (name === '@' || name === '*') return sliceValues(host, p, host.state.positional);
  const v = host.state.lookup(name);
  if (!v) return [];
  const values =
    typeof v.value === 'string'
      ? [v.value]
      : Array.isArray(v.value)
        ? v.value.filter((x) => x !== undefined)
        : [...v.value.values()];
  return sliceValues(host, p, values);
}

function sliceValues(host: ExpandHost, p: Node, values: string[]): string[] {
  if (!p.Slice) return values;
  const off = host.arith(p.Slice.Offset);
  const start = off < 0 ? Math.max(0, values.length + off) : off;
  const len = p.Slice.Length ? host.arith(p.Slice.Length) : values.length;
  return values.slice(start, start + len);
}

function scalar(host: ExpandHost, name: string, p: Node): string | undefined {
  const special = host.special(name);
  if (special !== undefined) return special;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n === 0 ? host.state.name : host.state.positional[n - 1];
  }
  const v = host.state.lookup(name);
  if (!v) return undefined;
  if (p.Index) {
    const idxText = nodeType(p.Index) === 'Word' ? (p.Index.lit as string) : '';
    if (idxText === '@' || idxText === '*') {
      const vals =
        typeof v.value === 'string' ? [v.value] : Array.isArray(v.value) ? v.value : [...v.value.values()];
      return vals
        .filter((x) => x !== undefined)
        .join(idxText === '*' ? ((host.state.get('IFS') ?? ' ')[0] ?? '') : ' ');
    }
    if (v.value instanceof Map)
      return v.value.get(
        nodeType(p.Index) === 'Word' ? expandString(host, p.Index) : String(host.arith(p.Index)),
      );
    const i = host.arith(p.Index);
    if (typeof v.value === 'string') return i === 0 ? v.value : undefined;
    return v.value[i < 0 ? v.value.length + i : i];
  }
  if (typeof v.value === 'string') return v.value;
  if (Array.isArray(v.value)) return v.value[0];
  return v.value.get('0');
}

/** Expands one non-literal word part (parameter, substitution, arithmetic) to a string. */
function expandOne(host: ExpandHost, part: Node): string {
  switch (nodeType(part)) {
    case 'CmdSubst':
      return host.commandSubst(part.Stmts as Node[]).replace(/\n+$/, '');
    case 'ArithmExp':
      return String(host.arith(part.X));
    case 'ParamExp':
      return paramExp(host, part);
    case 'SglQuoted':
      return part.Value;
    case 'DblQuoted':
      return expandParts(host, part.Parts as Node[], false)
        .map((f) => f.text)
        .join('');
    case 'Lit':
      return part.Value;
    case 'ProcSubst':
      throw new ExpansionError('process substitution is not supported by the engine');
    case 'ExtGlob':
      return `${part.Op === undefined ? '' : ''}${part.Pattern?.Value ?? ''}`;
    default:
      throw new ExpansionError(`unsupported expansion: ${nodeType(part)}`);
  }
}

function paramExp(host: ExpandHost, p: Node): string {
  const name: string = p.Param?.Value ?? '';
  if (p.Length) {
    if (name === '@' || name === '#' || name === '*') return String(host.state.positional.length);
    const v = host.state.lookup(name);
    const idx = p.Index && nodeType(p.Index) === 'Word' ? p.Index.lit : '';
    if (v && (idx === '@' || idx === '*')) {
      return String(
        typeof v.value === 'string'
          ? 1
          : Array.isArray(v.value)
            ? v.value.filter((x) => x !== undefined).length
            : v.value.size,
      );
    }
    return String([...(scalar(host, name, p) ?? '')].length);
  }
  if (p.Excl) {
    if (p.Index && nodeType(p.Index) === 'Word' && ['@', '*'].includes(p.Index.lit)) {
      const v = host.state.lookup(name);
      if (!v) return '';
      if (v.value instanceof Map) return [...v.value.keys()].join(' ');
      if (Array.isArray(v.value))
        return v.value
          .map((_x, i) => String(i))
          .filter((_k, i) => (v.value as string[])[i] !== undefined)
          .join(' ');
      return '0';
    }
    const target = scalar(host, name, p);
    return target === undefined ? '' : (scalar(host, target, { Index: null }) ?? '');
  }
  let value = name === '@' || name === '*' ? host.state.positional.join(' ') : scalar(host, name, p);
  if (p.Slice) {
    const chars = [...(value ?? '')];
    if (name === '@' || name === '*') return sliceValues(host, p, host.state.positional).join(' ');
    const off = host.arith(p.Slice.Offset);
    const start = off < 0 ? Math.max(0, chars.length + off) : off;
    let len = p.Slice.Length ? host.arith(p.Slice.Length) : chars.length;
    if (len < 0) len = Math.max(0, chars.length + len - start);
    return chars.slice(start, start + len).join('');
  }
  if (p.Repl) {
    const orig = expandPattern(host, p.Repl.Orig);
    const withText = expandString(host, p.Repl.With);
    return replacePattern(value ?? '', orig, withText, p.Repl.All);
  }
  if (p.Exp) {
    const op = PARAM_OPS.get(p.Exp.Op);
    const word = () => expandString(host, p.Exp.Word);
    const unsetOrNull = value === undefined || (op?.startsWith(':') && value === '');
    switch (op) {
      case ':-':
      case '-':
        return unsetOrNull ? word() : (value ?? '');
      case ':=':
      case '=':
        if (unsetOrNull) {
          value = word();
          host.state.set(name, value);
        }
        return value ?? '';
      case ':?':
      case '?':
        if (unsetOrNull) {
          const msg = p.Exp.Word
            ? word()
            : value === undefined
              ? 'parameter null or not set'
              : 'parameter null or not set';
          throw new ExpansionError(`${name}: ${msg}`);
        }
        return value ?? '';
      case ':+':
      case '+':
        return unsetOrNull ? '' : word();
      case '#':
      case '##':
      case '%':
      case '%%':
        return trimPattern(value ?? '', expandPattern(host, p.Exp.Word), op);
      case '^^':
        return (value ?? '').toUpperCase();
      case ',,':
        return (value ?? '').toLowerCase();
      case '^':
        return (value ?? '').charAt(0).toUpperCase() + (value ?? '').slice(1);
      case ',':
        return (value ?? '').charAt(0).toLowerCase() + (value ?? '').slice(1);
      default:
        throw new ExpansionError(`\${${name}}: bad substitution`);
    }
  }
  if (value === undefined && host.state.options.nounset && !['@', '*'].includes(name)) {
    throw new ExpansionError(`${name}: unbound variable`);
  }
  return value ?? '';
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  let anchor = '';
  let pat = pattern;
  if (pat.startsWith('#') || pat.startsWith('%')) {
    anchor = pat[0];
    pat = pat.slice(1);
  }
  if (pat === '') return anchor ? (anchor === '#' ? replacement + value : value + replacement) : value;
  const source = globToRegexSource(pat);
  const re = new RegExp(
    anchor === '#' ? `^${source}` : anchor === '%' ? `${source}$` : source,
    all ? 'g' : '',
  );
  return value.replace(re, () => replacement);
}

/** True when `text` matches a glob pattern (re-exported for case and [[ ]]). */
export { globMatch, unescapeGlob };

/** A here-document body: no escapes when the delimiter was quoted, else only \$ \` \\ \newline. */
export function expandHereDoc(host: ExpandHost, body: Node, delimiterQuoted: boolean): string {
  let out = '';
  for (const part of body.Parts as Node[]) {
    if (nodeType(part) === 'Lit') {
      out += delimiterQuoted
        ? part.Value
        : (part.Value as string).replace(/\\([$`\\\n])/g, (_m, c) => (c === '\n' ? '' : c));
    } else {
      out += expandOne(host, part);
    }
  }
  return out;
}
