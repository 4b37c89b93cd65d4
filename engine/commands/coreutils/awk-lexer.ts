// Tokens of the awk language: numbers, strings (with escapes), regex literals (told apart
// from division by the previous token), names, keywords, built-in function names and
// operators; newlines are tokens because they end statements.

import { rawByte } from './files.ts';

export type TokenKind =
  | 'number'
  | 'string'
  | 'regex'
  | 'name'
  | 'funcname'
  | 'builtin'
  | 'keyword'
  | 'op'
  | 'newline'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Operator or keyword text, name, or the processed string / regex source. */
  value: string;
  num?: number;
  line: number;
}

export class AwkSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

export const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'function',
  'func',
  'if',
  'else',
  'while',
  'for',
  'do',
  'break',
  'continue',
  'next',
  'nextfile',
  'exit',
  'return',
  'delete',
  'in',
  'getline',
  'print',
  'printf',
]);

export const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'sub',
  'gsub',
  'match',
  'sprintf',
  'sin',
  'cos',
  'atan2',
  'exp',
  'log',
  'sqrt',
  'int',
  'rand',
  'srand',
  'tolower',
  'toupper',
  'system',
  'close',
  'fflush',
]);

const OPERATORS = [
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '==',
  '<=',
  '>=',
  '!=',
  '++',
  '--',
  '&&',
  '||',
  '>>',
  '!~',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '>',
  '<',
  '|',
  '?',
  ':',
  '~',
  '$',
  '=',
];

/** Processes the escapes of an awk string literal (also used for -v values). */
export function unescapeAwk(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i === text.length - 1) {
      out += c;
      continue;
    }
    const n = text[++i];
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      b: '\b',
      f: '\f',
      v: '\v',
      a: '\x07',
      '\\': '\\',
      '"': '"',
      '/': '/',
    };
    if (n in simple) out += simple[n];
    else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(text.slice(i))![0];
      out += rawByte(Number.parseInt(m, 8) & 0xff);
      i += m.length - 1;
    } else out += `\\${n}`;
  }
  return out;
}

/** Tokens after which `/` divides rather than starting a regex. */
function divisionContext(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (prev.kind === 'number' || prev.kind === 'string' || prev.kind === 'name' || prev.kind === 'builtin')
    return true;
  if (prev.kind === 'regex') return true;
  return (
    prev.kind === 'op' &&
    (prev.value === ')' ||
      prev.value === ']' ||
      prev.value === '++' ||
      prev.value === '--' ||
      prev.value === '$')
  );
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const push = (kind: TokenKind, value: string, num?: number) => tokens.push({ kind, value, num, line });
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') {
      i += 3;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      push('newline', '\n');
      line++;
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(rest);
    if (num) {
      push('number', num[0], Number(num[0]));
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n') throw new AwkSyntaxError('runaway string constant', line);
        if (src[j] === '\\' && j + 1 < src.length) {
          if (src[j + 1] === '\n') {
            j += 2;
            line++;
            continue;
          }
          raw += src[j] + src[j + 1];
          j += 2;
          continue;
        }
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError('runaway string constant', line);
      push('string', unescapeAwk(raw));
      i = j + 1;
      continue;
    }
    if (c === '/' && !divisionContext(tokens[tokens.length - 1])) {
      let j = i + 1;
      let raw = '';
      let inBracket = false;
      while (j < src.length && (src[j] !== '/' || inBracket)) {
        if (src[j] === '\n') throw new AwkSyntaxError('runaway regular expression', line);
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j + 1] === '/' ? '/' : src[j] + src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === '[' && !inBracket) {
          inBracket = true;
          raw += src[j++];
          if (src[j] === '^') raw += src[j++];
          if (src[j] === ']') raw += src[j++];
          continue;
        }
        if (src[j] === ']' && inBracket) inBracket = false;
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError('runaway regular expression', line);
      push('regex', raw);
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      const w = word[0];
      i += w.length;
      if (KEYWORDS.has(w)) push('keyword', w === 'func' ? 'function' : w);
      else if (BUILTINS.has(w)) push('builtin', w);
      else if (src[i] === '(') push('funcname', w);
      else push('name', w);
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      // `**` and `**=` are not mawk syntax; a lone `*` follows.
      push('op', op);
      i += op.length;
      continue;
    }
    throw new AwkSyntaxError(`syntax error at or near ${c}`, line);
  }
  push('eof', '');
  return tokens;
}
