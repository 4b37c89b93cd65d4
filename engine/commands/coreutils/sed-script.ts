// Parser for GNU sed scripts: addresses (N, $, /re/, \cREc, first~step, addr,+N, addr,~N,
// 0,/re/), negation, blocks, and the commands s y a i c b t T : = d D g G h H l n N p P q Q r R
// w W x z F #, with GNU's error messages and character positions.
import { rawByte } from './files.ts';
import { compileRegex, RegexError } from './regex.ts';

export class SedError extends Error {
  /** Exit status: 1 for script errors, 4 for GNU sed's "panics". */
  readonly status: number;
  constructor(message: string, status = 1) {
    super(message);
    this.status = status;
  }
}

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: RegExp | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' }
  | { kind: 'plus'; n: number }
  | { kind: 'tilde'; n: number };

export type ReplacementPart =
  | { kind: 'text'; text: string }
  | { kind: 'group'; n: number }
  | { kind: 'case'; mode: 'L' | 'U' | 'l' | 'u' | 'E' };

export interface SedCommand {
  a1: Address | null;
  a2: Address | null;
  negate: boolean;
  name: string;
  /** a, i, c text; r/R/w/W file name; b/t/T/: label. */
  text: string;
  /** a, i, c: whether the script gave any text (`a\` at the very end gives none). */
  hasText: boolean;
  /** s: the regex (null means the last regex used). */
  re: RegExp | null;
  replacement: ReplacementPart[];
  global: boolean;
  occurrence: number;
  print: number;
  /** q/Q exit code, l line length. */
  number: number;
  /** y: source and target characters. */
  from: string[];
  to: string[];
  /** For `{`: index of the matching `}`; for b/t/T: index of the target (-1 = end). */
  jump: number;
  /** Range state while the program runs. */
  active: boolean;
  endLine: number;
}

export interface SedProgram {
  commands: SedCommand[];
  /** `#n` on the first line of the script acts like -n. */
  quiet: boolean;
}

/** Where each -e / -f chunk starts in the joined script, to word errors as GNU does. */
export interface ScriptChunk {
  start: number;
  label: string;
}

export interface ParseOptions {
  extended: boolean;
  chunks: ScriptChunk[];
}

function newCommand(): SedCommand {
  return {
    a1: null,
    a2: null,
    negate: false,
    name: '',
    text: '',
    hasText: false,
    re: null,
    replacement: [],
    global: false,
    occurrence: 1,
    print: 0,
    number: 0,
    from: [],
    to: [],
    jump: -1,
    active: false,
    endLine: 0,
  };
}

