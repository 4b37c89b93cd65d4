// xargs: builds command lines from standard input (blank-separated words with quotes, lines
// with -I/-L, NUL-separated with -0, -d DELIM) and runs them (echo by default) with -n, -r, -t;
// statuses 123/124/125/126/127 as GNU xargs.
import { Input } from '../../shell/io.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { readSource } from './files.ts';

class InputError extends Error {}

/** Splits input into arguments the default way: blanks separate, quotes and \ protect. */
function splitWords(text: string, eof: string | null): string[] {
  const out: string[] = [];
  let current = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (has) {
        if (eof !== null && current === eof) return out;
        out.push(current);
      }
      current = '';
      has = false;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        throw new InputError(
          `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`,
        );
      }
      current += text.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      has = true;
    } else {
      current += c;
      has = true;
    }
  }
  if (has && !(eof !== null && current === eof)) out.push(current);
  return out;
}

export function xargs(ctx: CommandContext): number {
  const parsed = parseOrReport(
    ctx,
    {
      short: '0d:n:L:l::I:i::rtP:s:xE:e::a:po',
      long: {
        null: '0',
        'delimiter:': 'd',
        'max-args:': 'n',
        'max-lines::': 'l',
        'replace::': 'i',
        'no-run-if-empty': 'r',
        verbose: 't',
        'max-procs:': 'P',
        'max-chars:': 's',
        exit: 'x',
        'eof::': 'e',
        'arg-file:': 'a',
        interactive: 'p',
        'open-tty': 'o',
      },
      stopAtOperand: true,
    },
    1,
  );
  if (!parsed) return 1;
  let delim: string | null = null;
  let maxArgs = 0;
  let maxLines = 0;
  let replace: string | null = null;
  let noRunIfEmpty = false;
  let trace = false;
  let eof: string | null = null;
  let argFile: string | null = null;
  for (const [k, v] of parsed.options) {
    if (k === '0') delim = '\0';
    else if (k === 'd') delim = v === '\\n' ? '\n' : v === '\\t' ? '\t' : v!;
    else if (k === 'n') {
      if (!/^-?\d+$/.test(v!)) {
        ctx.stderr.write(
          `xargs: invalid number "${v}" for -n option\nTry 'xargs --help' for more information.\n`,
        );
        return 1;
      }
      if (Number(v) < 1) {
        ctx.stderr.write(
          `xargs: value ${v} for -n option should be >= 1\nTry 'xargs --help' for more information.\n`,
        );
        return 1;
      }
      if (replace !== null)
        ctx.stderr.write(
          'xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --replace value\n',
        );
      replace = null;
      maxArgs = Number(v);
      maxLines = 0;
    } else if (k === 'L' || k === 'l') {
      maxLines = v === undefined ? 1 : Number(v);
      maxArgs = 0;
    } else if (k === 'I' || k === 'i') {
      if (maxArgs > 0)
        ctx.stderr.write(
          'xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value\n',
        );
      maxArgs = 0;
      replace = k === 'I' ? v! : (v ?? '{}');
    } else if (k === 'r') noRunIfEmpty = true;
    else if (k === 't') trace = true;
    else if (k === 'E' || k === 'e') eof = v ?? null;
    else if (k === 'a') argFile = v!;
  }
  const command = parsed.operands.length > 0 ? parsed.operands : ['echo'];
  let text: string;
  if (argFile !== null) {
    const r = readSource(ctx, argFile);
    if (!r.ok) {
      ctx.stderr.write(`xargs: ${argFile}: ${r.error}\n`);
      return 1;
    }
    text = r.text;
  } else text = ctx.stdin.readAll();
  // Each group is one command line's worth of input arguments.
  const groups: string[][] = [];
  try {
    if (replace !== null) {
      const lines = delim !== null ? text.split(delim) : text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const line of lines) {
        const arg = delim !== null ? line : line.replace(/^[ \t]+/, '');
        if (arg === '' && delim === null) continue;
        if (eof !== null && arg === eof) break;
        groups.push([arg]);
      }
    } else if (maxLines > 0) {
      const lines = text.split('\n');
      let pending: string[] = [];
      let count = 0;
      for (const line of lines) {
        const words = splitWords(line, eof);
        if (words.length === 0) continue;
        pending.push(...words);
        if (!/[ \t]$/.test(line)) count++;
        if (count >= maxLines) {
          groups.push(pending);
          pending = [];
          count = 0;
        }
      }
      if (pending.length > 0) groups.push(pending);
    } else {
      let words: string[];
      if (delim !== null) {
        words = text.split(delim);
        if (words[words.length - 1] === '') words.pop();
      } else words = splitWords(text, eof);
      if (maxArgs > 0)
        for (let i = 0; i < words.length; i += maxArgs) groups.push(words.slice(i, i + maxArgs));
      else if (words.length > 0) groups.push(words);
    }
  } catch (e) {
    if (e instanceof InputError) {
      ctx.stderr.write(`xargs: ${e.message}\n`);
      // GNU xargs still runs the command for the arguments read before the error.
      return 1;
    }
    throw e;
  }
  if (groups.length === 0 && !noRunIfEmpty && replace === null) groups.push([]);
  let status = 0;
  for (const group of groups) {
    ctx.world.budget.step();
    const argv =
      replace !== null ? command.map((a) => a.split(replace!).join(group[0])) : [...command, ...group];
    if (trace) ctx.stderr.write(`${argv.join(' ')}\n`);
    const name = argv[0];
    if (!name.includes('/') && !ctx.which(name)) {
      ctx.stderr.write(`xargs: ${name}: No such file or directory\n`);
      return 127;
    }
    const rc = ctx.exec(argv, { stdin: new Input('') });
    if (rc === 255) {
      ctx.stderr.write(`xargs: ${name}: exited with status 255; aborting\n`);
      return 124;
    }
    if (rc === 127) return 127;
    if (rc === 126) return 126;
    if (rc > 128) {
      ctx.stderr.write(`xargs: ${name}: terminated by signal ${rc - 128}\n`);
      return 125;
    }
    if (rc !== 0) status = 123;
  }
  return status;
}
