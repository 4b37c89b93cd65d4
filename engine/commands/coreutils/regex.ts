// POSIX basic and extended regular expressions (with the GNU extensions grep, sed, awk and
// expr accept) translated to JavaScript RegExp source, with glibc's error messages.
// JavaScript picks the leftmost-first alternative where POSIX wants the longest; notes rarely
// depend on the difference.

export class RegexError extends Error {}

export interface RegexOptions {
  extended: boolean;
  /** awk: backslash escapes work inside brackets, and `\/` `\"` are plain. */
  awk?: boolean;
  /** sed and awk: \n \t \r \f \v \a and \xHH name characters. */
  charEscapes?: boolean;
  /** ERE `{m,n}` intervals (mawk 1.3.4 takes braces literally). Default true. */
  intervals?: boolean;
}

export interface Translation {
  source: string;
  /** Number of capture groups. */
  groups: number;
  /** Non-fatal diagnostics (grep prints them as "warning: ..."). */
  warnings: string[];
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

const CHAR_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };

function escapeClassChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  return /[\\\][^-]/.test(c) ? `\\${c}` : c;
}

function escapeLiteral(c: string): string {
  if (c === '\n') return '\\n';
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Parses a bracket expression starting after `[`; returns the JS class and the index after `]`. */
function parseBracket(p: string, start: number, opts: RegexOptions): { source: string; end: number } {
  let j = start;
  let negate = false;
  if (p[j] === '^') {
    negate = true;
    j++;
  }
  const parts: string[] = [];
  let first = true;
  const unmatched = () => new RegexError('Unmatched [, [^, [:, [., or [=');
  const readElement = (): { char?: string; cls?: string } => {
    const c = p[j];
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '.' || p[j + 1] === '=')) {
      const kind = p[j + 1];
      const close = p.indexOf(`${kind}]`, j + 2);
      if (close < 0) throw unmatched();
      const name = p.slice(j + 2, close);
      j = close + 2;
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError('Invalid character class name');
        return { cls };
      }
      if ([...name].length !== 1) throw new RegexError('Invalid collation character');
      return { char: name };
    }
    if (opts.charEscapes && !opts.awk && c === '\\' && (p[j + 1] ?? '') in CHAR_ESCAPES) {
      // GNU sed turns \n, \t, ... into their characters even inside brackets.
      const ch = CHAR_ESCAPES[p[j + 1]];
      j += 2;
      return { char: ch };
    }
    if (opts.awk && c === '\\' && j + 1 < p.length) {
      const n = p[j + 1];
      j += 2;
      if (n in CHAR_ESCAPES) return { char: CHAR_ESCAPES[n] };
      return { char: n };
    }
    const cp = p.codePointAt(j)!;
    const ch = String.fromCodePoint(cp);
    j += ch.length;
    return { char: ch };
  };
  for (;;) {
    if (j >= p.length) throw unmatched();
    if (p[j] === ']' && !first) {
      j++;
      break;
    }
    first = false;
    const el = readElement();
    if (el.cls !== undefined) {
      parts.push(el.cls);
      continue;
    }
    const lo = el.char!;
    if (p[j] === '-' && j + 1 < p.length && p[j + 1] !== ']') {
      j++;
      const hiEl = readElement();
      if (hiEl.cls !== undefined) throw new RegexError('Invalid range end');
      const hi = hiEl.char!;
      if (hi.codePointAt(0)! < lo.codePointAt(0)!) throw new RegexError('Invalid range end');
      parts.push(`${escapeClassChar(lo)}-${escapeClassChar(hi)}`);
      continue;
    }
    parts.push(escapeClassChar(lo));
  }
  return { source: `[${negate ? '^' : ''}${parts.join('')}]`, end: j };
}