export function parseSed(script: string, opts: ParseOptions): SedProgram {
  let pos = 0;
  const commands: SedCommand[] = [];
  const blocks: number[] = [];
  const fail = (message: string, at = pos): never => {
    const chunk = [...opts.chunks].reverse().find((c) => c.start <= Math.max(0, at - 1)) ?? opts.chunks[0];
    throw new SedError(`${chunk.label}, char ${at - chunk.start}: ${message}`);
  };
  const peek = () => script[pos];
  const eof = () => pos >= script.length;
  const skipSpace = () => {
    while (!eof() && (peek() === ' ' || peek() === '\t')) pos++;
  };
  const readNumber = (): number => {
    const m = /^\d+/.exec(script.slice(pos))!;
    pos += m[0].length;
    return Number(m[0]);
  };
  /** Reads up to an unescaped delimiter, turning \delim into delim and \n into a newline. */
  const readDelimited = (delim: string, what: string, isRegex: boolean): string => {
    let out = '';
    for (;;) {
      if (eof()) fail(what);
      const c = script[pos++];
      if (c === delim) return out;
      if (c === '\n' && isRegex) fail(what);
      if (c === '\\') {
        if (eof()) fail(what);
        const n = script[pos++];
        if (n === delim)
          out +=
            delim === '&' && !isRegex ? '\\&' : isRegex && /[.*[\]^$]/.test(delim) ? `\\${delim}` : delim;
        else if (n === 'n' && isRegex) out += '\\n';
        else if (n === '\n') out += isRegex ? '\\n' : '\n';
        else out += `\\${n}`;
        continue;
      }
      if (c === '[' && isRegex) {
        // Bracket expressions may contain the delimiter unescaped.
        let j = pos;
        if (script[j] === '^') j++;
        if (script[j] === ']') j++;
        while (j < script.length && script[j] !== ']' && script[j] !== '\n') {
          if (script[j] === '[' && /[:.=]/.test(script[j + 1] ?? '')) {
            const close = script.indexOf(`${script[j + 1]}]`, j + 2);
            if (close < 0) break;
            j = close + 2;
          } else j++;
        }
        if (script[j] === ']') {
          out += script.slice(pos - 1, j + 1);
          pos = j + 1;
          continue;
        }
        if (j >= script.length) fail(what, script.length);
      }
      out += c;
    }
  };
  const compile = (source: string, flags: string): RegExp | null => {
    if (source === '') return null;
    try {
      return compileRegex(source, { extended: opts.extended, charEscapes: true }, flags);
    } catch (e) {
      if (e instanceof RegexError) fail(e.message);
      throw e;
    }
  };
  const readRegexFlags = (): string => {
    let flags = '';
    while (!eof() && (peek() === 'I' || peek() === 'M')) {
      flags += peek() === 'I' ? 'i' : 'm';
      pos++;
    }
    return flags;
  };
  const readAddress = (): Address | null => {
    const c = peek();
    if (c === undefined) return null;
    if (/\d/.test(c)) {
      const n = readNumber();
      if (peek() === '~') {
        pos++;
        const step = /\d/.test(peek() ?? '') ? readNumber() : 0;
        return { kind: 'step', first: n, step };
      }
      return n === 0 ? { kind: 'zero' } : { kind: 'line', n };
    }
    if (c === '$') {
      pos++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      pos++;
      let delim = '/';
      if (c === '\\') {
        if (eof()) fail("unexpected `,'");
        delim = script[pos++];
      }
      const source = readDelimited(delim, 'unterminated address regex', true);
      const flags = readRegexFlags();
      const re = compile(source, flags);
      return { kind: 're', re };
    }
    return null;
  };
  const readLabel = (): string => {
    skipSpace();
    let label = '';
    while (!eof() && peek() !== '\n' && peek() !== ';') label += script[pos++];
    return label.trimEnd();
  };
  const readFileName = (): string => {
    skipSpace();
    let name = '';
    while (!eof() && peek() !== '\n') name += script[pos++];
    return name;
  };
  const readText = (cmd: SedCommand): string => {
    // GNU one-liner form `a text`, or `a\` followed by lines ending in backslash.
    skipSpace();
    if (peek() === '\\') {
      pos++;
      if (peek() === '\n') pos++;
    } else if (eof() || peek() === '\n') {
      fail("expected \\ after `a', `c' or `i'");
    }
    let text = '';
    cmd.hasText = !eof();
    while (!eof()) {
      const c = script[pos++];
      if (c === '\\') {
        if (eof()) break;
        const n = script[pos++];
        text += n;
        continue;
      }
      if (c === '\n') break;
      text += c;
    }
    return text;
  };
  const endOfCommand = () => {
    skipSpace();
    if (eof()) return;
    const c = peek();
    if (c === ';' || c === '\n') {
      pos++;
      return;
    }
    if (c === '}' || c === '#') return;
    fail('extra characters after command', pos + 1);
  };
  const quiet = /^#n\n/.test(script) || script === '#n';
  while (!eof()) {
    const c = peek();
    if (c === ' ' || c === '\t' || c === '\n' || c === ';') {
      pos++;
      continue;
    }
    const cmd = newCommand();
    cmd.a1 = readAddress();
    if (cmd.a1) {
      skipSpace();
      if (peek() === ',') {
        pos++;
        skipSpace();
        if (peek() === '+' || peek() === '~') {
          const kind = peek() === '+' ? 'plus' : 'tilde';
          pos++;
          if (!/\d/.test(peek() ?? '')) fail('expected newer version of sed');
          const n = readNumber();
          cmd.a2 = kind === 'plus' ? { kind: 'plus', n } : { kind: 'tilde', n };
        } else {
          const a2 = readAddress();
          if (!a2) return fail("unexpected `,'");
          if (a2.kind === 'zero') fail('invalid usage of line address 0');
          cmd.a2 = a2.kind === 'step' ? { kind: 'line', n: a2.first } : a2;
        }
      }
    }
    skipSpace();
    while (peek() === '!') {
      cmd.negate = true;
      pos++;
      skipSpace();
    }
    if (eof()) fail('missing command');
    const name = script[pos++];
    cmd.name = name;
    if (cmd.a1?.kind === 'zero' && !(cmd.a2 && cmd.a2.kind === 're')) fail('invalid usage of line address 0');
    const oneAddr = () => {
      if (cmd.a2) fail('command only uses one address');
    };
    switch (name) {
      case '{':
        blocks.push(commands.length);
        commands.push(cmd);
        continue;
      case '}': {
        if (cmd.a1) fail("unexpected `}'");
        if (blocks.length === 0) fail("unexpected `}'");
        const open = blocks.pop()!;
        commands[open].jump = commands.length;
        endOfCommand();
        continue;
      }
      case '#':
        if (cmd.a1) fail("comments don't accept any addresses");
        while (!eof() && peek() !== '\n') pos++;
        continue;
      case ':': {
        if (cmd.a1) fail(": doesn't want any addresses");
        const label = readLabel();
        if (label === '') fail('":" lacks a label');
        cmd.text = label;
        if (peek() === ';') pos++;
        break;
      }
      case 'a':
      case 'i':
      case 'c':
        if (name !== 'c') oneAddr();
        cmd.text = readText(cmd);
        break;
      case 'b':
      case 't':
      case 'T':
        cmd.text = readLabel();
        if (peek() === ';') pos++;
        break;
      case 'r':
      case 'R':
      case 'w':
      case 'W':
        cmd.text = readFileName();
        if (cmd.text === '') fail(`missing filename in r/R/w/W commands`);
        break;
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        endOfCommand();
        break;
      case 'l':
      case 'q':
      case 'Q':
      case 'L':
        if (name === 'q' || name === 'Q') oneAddr();
        skipSpace();
        cmd.number = /\d/.test(peek() ?? '') ? readNumber() : name === 'l' ? -1 : 0;
        endOfCommand();
        break;
      case 's': {
        if (eof()) fail("unterminated `s' command");
        const delim = script[pos++];
        if (delim === '\n' || delim === '\\') fail("unterminated `s' command");
        const source = readDelimited(delim, "unterminated `s' command", true);
        const repl = readDelimited(delim, "unterminated `s' command", false);
        let flags = '';
        let gotNumber = false;
        for (;;) {
          const f = peek();
          if (f === 'g') {
            if (cmd.global) fail("multiple `g' options to `s' command", pos + 1);
            cmd.global = true;
            pos++;
          } else if (f === 'p') {
            if (cmd.print) fail("multiple `p' options to `s' command", pos + 1);
            cmd.print++;
            pos++;
          } else if (f === 'i' || f === 'I') {
            flags += 'i';
            pos++;
          } else if (f === 'm' || f === 'M') {
            flags += 'm';
            pos++;
          } else if (f === 'e') pos++;
          else if (f !== undefined && /\d/.test(f)) {
            if (gotNumber) fail("multiple number options to `s' command", pos + 1);
            const n = readNumber();
            if (n === 0) fail("number option to `s' command may not be zero");
            cmd.occurrence = n;
            gotNumber = true;
          } else if (f === 'w') {
            pos++;
            cmd.text = readFileName();
            break;
          } else break;
        }
        skipSpace();
        if (!eof() && peek() !== ';' && peek() !== '\n' && peek() !== '}' && peek() !== '#')
          fail("unknown option to `s'", pos + 1);
        if (peek() === ';' || peek() === '\n') pos++;
        cmd.re = compile(source, flags);
        cmd.replacement = parseReplacement(repl);
        const maxRef = Math.max(0, ...cmd.replacement.map((p) => (p.kind === 'group' ? p.n : 0)));
        if (cmd.re && maxRef > countGroups(cmd.re))
          fail(`invalid reference \\${maxRef} on \`s' command's RHS`);
        break;
      }
      case 'y': {
        if (eof()) fail("unterminated `y' command");
        const delim = script[pos++];
        const unescapeY = (s: string) => [
          ...s.replace(/\\(.)/gs, (_, ch) => (ch === 'n' ? '\n' : ch === '\\' ? '\\' : ch)),
        ];
        const from = unescapeY(readDelimited(delim, "unterminated `y' command", false));
        const to = unescapeY(readDelimited(delim, "unterminated `y' command", false));
        if (from.length !== to.length) fail("strings for `y' command are different lengths");
        cmd.from = from;
        cmd.to = to;
        endOfCommand();
        break;
      }
      default:
        fail(`unknown command: \`${name}'`);
    }
    commands.push(cmd);
  }
  if (blocks.length > 0) {
    const chunk = opts.chunks[0];
    throw new SedError(`${chunk.label}, char 0: unmatched \`{'`);
  }
  // Resolve branch targets.
  for (const cmd of commands) {
    if (cmd.name !== 'b' && cmd.name !== 't' && cmd.name !== 'T') continue;
    if (cmd.text === '') {
      cmd.jump = -1;
      continue;
    }
    const target = commands.findIndex((c) => c.name === ':' && c.text === cmd.text);
    if (target < 0) throw new SedError(`can't find label for jump to \`${cmd.text}'`, 4);
    cmd.jump = target;
  }
  return { commands, quiet };
}

