// Word wrapping as github.com/mitchellh/go-wordwrap v1.0.1 WrapString does it (kubectl's `wrap`
// template function, pkg/util/term.NewWordWrapWriter): breaks only at white space, counts runes,
// lets a word longer than the limit overflow, and keeps the input's own line breaks.

/** Go's unicode.IsSpace, without U+00A0 which WrapString treats as part of a word. */
function isBreakingSpace(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function wrapString(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  const flushWord = () => {
    current += spaceLen + wordLen;
    out += space + word;
    space = '';
    spaceLen = 0;
    word = '';
    wordLen = 0;
  };
  for (const ch of text) {
    if (ch === '\n') {
      if (wordLen === 0) {
        // trailing spaces survive only if they still fit on the line
        if (current + spaceLen <= limit) out += space;
        space = '';
        spaceLen = 0;
      } else {
        flushWord();
      }
      out += ch;
      current = 0;
    } else if (isBreakingSpace(ch)) {
      if (spaceLen === 0 || wordLen > 0) flushWord();
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}
