// sed (GNU sed 4.9): runs a parsed script over files or standard input, cycle by cycle, with
// -n, -e, -f, -E/-r, -s, -i[SUFFIX], -z and -l; keeps a missing final newline as GNU sed does.
import { FsError } from '../../fs/errors.ts';
import type { CommandContext } from '../types.ts';
import { parseOptions, UsageError } from './args.ts';
import { normalizeBytes, readSource } from './files.ts';
import { type Address, parseSed, type ReplacementPart, type SedCommand, SedError } from './sed-script.ts';

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

interface Line {
  text: string;
  newline: boolean;
}

interface Stream {
  name: string;
  lines: Line[];
}

/** `l` output: escapes, octal for other non-printables, wrapped at `width` with `\`. */
function listLine(text: string, width: number): string {
  const esc: Record<string, string> = {
    '\\': '\\\\',
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  const pieces: string[] = [];
  for (const ch of text) {
    if (esc[ch]) pieces.push(esc[ch]);
    else if (ch < ' ' || ch === '\x7f') pieces.push(`\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`);
    else if (ch.charCodeAt(0) > 0x7e)
      for (const b of new TextEncoder().encode(ch)) pieces.push(`\\${b.toString(8).padStart(3, '0')}`);
    else pieces.push(ch);
  }
  let out = '';
  let col = 0;
  for (const p of pieces) {
    if (width > 1 && col + p.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += p;
    col += p.length;
  }
  return `${out}$\n`;
}

function substitute(cmd: SedCommand, re: RegExp, text: string): string | null {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let out = '';
  let last = 0;
  let count = 0;
  let replaced = false;
  let prevEnd = -1;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (m[0] === '' && m.index === prevEnd) {
      g.lastIndex = m.index + 1;
      if (m.index >= text.length) break;
      continue;
    }
    count++;
    if (count >= cmd.occurrence) {
      out += text.slice(last, m.index) + expandReplacement(cmd.replacement, m);
      last = m.index + m[0].length;
      replaced = true;
      if (!cmd.global) break;
    }
    prevEnd = m.index + m[0].length;
    if (m[0] === '') {
      if (m.index >= text.length) break;
      g.lastIndex = m.index + 1;
    }
  }
  if (!replaced) return null;
  return out + text.slice(last);
}

function expandReplacement(parts: ReplacementPart[], m: RegExpExecArray): string {
  let out = '';
  let mode: 'L' | 'U' | 'E' = 'E';
  let once: 'l' | 'u' | null = null;
  const add = (s: string) => {
    let t = mode === 'L' ? s.toLowerCase() : mode === 'U' ? s.toUpperCase() : s;
    if (once && t !== '') {
      t = (once === 'u' ? t[0].toUpperCase() : t[0].toLowerCase()) + t.slice(1);
      once = null;
    }
    out += t;
  };
  for (const p of parts) {
    if (p.kind === 'text') add(p.text);
    else if (p.kind === 'group') add(m[p.n] ?? '');
    else if (p.mode === 'l' || p.mode === 'u') once = p.mode;
    else {
      mode = p.mode;
      once = null;
    }
  }
  return out;
}

export function sed(ctx: CommandContext): number {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(ctx.argv, {
      short: 'ne:f:Eri::sl:zu',
      long: {
        quiet: 'n',
        silent: 'n',
        'expression:': 'e',
        'file:': 'f',
        'regexp-extended': 'E',
        'in-place::': 'i',
        separate: 's',
        'line-length:': 'l',
        'null-data': 'z',
        unbuffered: 'u',
        posix: 'posix',
        debug: 'debug',
        sandbox: 'sandbox',
        'follow-symlinks': 'follow',
      },
    });
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr.write(`sed: ${e.message}\n${USAGE}`);
      return 1;
    }
    throw e;
  }
  let quiet = false;
  let extended = false;
  let inPlace: string | null = null;
  let separate = false;
  let lineLength = 70;
  let sep = '\n';
  const pieces: Array<{ text: string; label: string }> = [];
  let exprCount = 0;
  for (const [k, v] of parsed.options) {
    if (k === 'n') quiet = true;
    else if (k === 'E' || k === 'r') extended = true;
    else if (k === 'i') {
      inPlace = v ?? '';
      separate = true;
    } else if (k === 's') separate = true;
    else if (k === 'z') sep = '\0';
    else if (k === 'l') lineLength = Number(v);
    else if (k === 'e') pieces.push({ text: v!, label: `-e expression #${++exprCount}` });
    else if (k === 'f') {
      const r = readSource(ctx, v!);
      if (!r.ok) {
        ctx.stderr.write(`sed: couldn't open file ${v}: ${r.error}\n`);
        return 1;
      }
      pieces.push({ text: r.text.replace(/\n$/, ''), label: `file ${v} line 1` });
    }
  }
  const operands = [...parsed.operands];
  if (pieces.length === 0) {
    if (operands.length === 0) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    pieces.push({ text: operands.shift()!, label: '-e expression #1' });
  }
  const chunks: Array<{ start: number; label: string }> = [];
  let script = '';
  for (const p of pieces) {
    if (script !== '') script += '\n';
    chunks.push({ start: script.length, label: p.label });
    script += p.text;
  }
  let program: ReturnType<typeof parseSed>;
  try {
    program = parseSed(script, { extended, chunks });
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr.write(`sed: ${e.message}\n`);
      return e.status;
    }
    throw e;
  }
  if (program.quiet) quiet = true;
  const fs = ctx.proc.host.fs;
  if (inPlace !== null && operands.length === 0) {
    ctx.stderr.write('sed: no input files\n');
    return 4;
  }
  const files = operands.length > 0 ? operands : ['-'];
  let status = 0;
  // Read every input up front (the simulated files cannot change while sed runs).
  const streams: Stream[] = [];
  for (const f of files) {
    if (inPlace !== null) {
      const node = fs.lookup(f, ctx.proc.cwd);
      if (!node) {
        ctx.stderr.write(`sed: can't read ${f}: No such file or directory\n`);
        status = 2;
        continue;
      }
      if (node.type !== 'file') {
        ctx.stderr.write(`sed: couldn't edit ${f}: not a regular file\n`);
        status = 4;
        continue;
      }
    }
    const r = readSource(ctx, f);
    if (!r.ok) {
      if (r.code === 'EISDIR') {
        // A read error is fatal: GNU sed stops there with status 4.
        ctx.stderr.write(`sed: read error on ${f}: Is a directory\n`);
        status = 4;
        break;
      }
      ctx.stderr.write(`sed: can't read ${f}: ${r.error}\n`);
      status = 2;
      continue;
    }
    const parts = r.text.split(sep);
    const lines: Line[] = parts.map((text, i) => ({ text, newline: i < parts.length - 1 }));
    if (lines.length > 0 && lines[lines.length - 1].text === '' && !lines[lines.length - 1].newline)
      lines.pop();
    streams.push({ name: f, lines });
  }
  const groups: Stream[][] = separate ? streams.map((s) => [s]) : [streams];
  const writeFiles = new Map<string, string>();
  for (const cmd of program.commands) {
    if (
      (cmd.name === 'w' || cmd.name === 'W' || (cmd.name === 's' && cmd.text)) &&
      cmd.text !== '/dev/stdout'
    )
      writeFiles.set(cmd.text, '');
  }
  let lastRegex: RegExp | null = null;
  const regexFor = (re: RegExp | null): RegExp => {
    const r = re ?? lastRegex;
    if (!r) throw new SedError('no previous regular expression');
    lastRegex = r;
    return r;
  };
  let quitStatus: number | null = null;
  try {
    for (const group of groups) {
      if (quitStatus !== null) break;
      const inputs: Array<{ line: Line; stream: Stream }> = [];
      for (const s of group) for (const line of s.lines) inputs.push({ line, stream: s });
      let out = '';
      let missingNewline = false;
      const emit = (text: string, newline = true) => {
        if (missingNewline) out += sep;
        out += text;
        if (newline) out += sep;
        missingNewline = !newline;
      };
      let index = 0;
      let lineNo = 0;
      let ps = '';
      let psNewline = true;
      let hold = '';
      let append: string[] = [];
      let currentStream = group[0];
      const isLast = () => index >= inputs.length;
      const readNext = (): boolean => {
        if (index >= inputs.length) return false;
        const { line, stream } = inputs[index++];
        currentStream = stream;
        lineNo++;
        ps = line.text;
        psNewline = line.newline;
        return true;
      };
      const flushAppend = () => {
        for (const a of append) {
          if (a.startsWith('\0r')) {
            const name = a.slice(2);
            const r = readSource(ctx, name);
            if (r.ok && r.text !== '') emit(r.text.replace(/\n$/, ''), r.text.endsWith('\n'));
          } else emit(a);
        }
        append = [];
      };
      const matchAddr = (a: Address): boolean => {
        switch (a.kind) {
          case 'line':
            return lineNo === a.n;
          case 'last':
            return isLast();
          case 're': {
            const re = regexFor(a.re);
            re.lastIndex = 0;
            return re.test(ps);
          }
          case 'step':
            return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
          case 'zero':
            return false;
          default:
            return false;
        }
      };
      const selected = (cmd: SedCommand): boolean => {
        if (!cmd.a1) return true;
        if (!cmd.a2) return matchAddr(cmd.a1);
        if (cmd.active) {
          const a2 = cmd.a2;
          if (a2.kind === 'line') {
            if (lineNo >= a2.n) cmd.active = false;
            return true;
          }
          if (a2.kind === 'plus' || a2.kind === 'tilde') {
            if (lineNo >= cmd.endLine) cmd.active = false;
            return true;
          }
          if (matchAddr(a2)) cmd.active = false;
          return true;
        }
        const starts = cmd.a1.kind === 'zero' ? lineNo === 1 : matchAddr(cmd.a1);
        if (!starts) return false;
        const a2 = cmd.a2;
        if (a2.kind === 'line') cmd.active = a2.n > lineNo;
        else if (a2.kind === 'plus') {
          cmd.endLine = lineNo + a2.n;
          cmd.active = a2.n > 0;
        } else if (a2.kind === 'tilde') {
          cmd.endLine = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
          cmd.active = cmd.endLine > lineNo;
        } else if (a2.kind === 'last') cmd.active = !isLast();
        else if (cmd.a1.kind === 'zero' && matchAddr(a2)) cmd.active = false;
        else cmd.active = true;
        return true;
      };
      const writeTo = (name: string, text: string) => {
        if (name === '/dev/stdout') emit(text);
        else if (name === '/dev/stderr') ctx.stderr.write(`${text}\n`);
        else writeFiles.set(name, `${writeFiles.get(name) ?? ''}${text}\n`);
      };
      let restartWithoutRead = false;
      cycles: for (;;) {
        if (!restartWithoutRead) {
          if (!readNext()) break;
        }
        restartWithoutRead = false;
        let substituted = false;
        let deleted = false;
        let pc = 0;
        const cmds = program.commands;
        while (pc < cmds.length) {
          ctx.world.budget.step();
          const cmd = cmds[pc];
          if (cmd.name === ':') {
            pc++;
            continue;
          }
          const hit = selected(cmd) !== cmd.negate;
          if (!hit) {
            pc = cmd.name === '{' ? cmd.jump : pc + 1;
            continue;
          }
          switch (cmd.name) {
            case '{':
              break;
            case '=':
              emit(String(lineNo));
              break;
            case 'a':
              if (cmd.hasText) append.push(cmd.text);
              break;
            case 'i':
              if (cmd.hasText) emit(cmd.text);
              break;
            case 'c':
              if (cmd.hasText && (!cmd.a2 || cmd.negate || !cmd.active)) emit(cmd.text);
              deleted = true;
              break;
            case 'b':
              pc = cmd.jump < 0 ? cmds.length : cmd.jump;
              continue;
            case 't':
            case 'T':
              if (substituted === (cmd.name === 't')) {
                substituted = false;
                pc = cmd.jump < 0 ? cmds.length : cmd.jump;
                continue;
              }
              if (cmd.name === 't') break;
              substituted = false;
              break;
            case 'd':
              deleted = true;
              break;
            case 'D': {
              const nl = ps.indexOf('\n');
              if (nl < 0) {
                deleted = true;
                break;
              }
              ps = ps.slice(nl + 1);
              flushAppend();
              restartWithoutRead = true;
              continue cycles;
            }
            case 'g':
              ps = hold;
              break;
            case 'G':
              ps += `\n${hold}`;
              break;
            case 'h':
              hold = ps;
              break;
            case 'H':
              hold += `\n${ps}`;
              break;
            case 'x':
              [ps, hold] = [hold, ps];
              break;
            case 'z':
              ps = '';
              break;
            case 'F':
              emit(currentStream.name === '-' ? '-' : currentStream.name);
              break;
            case 'l':
              out += missingNewline ? sep : '';
              missingNewline = false;
              out += listLine(ps, cmd.number < 0 ? lineLength : cmd.number);
              break;
            case 'n':
              if (isLast()) {
                if (!quiet) emit(ps, psNewline);
                flushAppend();
                break cycles;
              }
              if (!quiet) emit(ps, psNewline);
              flushAppend();
              readNext();
              break;
            case 'N':
              if (isLast()) {
                if (!quiet) emit(ps, psNewline);
                flushAppend();
                break cycles;
              }
              {
                const prev = ps;
                flushAppend();
                readNext();
                ps = `${prev}\n${ps}`;
              }
              break;
            case 'p':
              emit(ps, psNewline);
              break;
            case 'P': {
              const nl = ps.indexOf('\n');
              emit(nl < 0 ? ps : ps.slice(0, nl), nl >= 0 || psNewline);
              break;
            }
            case 'q':
              if (!quiet) emit(ps, psNewline);
              flushAppend();
              quitStatus = cmd.number;
              break cycles;
            case 'Q':
              quitStatus = cmd.number;
              break cycles;
            case 'r':
              append.push(`\0r${cmd.text}`);
              break;
            case 'R':
              append.push(`\0r${cmd.text}`);
              break;
            case 'w':
              writeTo(cmd.text, ps);
              break;
            case 'W': {
              const nl = ps.indexOf('\n');
              writeTo(cmd.text, nl < 0 ? ps : ps.slice(0, nl));
              break;
            }
            case 's': {
              const re = regexFor(cmd.re);
              const result = substitute(cmd, re, ps);
              if (result !== null) {
                ps = result;
                substituted = true;
                if (cmd.print) emit(ps, psNewline);
                if (cmd.text) writeTo(cmd.text, ps);
              }
              break;
            }
            case 'y': {
              let t = '';
              for (const ch of ps) {
                const i = cmd.from.indexOf(ch);
                t += i < 0 ? ch : cmd.to[i];
              }
              ps = t;
              break;
            }
          }
          if (deleted) break;
          pc++;
        }
        if (!deleted && !quiet) emit(ps, psNewline);
        flushAppend();
      }
      if (inPlace !== null) {
        const name = group[0].name;
        if (inPlace !== '') {
          const backup = inPlace.includes('*')
            ? inPlace.replace(/\*/g, name.split('/').pop()!)
            : name + inPlace;
          fs.writeFile(backup, fs.readFile(name, ctx.proc.cwd), { cwd: ctx.proc.cwd });
        }
        fs.writeFile(name, out, { cwd: ctx.proc.cwd });
      } else ctx.stdout.write(normalizeBytes(out));
    }
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr.write(`sed: ${e.message}\n`);
      return 4;
    }
    throw e;
  }
  for (const [name, text] of writeFiles) {
    try {
      fs.writeFile(name, text, { cwd: ctx.proc.cwd, caller: ctx.proc });
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`sed: couldn't open file ${name}: ${e.message}\n`);
      return 4;
    }
  }
  return quitStatus ?? status;
}