function countGroups(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
}

function parseReplacement(text: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let buf = '';
  const flush = () => {
    if (buf) parts.push({ kind: 'text', text: buf });
    buf = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '&') {
      flush();
      parts.push({ kind: 'group', n: 0 });
      continue;
    }
    if (c !== '\\' || i === text.length - 1) {
      buf += c;
      continue;
    }
    const n = text[++i];
    if (/\d/.test(n)) {
      flush();
      parts.push({ kind: 'group', n: Number(n) });
    } else if ('LUluE'.includes(n)) {
      flush();
      parts.push({ kind: 'case', mode: n as 'L' });
    } else if (n === 'n') buf += '\n';
    else if (n === 't') buf += '\t';
    else if (n === 'r') buf += '\r';
    else if (n === 'f') buf += '\f';
    else if (n === 'v') buf += '\v';
    else if (n === 'a') buf += '\x07';
    else if (n === 'x' && /^[0-9a-fA-F]/.test(text.slice(i + 1))) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))![0];
      buf += rawByte(Number.parseInt(hex, 16));
      i += hex.length;
    } else if (n === 'o' && /^[0-7]/.test(text.slice(i + 1))) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      buf += rawByte(Number.parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else if (n === 'd' && /^\d/.test(text.slice(i + 1))) {
      const dec = /^\d{1,3}/.exec(text.slice(i + 1))![0];
      buf += rawByte(Number(dec) & 0xff);
      i += dec.length;
    } else if (n === 'c' && i + 1 < text.length) {
      buf += String.fromCharCode(text.charCodeAt(++i) & 0x1f);
    } else buf += n;
  }
  flush();
  return parts;
}