/** Translates a POSIX regular expression to JavaScript RegExp source. */
export function translateRegex(pattern: string, opts: RegexOptions): Translation {
  const ere = opts.extended;
  const out: string[] = [];
  const warnings: string[] = [];
  /** Index in `out` where the last quantifiable atom starts, or -1. */
  let atom = -1;
  let quantified = false;
  const open: number[] = [];
  let groups = 0;
  let closedGroups = 0;
  let atStart = true;
  const pushAtom = (s: string) => {
    atom = out.length;
    out.push(s);
    quantified = false;
    atStart = false;
  };
  const quantify = (q: string, name: string) => {
    if (atom < 0) {
      if (ere) {
        if (!warnings.includes(`${name} at start of expression`))
          warnings.push(`${name} at start of expression`);
        return;
      }
      pushAtom(escapeLiteral(name));
      return;
    }
    if (quantified) {
      const inner = out.splice(atom).join('');
      out.push(`(?:${inner})`);
    }
    out.push(q);
    quantified = true;
    atStart = false;
  };
  const interval = (body: string): string => {
    const m = /^(\d*)(,?)(\d*)$/.exec(body);
    if (!m || (m[1] === '' && m[2] === '' && m[3] === '')) throw new RegexError('Invalid content of \\{\\}');
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[3] === '' ? undefined : Number(m[3]);
    if (hi !== undefined && hi < lo) throw new RegexError('Invalid content of \\{\\}');
    if (lo > 32767 || (hi ?? 0) > 32767) throw new RegexError('Regular expression too big');
    return m[2] ? `{${lo},${hi ?? ''}}` : `{${lo}}`;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 >= pattern.length) throw new RegexError('Trailing backslash');
      const n = pattern[++i];
      if (!ere && n === '(') {
        open.push(out.length);
        out.push('(');
        groups++;
        atom = -1;
        atStart = true;
      } else if (!ere && n === ')') {
        if (open.length === 0) throw new RegexError('Unmatched ) or \\)');
        out.push(')');
        atom = open.pop()!;
        closedGroups++;
        quantified = false;
        atStart = false;
      } else if (!ere && n === '|') {
        out.push('|');
        atom = -1;
        atStart = true;
      } else if (!ere && n === '{') {
        const close = pattern.indexOf('\\}', i + 1);
        if (close < 0) throw new RegexError('Unmatched \\{');
        const q = interval(pattern.slice(i + 1, close));
        i = close + 1;
        quantify(q, '\\{');
      } else if (!ere && (n === '+' || n === '?')) {
        quantify(n, n);
      } else if (n >= '1' && n <= '9') {
        if (Number(n) > closedGroups) throw new RegexError('Invalid back reference');
        pushAtom(`\\${n}`);
      } else if (n === '<') out.push('\\b(?=\\w)');
      else if (n === '>') out.push('\\b(?<=\\w)');
      else if (n === 'b' || n === 'B') out.push(`\\${n}`);
      else if (n === '`') out.push('^');
      else if (n === "'") out.push('$');
      else if (n === 'w' || n === 'W' || n === 's' || n === 'S') pushAtom(`\\${n}`);
      else if (opts.charEscapes && n in CHAR_ESCAPES) pushAtom(escapeLiteral(CHAR_ESCAPES[n]));
      else if (opts.charEscapes && n === 'x' && /^[0-9a-fA-F]/.test(pattern.slice(i + 1))) {
        const hex = /^[0-9a-fA-F]{1,2}/.exec(pattern.slice(i + 1))![0];
        i += hex.length;
        pushAtom(escapeLiteral(String.fromCharCode(Number.parseInt(hex, 16))));
      } else pushAtom(escapeLiteral(n));
      continue;
    }
    if (c === '[') {
      const { source, end } = parseBracket(pattern, i + 1, opts);
      const text = pattern.slice(i, end);
      if (/^\[:.+:\]$/.test(text)) throw new RegexError(`character class syntax is [${text}], not ${text}`);
      pushAtom(source);
      i = end - 1;
      continue;
    }
    if (c === '.') {
      pushAtom('.');
      continue;
    }
    if (c === '*') {
      quantify('*', '*');
      continue;
    }
    if (c === '^') {
      if (ere || atStart) {
        out.push('^');
        atom = -1;
      } else pushAtom('\\^');
      continue;
    }
    if (c === '$') {
      const rest = pattern.slice(i + 1);
      if (ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) out.push('$');
      else pushAtom('\\$');
      continue;
    }
    if (ere) {
      if (c === '(') {
        open.push(out.length);
        out.push('(');
        groups++;
        atom = -1;
        atStart = true;
        continue;
      }
      if (c === ')') {
        if (open.length === 0) {
          pushAtom('\\)');
          continue;
        }
        out.push(')');
        atom = open.pop()!;
        closedGroups++;
        quantified = false;
        atStart = false;
        continue;
      }
      if (c === '|') {
        out.push('|');
        atom = -1;
        atStart = true;
        continue;
      }
      if (c === '+' || c === '?') {
        quantify(c, c);
        continue;
      }
      if (c === '{' && opts.intervals !== false) {
        const m = /^\{(\d*,?\d*)\}/.exec(pattern.slice(i));
        if (m && m[1] !== '' && m[1] !== ',') {
          if (atom < 0) {
            pushAtom('\\{');
            continue;
          }
          quantify(interval(m[1]), '{');
          i += m[0].length - 1;
          continue;
        }
        pushAtom('\\{');
        continue;
      }
    }
    const cp = pattern.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length - 1;
    pushAtom(escapeLiteral(ch));
  }
  if (open.length > 0) throw new RegexError('Unmatched ( or \\(');
  return { source: out.join(''), groups, warnings };
}

/** Compiles a POSIX regex to a RegExp with the given extra flags (g, i, m, y). */
export function compileRegex(pattern: string, opts: RegexOptions, flags = ''): RegExp {
  const { source } = translateRegex(pattern, opts);
  try {
    return new RegExp(source, `su${flags}`);
  } catch {
    throw new RegexError('Invalid regular expression');
  }
}

/**
 * Splits translated RegExp source at its top-level `|`, so a caller can try each alternative
 * and keep the longest match as POSIX does (JavaScript stops at the first that matches).
 * Sources with back-references stay whole: splitting would renumber their groups.
 */
export function topLevelAlternatives(source: string): string[] {
  if (/\\[1-9]/.test(source)) return [source];
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** A literal string as RegExp source. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
