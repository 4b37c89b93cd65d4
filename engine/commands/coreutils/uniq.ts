// uniq: collapses adjacent equal lines (-c counts, -d only repeated, -u only unique, -i, -f
// fields and -s chars skipped, -w chars compared), from INPUT to OUTPUT.

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { readSource, splitLines } from './files.ts';

export function uniq(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'cdDuif:s:w:z',
    long: {
      count: 'c',
      repeated: 'd',
      'all-repeated::': 'D',
      unique: 'u',
      'ignore-case': 'i',
      'skip-fields:': 'f',
      'skip-chars:': 's',
      'check-chars:': 'w',
      'zero-terminated': 'z',
    },
  });
  if (!parsed) return 1;
  let countIt = false;
  let repeated = false;
  let allRepeated = false;
  let unique = false;
  let ignoreCase = false;
  let skipFields = 0;
  let skipChars = 0;
  let checkChars = Number.POSITIVE_INFINITY;
  let sep = '\n';
  for (const [k, v] of parsed.options) {
    if (k === 'c') countIt = true;
    else if (k === 'd') repeated = true;
    else if (k === 'D') allRepeated = true;
    else if (k === 'u') unique = true;
    else if (k === 'i') ignoreCase = true;
    else if (k === 'z') sep = '\0';
    else {
      if (!/^\d+$/.test(v!)) {
        const what = k === 'f' ? 'fields to skip' : k === 's' ? 'bytes to skip' : 'bytes to compare';
        ctx.stderr.write(`uniq: ${v}: invalid number of ${what}\n`);
        return 1;
      }
      if (k === 'f') skipFields = Number(v);
      else if (k === 's') skipChars = Number(v);
      else checkChars = Number(v);
    }
  }
  const ops = parsed.operands;
  if (ops.length > 2) return usageError(ctx, `extra operand '${ops[2]}'`);
  if (countIt && allRepeated) {
    ctx.stderr.write(
      "uniq: printing all duplicated lines and repeat counts is meaningless\nTry 'uniq --help' for more information.\n",
    );
    return 1;
  }
  const input = ops[0] ?? '-';
  const r = readSource(ctx, input);
  if (!r.ok) {
    ctx.stderr.write(`uniq: ${input}: ${r.error}\n`);
    return 1;
  }
  const key = (line: string): string => {
    let s = line;
    for (let f = 0; f < skipFields; f++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars);
    if (checkChars !== Number.POSITIVE_INFINITY) s = s.slice(0, checkChars);
    return ignoreCase ? s.toLowerCase() : s;
  };
  const { lines } = splitLines(r.text, sep);
  let out = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    const k = key(lines[i]);
    while (j < lines.length && key(lines[j]) === k) j++;
    const n = j - i;
    if (allRepeated) {
      if (n > 1) for (let x = i; x < j; x++) out += lines[x] + sep;
    } else if ((!repeated || n > 1) && (!unique || n === 1)) {
      out += countIt ? `${String(n).padStart(7)} ${lines[i]}${sep}` : lines[i] + sep;
    }
    i = j;
  }
  if (ops[1] !== undefined) {
    ctx.proc.host.fs.writeFile(ops[1], out, { cwd: ctx.proc.cwd });
    return 0;
  }
  ctx.stdout.write(out);
  return 0;
}
