// grep (GNU grep 3.8): prints lines matching basic (default), extended (-E), fixed (-F) or
// Perl-like (-P) patterns, with -v -i -w -x -c -o -q -s -n -b -h -H -l -L -m, context (-A -B
// -C), -r/-R over directories (--include/--exclude), and status 0 / 1 (no match) / 2 (error).
import type { FsNode } from '../../fs/vfs.ts';
import { globMatch } from '../../shell/pattern.ts';
import type { CommandContext } from '../types.ts';
import { parseOptions, UsageError } from './args.ts';
import { byteLength, readSource } from './files.ts';
import { escapeRegExp, RegexError, topLevelAlternatives, translateRegex } from './regex.ts';

interface GrepOptions {
  invert: boolean;
  count: boolean;
  only: boolean;
  quiet: boolean;
  noMessages: boolean;
  lineNumber: boolean;
  byteOffset: boolean;
  withFilename: boolean | null;
  filesWith: boolean;
  filesWithout: boolean;
  maxCount: number;
  after: number;
  before: number;
  label: string;
  nullAfterName: boolean;
  text: boolean;
}

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

function compilePatterns(
  ctx: CommandContext,
  patterns: string[],
  mode: 'G' | 'E' | 'F' | 'P',
  ignoreCase: boolean,
  word: boolean,
  line: boolean,
): RegExp[] | null {
  const out: RegExp[] = [];
  const warned = new Set<string>();
  for (const p of patterns) {
    let source: string;
    let flags = 'gsu';
    try {
      if (mode === 'F') source = escapeRegExp(p);
      else if (mode === 'P') {
        source = p;
        flags = 'gs';
      } else {
        const t = translateRegex(p, { extended: mode === 'E' });
        for (const w of t.warnings) {
          if (!warned.has(w)) ctx.stderr.write(`grep: warning: ${w}\n`);
          warned.add(w);
        }
        source = t.source;
      }
    } catch (e) {
      if (e instanceof RegexError) {
        ctx.stderr.write(`grep: ${e.message}\n`);
        return null;
      }
      throw e;
    }
    if (word && mode === 'P') flags = 'gsu';
    for (const alternative of mode === 'P' || mode === 'F' ? [source] : topLevelAlternatives(source)) {
      let wrapped = alternative;
      if (line) wrapped = `^(?:${alternative})$`;
      else if (word) wrapped = `(?<![\\p{L}\\p{N}_])(?:${alternative})(?![\\p{L}\\p{N}_])`;
      try {
        out.push(new RegExp(wrapped, flags + (ignoreCase ? 'i' : '')));
      } catch {
        ctx.stderr.write(
          mode === 'P' ? 'grep: unmatched parentheses\n' : 'grep: Invalid regular expression\n',
        );
        return null;
      }
    }
  }
  return out;
}

/** The leftmost (then longest) match of any pattern at or after `from`. */
function firstMatch(res: RegExp[], text: string, from: number): { index: number; end: number } | null {
  let best: { index: number; end: number } | null = null;
  for (const re of res) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) continue;
    const cand = { index: m.index, end: m.index + m[0].length };
    if (!best || cand.index < best.index || (cand.index === best.index && cand.end > best.end)) best = cand;
  }
  return best;
}

