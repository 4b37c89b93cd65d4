// strconv.Unquote and UnquoteChar for template string literals ("...", `...`, and 'c' rune constants).

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * One character of a quoted literal at `i`: the rune and where the next one starts, or
 * undefined when the escape is invalid (strconv.ErrSyntax).
 */
export function unquoteChar(text: string, i: number, quote: string): [string, number] | undefined {
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (ch !== '\\') return [ch, i + ch.length];
  const e = text[i + 1];
  if (e === undefined) return undefined;
  if (SIMPLE[e]) return [SIMPLE[e], i + 2];
  if (e === "'" || e === '"') return e === quote ? [e, i + 2] : undefined;
  const hexDigits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const digits = text.slice(i + 2, i + 2 + hexDigits);
    if (!new RegExp(`^[0-9a-fA-F]{${hexDigits}}$`).test(digits)) return undefined;
    const cp = Number.parseInt(digits, 16);
    if (e === 'x') return [String.fromCharCode(cp), i + 2 + hexDigits];
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    return [String.fromCodePoint(cp), i + 2 + hexDigits];
  }
  if (e >= '0' && e <= '7') {
    const digits = text.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const v = Number.parseInt(digits, 8);
    if (v > 255) return undefined;
    return [String.fromCharCode(v), i + 4];
  }
  return undefined;
}

/** strconv.Unquote: the text of a "double-quoted" or `raw` literal; undefined when invalid. */
export function unquoteGo(quoted: string): string | undefined {
  const q = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) return undefined;
  const body = quoted.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"') return undefined;
  let out = '';
  for (let i = 0; i < body.length; ) {
    if (body[i] === '\n') return undefined;
    const r = unquoteChar(body, i, q);
    if (!r) return undefined;
    out += r[0];
    i = r[1];
  }
  return out;
}
