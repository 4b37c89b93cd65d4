// paste: merges lines of files side by side (or each file onto one line with -s), joining with
// the -d delimiters in turn.

import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { readOrReport, splitLines } from './files.ts';

function delimiterList(spec: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '\\' || i === spec.length - 1) {
      out.push(spec[i]);
      continue;
    }
    const c = spec[++i];
    out.push(c === 'n' ? '\n' : c === 't' ? '\t' : c === '0' ? '' : c === '\\' ? '\\' : c);
  }
  return out;
}

export function paste(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: 'd:sz', long: { 'delimiters:': 'd', serial: 's' } });
  if (!parsed) return 1;
  let delims = ['\t'];
  let serial = false;
  for (const [k, v] of parsed.options) {
    if (k === 'd') delims = delimiterList(v!);
    else if (k === 's') serial = true;
  }
  if (delims.length === 0) delims = [''];
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  // Every `-` shares standard input, taking lines from it in turn.
  let stdinLines: string[] | null = null;
  const contents: Array<string[] | null> = [];
  const status = 0;
  for (const f of files) {
    if (f === '-') {
      stdinLines ??= splitLines(ctx.stdin.readAll()).lines;
      contents.push(null);
      continue;
    }
    const text = readOrReport(ctx, f);
    if (text === null) return 1;
    contents.push(splitLines(text).lines);
  }
  const stdinCount = contents.filter((c) => c === null).length;
  if (stdinLines && stdinCount > 0 && !serial) {
    // Deal stdin lines round-robin to each `-` operand.
    let k = 0;
    const dealt: string[][] = Array.from({ length: stdinCount }, () => []);
    for (let i = 0; i < stdinLines.length; i++) dealt[k++ % stdinCount].push(stdinLines[i]);
    let j = 0;
    for (let i = 0; i < contents.length; i++) if (contents[i] === null) contents[i] = dealt[j++];
  }
  let out = '';
  if (serial) {
    for (const c of contents) {
      const lines = c ?? (stdinLines ? stdinLines.splice(0) : []);
      out += `${lines.map((l, i) => (i === 0 ? l : delims[(i - 1) % delims.length] + l)).join('')}\n`;
    }
  } else {
    const rows = Math.max(0, ...contents.map((c) => c!.length));
    for (let r = 0; r < rows; r++) {
      let line = '';
      contents.forEach((c, i) => {
        if (i > 0) line += delims[(i - 1) % delims.length];
        line += c![r] ?? '';
      });
      out += `${line}\n`;
    }
  }
  ctx.stdout.write(out);
  return status;
}