export function grep(ctx: CommandContext): number {
  // -NUM means -C NUM, unless it is the value of an option that takes one.
  const takesValue =
    /^-[efmABCd]$|^--(regexp|file|max-count|after-context|before-context|context|label|include|exclude|exclude-dir|binary-files)$/;
  const argv = ctx.argv.map((a, i) =>
    i > 0 && /^-\d+$/.test(a) && !takesValue.test(ctx.argv[i - 1]) ? `-C${a.slice(1)}` : a,
  );
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv, {
      short: 'EFGPvicoqswxnbhHlLrRe:f:m:A:B:C:yZzaIUT',
      long: {
        'extended-regexp': 'E',
        'fixed-strings': 'F',
        'basic-regexp': 'G',
        'perl-regexp': 'P',
        'invert-match': 'v',
        'ignore-case': 'i',
        'no-ignore-case': 'no-i',
        count: 'c',
        'only-matching': 'o',
        quiet: 'q',
        silent: 'q',
        'no-messages': 's',
        'word-regexp': 'w',
        'line-regexp': 'x',
        'line-number': 'n',
        'byte-offset': 'b',
        'no-filename': 'h',
        'with-filename': 'H',
        'files-with-matches': 'l',
        'files-without-match': 'L',
        recursive: 'r',
        'dereference-recursive': 'R',
        'regexp:': 'e',
        'file:': 'f',
        'max-count:': 'm',
        'after-context:': 'A',
        'before-context:': 'B',
        'context:': 'C',
        'color::': 'color',
        'colour::': 'color',
        'include:': 'include',
        'exclude:': 'exclude',
        'exclude-dir:': 'exclude-dir',
        'label:': 'label',
        null: 'Z',
        'null-data': 'z',
        text: 'a',
        'binary-files:': 'binary-files',
        'initial-tab': 'T',
        'line-buffered': 'lb',
      },
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // getopt's message is followed by grep's short usage.
    ctx.stderr.write(`grep: ${e.message}\n${USAGE}`);
    return 2;
  }
  let mode: 'G' | 'E' | 'F' | 'P' = 'G';
  let ignoreCase = false;
  let word = false;
  let lineMatch = false;
  let recursive: 'no' | 'r' | 'R' = 'no';
  let patterns: string[] | null = null;
  const includes: string[] = [];
  const excludes: string[] = [];
  const excludeDirs: string[] = [];
  let nullData = false;
  const o: GrepOptions = {
    invert: false,
    count: false,
    only: false,
    quiet: false,
    noMessages: false,
    lineNumber: false,
    byteOffset: false,
    withFilename: null,
    filesWith: false,
    filesWithout: false,
    maxCount: -1,
    after: 0,
    before: 0,
    label: '(standard input)',
    nullAfterName: false,
    text: false,
  };
  const contextNumber = (v: string): number | null => {
    if (!/^\d+$/.test(v)) {
      ctx.stderr.write(`grep: ${v}: invalid context length argument\n`);
      return null;
    }
    return Number(v);
  };
  for (const [k, v] of parsed.options) {
    switch (k) {
      case 'E':
      case 'F':
      case 'G':
      case 'P':
        mode = k;
        break;
      case 'i':
      case 'y':
        ignoreCase = true;
        break;
      case 'no-i':
        ignoreCase = false;
        break;
      case 'v':
        o.invert = true;
        break;
      case 'c':
        o.count = true;
        break;
      case 'o':
        o.only = true;
        break;
      case 'q':
        o.quiet = true;
        break;
      case 's':
        o.noMessages = true;
        break;
      case 'w':
        word = true;
        break;
      case 'x':
        lineMatch = true;
        break;
      case 'n':
        o.lineNumber = true;
        break;
      case 'b':
        o.byteOffset = true;
        break;
      case 'h':
        o.withFilename = false;
        break;
      case 'H':
        o.withFilename = true;
        break;
      case 'l':
        o.filesWith = true;
        o.filesWithout = false;
        break;
      case 'L':
        o.filesWithout = true;
        o.filesWith = false;
        break;
      case 'r':
        recursive = recursive === 'R' ? 'R' : 'r';
        break;
      case 'R':
        recursive = 'R';
        break;
      case 'e':
        patterns = [...(patterns ?? []), ...v!.split('\n')];
        break;
      case 'f': {
        const r = readSource(ctx, v!);
        if (!r.ok) {
          ctx.stderr.write(`grep: ${v}: ${r.error}\n`);
          return 2;
        }
        const lines = r.text.split('\n');
        if (r.text.endsWith('\n')) lines.pop();
        patterns = [...(patterns ?? []), ...(r.text === '' ? [] : lines)];
        break;
      }
      case 'm':
        if (!/^-?\d+$/.test(v!)) {
          ctx.stderr.write(`grep: invalid max count\n`);
          return 2;
        }
        o.maxCount = Number(v) < 0 ? -1 : Number(v);
        break;
      case 'A':
      case 'B':
      case 'C': {
        const n = contextNumber(v!);
        if (n === null) return 2;
        if (k !== 'B') o.after = n;
        if (k !== 'A') o.before = n;
        break;
      }
      case 'include':
        includes.push(v!);
        break;
      case 'exclude':
        excludes.push(v!);
        break;
      case 'exclude-dir':
        excludeDirs.push(v!);
        break;
      case 'label':
        o.label = v!;
        break;
      case 'Z':
        o.nullAfterName = true;
        break;
      case 'z':
        nullData = true;
        break;
      case 'a':
        o.text = true;
        break;
      case 'binary-files':
        if (v === 'text') o.text = true;
        break;
    }
  }
  const operands = [...parsed.operands];
  if (patterns === null) {
    if (operands.length === 0) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    patterns = operands.shift()!.split('\n');
  }
  const res = compilePatterns(ctx, patterns, mode, ignoreCase, word, lineMatch);
  if (!res) return 2;
  const fs = ctx.proc.host.fs;
  const noOperands = operands.length === 0;
  const files = noOperands ? [recursive !== 'no' ? '.' : '-'] : operands;
  const withName = o.withFilename ?? (files.length > 1 || recursive !== 'no');
  let matchedAny = false;
  let error = false;
  let out = '';
  const flush = () => {
    if (out) ctx.stdout.write(out);
    out = '';
  };
  const sep = nullData ? '\0' : '\n';
  let anyPrinted = false;
  const searchText = (text: string, name: string): boolean => {
    const binary = !o.text && text.includes('\0') && !nullData;
    const lines = text.split(sep);
    if (text.endsWith(sep) || text === '') lines.pop();
    const offsets: number[] = [];
    if (o.byteOffset) {
      let off = 0;
      for (const l of lines) {
        offsets.push(off);
        off += byteLength(l) + 1;
      }
    }
    let selected = 0;
    let lastPrinted = -2;
    let afterLeft = 0;
    const contextOn = o.before > 0 || o.after > 0;
    const prefix = (i: number, mark: string, offset?: number) =>
      `${withName ? `${name}${o.nullAfterName ? '\0' : mark}` : ''}${o.lineNumber ? `${i + 1}${mark}` : ''}${o.byteOffset ? `${offset ?? offsets[i]}${mark}` : ''}`;
    const emit = (i: number, text: string) => {
      if (contextOn && anyPrinted && i !== lastPrinted && i !== lastPrinted + 1) out += '--\n';
      out += text;
      lastPrinted = i;
      anyPrinted = true;
    };
    const silent = o.quiet || o.count || o.filesWith || o.filesWithout || binary;
    const matches = (i: number) => (firstMatch(res, lines[i], 0) !== null) !== o.invert;
    for (let i = 0; i < lines.length; i++) {
      if (i % 256 === 0) ctx.world.budget.step();
      const limited = o.maxCount >= 0 && selected >= o.maxCount;
      if (limited && (afterLeft === 0 || silent || matches(i))) break;
      if (limited || !matches(i)) {
        if (afterLeft > 0 && !silent) {
          emit(i, `${prefix(i, '-')}${lines[i]}${sep}`);
          afterLeft--;
        }
        continue;
      }
      selected++;
      if (o.quiet) return true;
      if (silent) continue;
      for (let b = Math.max(0, lastPrinted + 1, i - o.before); b < i; b++)
        emit(b, `${prefix(b, '-')}${lines[b]}${sep}`);
      if (o.only) {
        if (!o.invert) {
          let pos = 0;
          const byteBase = o.byteOffset ? offsets[i] : 0;
          while (pos <= lines[i].length) {
            const m = firstMatch(res, lines[i], pos);
            if (!m) break;
            if (m.end > m.index) {
              const at = byteBase + byteLength(lines[i].slice(0, m.index));
              emit(i, `${prefix(i, ':', at)}${lines[i].slice(m.index, m.end)}${sep}`);
              pos = m.end;
            } else pos = m.index + 1;
          }
        }
      } else emit(i, `${prefix(i, ':')}${lines[i]}${sep}`);
      afterLeft = o.after;
    }
    if (o.count) out += `${withName ? `${name}${o.nullAfterName ? '\0' : ':'}` : ''}${selected}\n`;
    if (o.filesWith && selected > 0) out += `${name}${o.nullAfterName ? '\0' : '\n'}`;
    if (o.filesWithout && selected === 0) out += `${name}${o.nullAfterName ? '\0' : '\n'}`;
    if (binary && selected > 0 && !o.quiet && !o.count && !o.filesWith && !o.filesWithout) {
      flush();
      ctx.stderr.write(`grep: ${name}: binary file matches\n`);
    }
    return selected > 0;
  };
  const report = (message: string) => {
    error = true;
    if (!o.noMessages) {
      flush();
      ctx.stderr.write(`grep: ${message}\n`);
    }
  };
  const included = (name: string) => {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (includes.length > 0 && !includes.some((g) => globMatch(g, base))) return false;
    return !excludes.some((g) => globMatch(g, base));
  };
  const visit = (path: string, shown: string, top: boolean): boolean => {
    ctx.world.budget.step();
    const node: FsNode | null = fs.lookup(path, ctx.proc.cwd, top || recursive === 'R');
    if (!node) {
      if (top) report(`${shown}: No such file or directory`);
      return false;
    }
    if (node.type === 'dir') {
      if (recursive === 'no') {
        report(`${shown}: Is a directory`);
        return false;
      }
      const base = shown.replace(/\/+$/, '').split('/').pop() ?? '';
      if (!top && excludeDirs.some((g) => globMatch(g, base))) return false;
      let found = false;
      for (const name of [...node.children.keys()].sort()) {
        const childPath = `${path.replace(/\/+$/, '')}/${name}`;
        const childShown = top && noOperands ? name : `${shown.replace(/\/+$/, '')}/${name}`;
        if (visit(childPath, childShown, false)) {
          found = true;
          if (o.quiet) return true;
        }
      }
      return found;
    }
    if (node.type === 'symlink') return false;
    if (!top && !included(shown)) return false;
    if (top && (includes.length > 0 || excludes.length > 0) && !included(shown)) return false;
    const r = readSource(ctx, path);
    if (!r.ok) {
      report(`${shown}: ${r.error}`);
      return false;
    }
    return searchText(r.text, shown);
  };
  for (const f of files) {
    let found: boolean;
    if (f === '-') found = searchText(ctx.stdin.readAll(), o.label);
    else found = visit(f, f, true);
    if (found) {
      matchedAny = true;
      if (o.quiet) {
        flush();
        return 0;
      }
    }
  }
  flush();
  if (error && !(o.quiet && matchedAny)) return 2;
  return matchedAny ? 0 : 1;
}
