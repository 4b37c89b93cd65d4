// Bash glob patterns (`*`, `?`, `[...]`, `[[:class:]]`, backslash escapes) compiled to RegExps,
// for `case`, `[[ x == pat ]]`, `${x#pat}` and pathname expansion. Quoted text reaches this
// module with its metacharacters backslash-escaped (see expand.ts).

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'a-zA-Z0-9_',
};

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/;

function escapeChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? `\\${c}` : c;
}

/** Regex source for a glob; `greedy` false makes `*` lazy (for shortest-match trims). */
export function globToRegexSource(pattern: string, greedy = true): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (i < pattern.length) out += escapeChar(pattern[i]);
      else out += '\\\\';
    } else if (c === '*') {
      out += greedy ? '[\\s\\S]*' : '[\\s\\S]*?';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      const end = findBracketEnd(pattern, i);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let j = 0; j < body.length; j++) {
        if (body.startsWith('[:', j)) {
          const close = body.indexOf(':]', j + 2);
          if (close > 0) {
            cls += CLASSES[body.slice(j + 2, close)] ?? '';
            j = close + 1;
            continue;
          }
        }
        const ch = body[j];
        if (ch === '\\' && j + 1 < body.length) {
          j++;
          cls += escapeChar(body[j]);
        } else if (ch === '-' && j > 0 && j < body.length - 1) cls += '-';
        else cls += escapeChar(ch);
      }
      out += `[${negate ? '^' : ''}${cls}]`;
      i = end;
    } else {
      out += escapeChar(c);
    }
  }
  return out;
}

function findBracketEnd(pattern: string, start: number): number {
  let j = start + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern.startsWith('[:', j)) {
      const close = pattern.indexOf(':]', j + 2);
      if (close > 0) j = close + 1;
    } else if (pattern[j] === ']') return j;
  }
  return -1;
}

const cache = new Map<string, RegExp>();

export function globMatch(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${globToRegexSource(pattern)}$`);
    if (cache.size > 2000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}

/** True when the pattern has an unescaped glob metacharacter. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && findBracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

/** Removes backslash escapes (quote removal for pattern text that was not globbed). */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\([\s\S])/g, '$1');
}

export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** ${x#pat} / ${x##pat} / ${x%pat} / ${x%%pat}. */
export function trimPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  if (op === '#' || op === '##') {
    const lengths = [...Array(value.length + 1).keys()];
    if (op === '##') lengths.reverse();
    for (const n of lengths) if (globMatch(pattern, value.slice(0, n))) return value.slice(n);
    return value;
  }
  const starts = [...Array(value.length + 1).keys()];
  if (op === '%') starts.reverse();
  for (const s of starts) if (globMatch(pattern, value.slice(s))) return value.slice(0, s);
  return value;
}
